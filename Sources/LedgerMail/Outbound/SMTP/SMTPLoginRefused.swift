/// The SMTP server refused our login. It is the configuration, not a document: the send pass
/// stops at once without touching any delivery, since every further message would cost another
/// failed login (providers lock an account after a few).
public struct SMTPLoginRefused: Error, Sendable, CustomStringConvertible {
    /// The server's reply (`535 5.7.8 …`) or libcurl's sentence; never a credential.
    public let reply: String
    public let username: String

    public var description: String {
        "the SMTP server refused the login of '\(username.singleLine)' (\(reply.singleLine)): check smtp.username and smtp.password (or LEDGERMAIL_SMTP_PASSWORD); nothing was sent and no delivery changed"
    }
}
