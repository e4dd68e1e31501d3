import Foundation
import Testing
@testable import LedgerMail

@Suite("PostgreSQL blob store", .enabled(if: TestPostgres.available, TestPostgres.skipNote))
struct PostgresBlobStoreTests {
    static func store(_ engine: PostgresEngine) -> PostgresBlobStore {
        PostgresBlobStore(engine: engine, cacheDirectory: FileManager.default.temporaryDirectory.appendingPathComponent("lm-pg-cache-\(UUID().uuidString)"))
    }

    @Test("bytes stored come back the same under their SHA-256, with their size; storing them again changes nothing")
    func roundTrip() async throws {
        let data = Data("<Invoice>F1</Invoice>".utf8)
        let (hash, again, back, size, rows) = try await TestPostgres.withEngine { engine in
            let store = Self.store(engine)
            let hash = try store.put(data)
            return (hash, try store.put(data), try store.get(hash), try store.size(of: hash),
                    try engine.read { try $0.fetchValue(Int.self, #"SELECT count(*) FROM "blob""#) })
        }
        #expect(hash == BlobStore.sha256Hex(data) && again == hash && back == data && size == Int64(data.count) && rows == 1)
    }

    @Test("a 25 MB blob round-trips, and becomes a verified file in the cache, a piece at a time")
    func large() async throws {
        let data = Self.randomBytes(25 << 20)
        let (same, fileSame, again, source) = try await TestPostgres.withEngine { engine in
            let store = Self.store(engine)
            let hash = try store.put(data)
            let file = try store.fileURL(for: hash)
            let fileSame = try Data(contentsOf: file) == data
            // A cached file changed on disk is not used: it is fetched again.
            try Data("tampered".utf8).write(to: file)
            let again = try Data(contentsOf: try store.fileURL(for: hash)) == data
            return (try store.get(hash) == data, fileSame, again, try store.source(hash, streamingOver: 1 << 20))
        }
        #expect(same && fileSame && again)
        guard case .file(_, let count) = source else { Issue.record("a large blob is streamed from a file"); return }
        #expect(count == 25 << 20)
    }

    static func randomBytes(_ count: Int) -> Data {
        var generator = SystemRandomNumberGenerator()
        var data = Data(capacity: count)
        for _ in 0..<(count / 8) { withUnsafeBytes(of: generator.next() as UInt64) { data.append(contentsOf: $0) } }
        return data
    }

    @Test("four workers storing the same bytes at once all succeed, and the bytes are stored once")
    func concurrentPut() async throws {
        let data = Data(repeating: 7, count: 3 << 20)
        let (rows, hashes, failures) = try await TestPostgres.withEngine { engine in
            let store = Self.store(engine)
            let failures = Gathered<String>()
            let hashes = Gathered<String>()
            DispatchQueue.concurrentPerform(iterations: 4) { _ in
                do { hashes.add(try store.put(data)) } catch { failures.add(error) }
            }
            return (try engine.read { try $0.fetchValue(Int.self, #"SELECT count(*) FROM "blob""#) }, Set(hashes.all), failures.all)
        }
        #expect(failures.isEmpty, "\(failures)")
        #expect(rows == 1 && hashes.count == 1)
    }

    @Test("a missing blob is said as missing")
    func missing() async throws {
        let error = try await TestPostgres.withEngine { engine in
            TestPostgres.failure { try Self.store(engine).get(String(repeating: "0", count: 64)) }
        }
        #expect(error.contains("missing"), "\(error)")
    }

    @Test("the VERP key is made once: workers asking at once all get the same 32 bytes")
    func verpKey() async throws {
        let keys = try await TestPostgres.withEngine { engine in
            let keys = Gathered<String>()
            DispatchQueue.concurrentPerform(iterations: 4) { _ in
                do { keys.add(try engine.verpKey().base64EncodedString()) } catch { keys.add(error) }
            }
            return keys.all + ["\(try engine.verpKey().base64EncodedString())"]
        }
        #expect(Set(keys).count == 1, "\(keys)")
        #expect(Data(base64Encoded: keys.last ?? "")?.count == 32)
    }
}
