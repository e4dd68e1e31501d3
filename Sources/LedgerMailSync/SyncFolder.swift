import Crypto
import Foundation

/// The accountant's folder: `DIR/<dossier>/<kind>/<file>`, and the agent's own corner,
/// `DIR/.ledgermail-sync/` (its cursors and its temporary files, nothing else).
struct SyncFolder {
    let root: URL
    var corner: URL { root.appendingPathComponent(".ledgermail-sync") }
    var temporary: URL { corner.appendingPathComponent("tmp") }
    var stateFile: URL { corner.appendingPathComponent("state.json") }

    /// Where the agent stands in each dossier's feed: the cursor of the page it is on, and the
    /// documents of that page already written and acknowledged (so a restart skips them).
    struct State: Codable {
        var cursors: [String: String] = [:]
        var done: [String: [Int64]] = [:]
    }

    /// Prepares the corner; a temporary file left by a crash is only a half download: removed.
    func open() throws -> State {
        try? FileManager.default.removeItem(at: temporary)
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        // Unreadable (a power cut before the page cache reached the disk): start over. Nothing is
        // lost that way: files already there are recognised by their SHA-256, acks are idempotent.
        guard let data = try? Data(contentsOf: stateFile), let state = try? JSONDecoder().decode(State.self, from: data) else {
            return State()
        }
        return state
    }

    /// Renamed into place but not fsynced: a kill cannot tear it, and losing it to a power cut
    /// only means walking the feed again (see `open`). Two fsyncs a document saved.
    func save(_ state: State) throws {
        try place(try JSONEncoder().encode(state), at: stateFile, durable: false)
    }

    /// Where a file of a document goes: its own name; when that is taken by other bytes, `_v<N>`
    /// for a changed version, `_<id>` for another document. Nil when it is already there.
    /// `claimed` holds the targets of the batch so far (path: SHA-256), not yet on disk.
    func destination(dossier: String, kind: String, name: String, sha256: String, id: Int64, version: Int,
                     claimed: [String: String] = [:]) throws -> URL? {
        let folder = root.appendingPathComponent(dossier).appendingPathComponent(kind)
        let base = (name as NSString).deletingPathExtension
        let ext = (name as NSString).pathExtension
        let suffixed = { (suffix: String) in ext.isEmpty ? base + suffix : "\(base)\(suffix).\(ext)" }
        for candidate in [name, suffixed(version > 1 ? "_v\(version)" : "_\(id)"), suffixed("_\(id)")] {
            let url = folder.appendingPathComponent(candidate)
            let existing = claimed[url.path] ?? FileManager.default.contents(atPath: url.path).map(Self.sha256)
            guard let existing else { return url }
            if existing == sha256 { return nil }
        }
        throw NameTaken(path: folder.appendingPathComponent(name).path)
    }

    /// Writes `data` whole or not at all: a temporary file, fsynced (when `durable`), renamed
    /// into place. The caller fsyncs the folder (`settle`) so the rename survives a power cut.
    func place(_ data: Data, at url: URL, durable: Bool) throws {
        try move(try temporaryFile(data, durable: durable), to: url)
    }

    /// `data` in a new file of the agent's corner, fsynced when `durable`: half of `place`, so
    /// that many files can be written and fsynced side by side before any is moved into place.
    func temporaryFile(_ data: Data, durable: Bool = true) throws -> URL {
        let temp = temporary.appendingPathComponent(UUID().uuidString)
        guard FileManager.default.createFile(atPath: temp.path, contents: nil) else { throw FolderUnwritable(path: temp.path) }
        let handle = try FileHandle(forWritingTo: temp)
        try handle.write(contentsOf: data)
        if durable { try handle.synchronize() }
        try handle.close()
        return temp
    }

    /// The other half: one rename, so the file appears whole or not at all.
    func move(_ temp: URL, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard rename(temp.path, url.path) == 0 else { throw FolderUnwritable(path: url.path) }
    }

    /// Makes the renames into `folder` durable: once per batch, before its documents are acknowledged.
    func settle(_ folder: URL) {
        guard let directory = FileHandle(forReadingAtPath: folder.path) else { return }
        try? directory.synchronize()
        try? directory.close()
    }

    static func sha256(_ data: Data) -> String {
        var hex: [UInt8] = []
        for byte in SHA256.hash(data: data) { hex += [digits[Int(byte >> 4)], digits[Int(byte & 15)]] }
        return String(decoding: hex, as: UTF8.self)
    }

    private static let digits = Array("0123456789abcdef".utf8)
}

/// A file name taken by other bytes under every name the agent may give it.
struct NameTaken: Error, CustomStringConvertible {
    let path: String
    var description: String { "\(path) and its alternatives are taken by other files: move them away and run again" }
}

struct FolderUnwritable: Error, CustomStringConvertible {
    let path: String
    var description: String { "cannot write \(path): check the folder's permissions and free space" }
}
