/// The mail server did not take a mail that is not a document (a notification, a self-mail
/// part, a route test): nothing else was changed; the same action can be tried again.
public struct MailNotAccepted: Error, Sendable, CustomStringConvertible {
    public let what: String
    public let reason: String
    public var description: String { "\(what) was not sent: \(reason); try again once the mail server takes mail" }
}
