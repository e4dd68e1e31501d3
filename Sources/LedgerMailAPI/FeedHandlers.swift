import Foundation
import LedgerMail
import OpenAPIRuntime

/// The generated API's handlers: each one reads its input, asks the gateway, shapes the answer.
struct FeedHandlers: APIProtocol {
    let gateway: Gateway
    let acks: CollectQueue
    static let defaultLimit = 100

    /// The caller set by `BearerAuthentication`; its absence is a wiring fault, not the client's.
    var caller: FeedCaller {
        get throws {
            guard let caller = FeedCallerScope.current else { throw TokenRefused(reason: "no bearer token") }
            return caller
        }
    }

    func listDossiers(_ input: Operations.listDossiers.Input) async throws -> Operations.listDossiers.Output {
        let dossiers = try caller.dossiers.compactMap { name in
            (try? gateway.dossiers.named(name)).map { Components.Schemas.DossierSummary(name: name, company: $0.company) }
        }
        return .ok(.init(body: .json(.init(dossiers: dossiers))))
    }

    func listDocuments(_ input: Operations.listDocuments.Input) async throws -> Operations.listDocuments.Output {
        let dossier = input.path.dossier
        guard try caller.sees(dossier) else { return .notFound(.init(body: .json(Self.noDossier(dossier)))) }
        let limit = input.query.limit ?? Self.defaultLimit
        guard (1...1000).contains(limit) else {
            return .badRequest(.init(body: .json(.init(error: "bad_limit", message: "limit must be between 1 and 1000"))))
        }
        guard let cursor = FeedCursor(input.query.after) else {
            return .badRequest(.init(body: .json(.init(error: "bad_cursor",
                message: "the cursor is not one this server gave: start again without `after`"))))
        }
        let entries = try gateway.feed(dossier: dossier, after: cursor.position, limit: limit)
        let next = FeedCursor(position: entries.last?.cursor ?? cursor.position)
        return .ok(.init(body: .json(.init(items: entries.map { Self.item($0, dossier: dossier) }, next: next.text))))
    }

    func ackDocument(_ input: Operations.ackDocument.Input) async throws -> Operations.ackDocument.Output {
        let (dossier, id) = (input.path.dossier, input.path.id)
        guard try caller.sees(dossier) else { return .notFound(.init(body: .json(Self.noDossier(dossier)))) }
        do {
            let ack = try await acks.collect(dossier: dossier, documentID: id, by: try caller.account)
            return .ok(.init(body: .json(.init(id: id, collected_at: ack.at, collected_by: ack.by))))
        } catch AckRefusal.noSuchDocument {
            return .notFound(.init(body: .json(Self.noDocument(id, dossier))))
        } catch AckRefusal.notPulled(let state) {
            return .conflict(.init(body: .json(.init(error: "not_pulled",
                message: "document \(id) is not on a pull route (it is \(state.rawValue)): nothing to collect"))))
        }
    }

    static func item(_ entry: FeedEntry, dossier: String) -> Components.Schemas.FeedItem {
        .init(id: entry.documentID, number: entry.number, kind: entry.kind, version: entry.version,
              issue_date: NullOrText(wrappedValue: entry.issueDate), counterparty: NullOrText(wrappedValue: entry.counterparty),
              supersedes: NullOrID(wrappedValue: entry.supersedes),
              files: entry.files.map { file in
                  .init(role: .init(rawValue: file.file.role.rawValue) ?? .original, name: file.file.name,
                        sha256: file.file.sha256, size: file.size,
                        url: fileURL(dossier: dossier, id: entry.documentID, name: file.file.name))
              })
    }

    static func fileURL(dossier: String, id: Int64, name: String) -> String {
        let segment = { (text: String) in text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? text }
        return "/api/v1/dossiers/\(segment(dossier))/documents/\(id)/files/\(segment(name))"
    }

    static func noDossier(_ name: String) -> Components.Schemas.Problem {
        .init(error: "not_found", message: "no dossier '\(name.singleLine)' for this token")
    }

    static func noDocument(_ id: Int64, _ dossier: String) -> Components.Schemas.Problem {
        .init(error: "not_found", message: "dossier '\(dossier.singleLine)' has no document \(id) in its feed")
    }
}

/// Where a client stands in a feed: opaque to it, the last delivery it was given here.
struct FeedCursor {
    let position: Int64

    init(position: Int64) { self.position = position }

    /// nil for text this server never hands out; no text is the start.
    init?(_ text: String?) {
        guard let text else { self.init(position: 0); return }
        guard text.hasPrefix("c"), let position = Int64(text.dropFirst()), position >= 0 else { return nil }
        self.init(position: position)
    }

    var text: String { "c\(position)" }
}
