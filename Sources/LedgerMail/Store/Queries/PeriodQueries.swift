import Foundation

/// The named queries on quarter-end plans, notifications and mail-out parts.
protocol PeriodQueries {
    /// In one query, the dossier's current documents whose period day (`DocumentRecord.periodDay`)
    /// is one of `days`, each with its latest delivery, by id.
    func periodDocuments(dossier name: String, days: ClosedRange<String>) throws -> [DocumentOutcome]
    func insert(_ notification: inout NotificationRecord) throws
    func insert(_ part: inout SelfMailPartRecord) throws
    /// The parts of mail-outs of this period to this recipient, in the order sent.
    func selfMailParts(dossier name: String, period: String, recipient: String) throws -> [SelfMailPartRecord]
}
