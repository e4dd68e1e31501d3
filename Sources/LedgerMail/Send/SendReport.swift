import Foundation

/// What one `send` pass did.
public struct SendReport: Sendable, Equatable {
    public var sent = 0
    public var deferred = 0
    public var failed = 0
    /// Lines for the owner: one per delivery that did not go out, with the reason.
    public var problems: [String] = []
    /// New SMTP connections opened in this pass (one, when all went over one session).
    public var connections = 0
    /// True when a graceful shutdown stopped the pass before its end (the rest waits, safe).
    public var interrupted = false
    /// Whether a mail of this pass got past the SMTP login (the other sessions wait for it).
    var loggedIn = false

    /// Adds what another SMTP session of the same pass did.
    mutating func absorb(_ other: SendReport) {
        sent += other.sent
        deferred += other.deferred
        failed += other.failed
        problems += other.problems
        connections += other.connections
        interrupted = interrupted || other.interrupted
        loggedIn = loggedIn || other.loggedIn
    }
}

/// Which deliveries a send pass takes.
public enum SendSelection: Sendable {
    /// Scheduled or deferred deliveries whose time has come.
    case due
    /// Everything waiting (`send --now`): scheduled, deferred and pending alike.
    case everythingWaiting
    /// These deliveries, if they are waiting (`resend`).
    case only([Int64])
}

/// Called after each delivery of a pass: how many are done of how many.
public typealias SendProgress = @Sendable (_ done: Int, _ total: Int) -> Void
