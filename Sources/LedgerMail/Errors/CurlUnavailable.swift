/// libcurl could not be set up in this process (out of memory, a broken installation): no mail
/// can be sent until that is mended.
struct CurlUnavailable: Error, Sendable, CustomStringConvertible {
    public var description: String {
        "libcurl could not be initialised: check that libcurl4-gnutls is installed (scripts/install-deps) and memory is not exhausted"
    }
}
