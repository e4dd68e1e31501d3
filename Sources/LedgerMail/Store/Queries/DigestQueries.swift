import Foundation

/// The named queries on what the owner's digest reported.
protocol DigestQueries {
    /// When the dossier's last digest went out; nil before its first.
    func lastDigestSentAt(dossier name: String) throws -> Date?
    /// The deliveries of the dossier's current documents that failed, bounced or wait for a
    /// challenge answer, oldest first.
    func troubledDeliveries(dossier name: String) throws -> [TroubledDelivery]
    /// The dossier's current documents that wait for a person, oldest first.
    func heldDocuments(dossier name: String) throws -> [DocumentRecord]
    /// Replies to the dossier's deliveries, oldest first.
    func replies(dossier name: String) throws -> [ReplyToDocument]
    /// The events the dossier's digests reported.
    func reportedDigestEvents(dossier name: String) throws -> [DigestEventRecord]
    /// Records a digest sent and the events it reported (an event reported before stays with its first digest).
    func insert(_ digest: inout DigestRecord, events: [(kind: DigestEventKind, subjectID: Int64)]) throws
}
