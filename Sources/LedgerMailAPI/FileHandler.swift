import Foundation
import Hummingbird
import LedgerMail
import OpenAPIRuntime

extension FeedHandlers {
    /// A file of a document in the feed. Its ETag is its SHA-256, so a client can check what it
    /// got and ask for the rest of an interrupted download with `Range`.
    func getFile(_ input: Operations.getFile.Input) async throws -> Operations.getFile.Output {
        let (dossier, id, name) = (input.path.dossier, input.path.id, input.path.name)
        guard try caller.sees(dossier) else { return .notFound(.init(body: .json(Self.noDossier(dossier)))) }
        guard let file = try gateway.feedFile(dossier: dossier, documentID: id, name: name) else {
            return .notFound(.init(body: .json(.init(error: "not_found",
                message: "document \(id) of '\(dossier.singleLine)' has no file '\(name.singleLine)' in the feed"))))
        }
        let bytes = try gateway.storedFiles.contents(of: file)
        let etag = "\"\(file.sha256)\""
        switch ByteRange(header: input.headers.Range, size: bytes.count) {
        case .whole:
            return .ok(.init(headers: .init(ETag: etag, Accept_hyphen_Ranges: "bytes"), body: .binary(HTTPBody(bytes))))
        case .part(let range):
            return .partialContent(.init(headers: .init(ETag: etag, Accept_hyphen_Ranges: "bytes",
                                                        Content_hyphen_Range: "bytes \(range.lowerBound)-\(range.upperBound - 1)/\(bytes.count)"),
                                         body: .binary(HTTPBody(bytes.subdata(in: range)))))
        case .unsatisfiable:
            return .rangeNotSatisfiable(.init(headers: .init(Content_hyphen_Range: "bytes */\(bytes.count)"),
                body: .json(.init(error: "range_not_satisfiable", message: "the file has \(bytes.count) bytes"))))
        }
    }
}

/// What a `Range` header asks of a file of `size` bytes. One range only; a header that is not
/// a single byte range is ignored (the whole file), as HTTP allows.
enum ByteRange: Equatable {
    case whole
    case part(Range<Int>)
    case unsatisfiable

    init(header: String?, size: Int) {
        guard let header, header.hasPrefix("bytes="), !header.contains(",") else { self = .whole; return }
        let spec = header.dropFirst("bytes=".count).split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard spec.count == 2 else { self = .whole; return }
        let first = Int(spec[0].trimmingCharacters(in: .whitespaces))
        let last = Int(spec[1].trimmingCharacters(in: .whitespaces))
        switch (first, last) {
        case (nil, let suffix?) where spec[0].isEmpty && suffix > 0:
            self = size == 0 ? .unsatisfiable : .part(max(0, size - suffix)..<size)
        case (let start?, nil) where spec[1].isEmpty && start >= 0:
            self = start < size ? .part(start..<size) : .unsatisfiable
        case (let start?, let end?) where start >= 0 && end >= start:
            self = start < size ? .part(start..<(min(end, size - 1) + 1)) : .unsatisfiable
        default:
            self = .whole
        }
    }
}

/// The generated code writes header values percent-encoded (a quote as %22, a space as %20);
/// `ETag` and `Content-Range` have a syntax of their own that clients parse as it is written.
struct LiteralRangeHeaders<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        if let value = response.headers[.eTag], let literal = value.removingPercentEncoding { response.headers[.eTag] = literal }
        if let value = response.headers[.contentRange], let literal = value.removingPercentEncoding {
            response.headers[.contentRange] = literal
        }
        return response
    }
}
