import Foundation

/// Which current documents `status` lists: one dossier or all, narrowed by state and kind.
public struct DocumentFilter: Sendable, Equatable {
    public var dossier: String?
    /// Empty: any state.
    public var states: Set<DeliveryState>
    /// Empty: any kind (and documents without one).
    public var kinds: Set<DocumentKind>
    /// Documents of the period (by issue date, else import date), or of any.
    public var period: Period?
    /// One document only.
    public var documentID: Int64?
    /// At most this many (the first by dossier and id).
    public var limit: Int?

    public init(dossier: String? = nil, states: Set<DeliveryState> = [], kinds: Set<DocumentKind> = [], period: Period? = nil,
                documentID: Int64? = nil, limit: Int? = nil) {
        self.dossier = dossier
        self.states = states
        self.kinds = kinds
        self.period = period
        self.documentID = documentID
        self.limit = limit
    }
}
