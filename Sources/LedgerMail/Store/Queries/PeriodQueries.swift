import Foundation

/// The named queries on quarter-end plans, notifications and mail-out parts.
protocol PeriodQueries {
    /// In one query, the dossier's current documents that may belong to a period, each with its
    /// latest delivery, by id: those whose issue date (trimmed) starts with a day in `issued`,
    /// and those imported within `imported`. The caller keeps the ones its day rule places in
    /// the period; this only spares it the rest of the dossier.
    func periodCandidates(dossier name: String, issued: ClosedRange<String>, imported: Range<Date>) throws -> [DocumentOutcome]
    func insert(_ notification: inout NotificationRecord) throws
    func insert(_ part: inout SelfMailPartRecord) throws
    /// The parts of mail-outs of this period to this recipient, in the order sent.
    func selfMailParts(dossier name: String, period: String, recipient: String) throws -> [SelfMailPartRecord]
}
