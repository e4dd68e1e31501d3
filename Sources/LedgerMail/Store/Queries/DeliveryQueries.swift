import Foundation

/// The named queries on the send queue: claiming, settling and retrying deliveries.
///
/// Many send workers may share one store (several `run` processes, on PostgreSQL several
/// machines). A worker sends a delivery only after `claim` gave it to it, with a lease; the
/// claim of a worker that died is taken over once its lease ran out, and `settle` only settles
/// a claim its worker still holds. No lock outside the store is needed for "never twice".
protocol DeliveryQueries {
    func insert(_ delivery: inout DeliveryRecord) throws
    func delivery(id: Int64) throws -> DeliveryRecord?
    /// Removes a document's held delivery (a person or a new setting decided); how many there were.
    func deleteHeldDelivery(of documentID: Int64) throws -> Int
    /// Removes every delivery of a document (a new version replaces it before anything went out).
    func deleteDeliveries(of documentID: Int64) throws
    /// Whether the document may have reached its accountant: any attempt counts, a collected or
    /// challenged one too.
    func anythingSent(documentID: Int64) throws -> Bool
    /// Whether any version of the document (same dossier, supplier, root and number) was sent
    /// in that sense.
    func anyVersionSent(dossier: String, supplierKey: String, root: DocumentRoot?, number: String) throws -> Bool

    /// The deliveries a send pass may take, in due order: the selection's waiting ones, and the
    /// ones whose claim ran out (`sending` with an expired lease).
    func claimable(dossier: String?, selection: SendSelection, now: Date) throws -> [Int64]
    /// The delivery, when a worker may claim it now (waiting, or its lease expired).
    func claimableDelivery(id: Int64, now: Date) throws -> DeliveryRecord?
    /// Takes `delivery` (as read by `claimableDelivery`) for `worker` until `leaseUntil`: marks it
    /// `sending` with its Message-ID and one attempt more. False when it is no longer claimable or
    /// another worker attempted it since it was read: then the caller sends nothing.
    func claim(_ delivery: DeliveryRecord, by worker: String, leaseUntil: Date, now: Date) throws -> Bool
    /// Writes the outcome of `worker`'s claim (the delivery's new fields, what each recipient's
    /// server said, a follow-up delivery) and ends the claim. False, and nothing written, when
    /// the worker no longer holds it (its lease was taken over, or a bounce changed the state).
    func settle(_ delivery: DeliveryRecord, by worker: String, recipients: [RecipientRecord]?,
                followUp: DeliveryRecord?) throws -> Bool
    /// The workers that hold a claim now (whether their lease ran out or not).
    func claimHolders() throws -> Set<String>
    /// Ends the leases of a worker known to be dead (its process is gone): its claims may be
    /// taken over at once. How many there were.
    func expireClaims(of worker: String, now: Date) throws -> Int
}
