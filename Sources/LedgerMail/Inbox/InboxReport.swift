/// What one pass over the inbox did.
public struct InboxReport: Sendable, Equatable {
    public var read = 0
    public var bounces = 0
    /// Deliveries now held by a challenge-response system (`challenged`).
    public var challenges = 0
    public var unmatched = 0
    /// Messages seen before (same bytes): recorded once, never applied twice.
    public var duplicates = 0
    /// Messages with no readable header, too large, or refused by the server pass after pass:
    /// recorded and left in the folder for a person.
    public var unreadable = 0
    /// A message the server would not hand over this time: the pass stopped before it.
    public var postponed = 0

    public init() {}

    mutating func count(_ effect: InboundEffect) {
        read += 1
        if effect.changedDelivery { bounces += 1 }
        if effect.challenged { challenges += 1 }
        if effect.unmatched { unmatched += 1 }
        if effect.duplicate { duplicates += 1 }
        if effect.unreadable { unreadable += 1 }
    }
}
