import Foundation

/// One line of `dossier list`: how many current documents are in each state, how many went out
/// this quarter, and when anything last happened.
public struct DossierOverview: Sendable, Equatable {
    public var name: String
    public var company: String
    public var archived: Bool
    public var documents: Int
    /// Current documents per state (a document's state is its latest delivery's).
    public var states: [DeliveryState: Int]
    /// Documents whose latest delivery went out since the start of the quarter (the dossier's time zone).
    public var sentThisQuarter: Int
    public var lastActivity: Date?
}
