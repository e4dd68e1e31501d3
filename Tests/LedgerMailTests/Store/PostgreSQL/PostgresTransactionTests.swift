import Foundation
import NIOPosix
import Testing
@testable import LedgerMail

@Suite("PostgreSQL transactions", .enabled(if: TestPostgres.available, TestPostgres.skipNote))
struct PostgresTransactionTests {
    struct Stop: Error {}

    @Test("a transaction whose body throws leaves nothing behind, and the error comes out as it was")
    func rollback() async throws {
        let (thrown, count) = try await TestPostgres.withEngine { engine in
            var thrown: (any Error)?
            do {
                try engine.write { transaction in
                    try transaction.insert(PostgresRecordTests.dossier, into: "dossier")
                    throw Stop()
                }
            } catch { thrown = error }
            return (thrown is Stop, try engine.read { try $0.fetchValue(Int.self, #"SELECT count(*) FROM "dossier""#) })
        }
        #expect(thrown)
        #expect(count == 0)
    }

    @Test("a body that swallows a failed statement and returns does not pass for committed")
    func swallowedFailure() async throws {
        let error = try await TestPostgres.withEngine { engine in
            TestPostgres.failure {
                try engine.write { transaction in
                    try transaction.insert(PostgresRecordTests.dossier, into: "dossier")
                    _ = try? transaction.insert(PostgresRecordTests.dossier, into: "dossier")   // duplicate key
                }
            }
        }
        #expect(error.contains("COMMIT rolled it back"), "\(error)")
    }

    @Test("two transactions that collide (serialization failure) are both committed: the loser runs again")
    func retriesSerializationFailures() async throws {
        let (total, runs, failures) = try await TestPostgres.withEngine { engine in
            try engine.write { try $0.execute(#"CREATE TABLE "counter" ("value" bigint NOT NULL)"#) }
            try engine.write { try $0.execute(#"INSERT INTO "counter" VALUES (0)"#) }
            let runs = Gathered<String>()
            let failures = Gathered<String>()
            // Each first run waits until both have read: then neither can write without the other's value.
            let bothRead = DispatchGroup()
            let done = DispatchGroup()
            for _ in 0..<2 {
                bothRead.enter()
                done.enter()
                DispatchQueue.global().async {
                    defer { done.leave() }
                    var first = true
                    do {
                        try engine.write { transaction in
                            runs.add("run")
                            let value = try transaction.fetchValue(Int64.self, #"SELECT "value" FROM "counter""#) ?? 0
                            if first {
                                first = false
                                bothRead.leave()
                                _ = bothRead.wait(timeout: .now() + 10)
                            }
                            try transaction.execute(#"UPDATE "counter" SET "value" = $1"#, try .of(value + 1))
                        }
                    } catch { failures.add(error) }
                }
            }
            done.wait()
            return (try engine.read { try $0.fetchValue(Int64.self, #"SELECT "value" FROM "counter""#) }, runs.all.count, failures.all)
        }
        #expect(failures.isEmpty, "\(failures)")
        #expect(total == 2)
        #expect(runs >= 3)
    }

    @Test("a large result is streamed a batch at a time, every row once, in order")
    func streaming() async throws {
        let (count, sum, ordered) = try await TestPostgres.withEngine { engine in
            try engine.read { transaction in
                var count = 0, sum = 0, previous = 0, ordered = true
                try transaction.forEach(Int.self, "SELECT n FROM generate_series(1, $1) AS n ORDER BY n", try .of(25_000), batchSize: 1000) { n in
                    count += 1
                    sum += n
                    ordered = ordered && n == previous + 1
                    previous = n
                }
                return (count, sum, ordered)
            }
        }
        #expect(count == 25_000 && sum == 25_000 * 25_001 / 2 && ordered)
    }

    @Test("a read transaction cannot write")
    func readOnly() async throws {
        let error = try await TestPostgres.withEngine { engine in
            TestPostgres.failure { try engine.read { try $0.insert(PostgresRecordTests.dossier, into: "dossier") } }
        }
        #expect(error.contains("25006"), "\(error)")
    }

    @Test("more transactions at once than connections wait their turn and all complete")
    func poolWaits() async throws {
        let count = try await TestPostgres.withDatabase { settings in
            let engine = try PostgresEngine(settings: settings, connections: 2)
            defer { engine.close() }
            try engine.write { try $0.execute(#"CREATE TABLE "hit" ("n" bigint)"#) }
            DispatchQueue.concurrentPerform(iterations: 8) { n in
                _ = try? engine.write(isolation: .readCommitted) { try $0.execute(#"INSERT INTO "hit" VALUES ($1)"#, try .of(n)) }
            }
            return try engine.read { try $0.fetchValue(Int.self, #"SELECT count(*) FROM "hit""#) }
        }
        #expect(count == 8)
    }

    @Test("waiting for the server on a SwiftNIO event loop thread is stopped with a clear message")
    func eventLoopRefused() async {
        await #expect(processExitsWith: .failure) {
            try? await MultiThreadedEventLoopGroup.singleton.any().submit { PostgresBlocking.assertMayBlock() }.get()
        }
    }
}

@Suite("PostgreSQL locks and sequences", .enabled(if: TestPostgres.available, TestPostgres.skipNote))
struct PostgresLockTests {
    @Test("while one worker holds a named lock, another is told so at once; afterwards it gets it")
    func exclusive() async throws {
        let (inner, outer, after) = try await TestPostgres.withDatabase { settings in
            let first = try PostgresEngine(settings: settings)
            let second = try PostgresEngine(settings: settings)
            defer { first.close(); second.close() }
            var inner: Bool? = nil
            let outer = try first.whileHolding(lock: "inbox") {
                inner = try second.whileHolding(lock: "inbox") { true }
                return true
            }
            return (inner, outer, try second.whileHolding(lock: "inbox") { true })
        }
        #expect(outer == true && inner == nil && after == true)
    }

    @Test("rows inserted with their own ids move the sequence past them, so the next id is free")
    func sequences() async throws {
        let id = try await TestPostgres.withEngine { engine in
            try engine.write { transaction in
                try transaction.insert(PostgresRecordTests.dossier, into: "dossier")
                var document = PostgresRecordTests.document("F7")
                document.id = 100
                try transaction.insert(document, into: "document")
            }
            try engine.resetIDSequences()
            return try engine.write { try $0.insertReturningID(PostgresRecordTests.document("F8"), into: "document") }
        }
        #expect(id == 101)
    }
}

@Suite("PostgreSQL connections lost", .enabled(if: TestPostgres.available, TestPostgres.skipNote))
struct PostgresLostConnectionTests {
    @Test("a pooled connection the server dropped while idle is replaced, and the next transaction just runs")
    func droppedWhileIdle() async throws {
        let (killed, count) = try await TestPostgres.withDatabase { settings in
            let engine = try PostgresEngine(settings: settings, connections: 1)
            let other = try PostgresEngine(settings: settings, connections: 1)
            defer { engine.close(); other.close() }
            let pid = try engine.read { try $0.fetchValue(Int32.self, "SELECT pg_backend_pid()") }
            let killed = try other.write { try $0.fetchValue(Bool.self, "SELECT pg_terminate_backend($1)", try .of(pid)) }
            return (killed, try engine.read { try $0.fetchValue(Int.self, #"SELECT count(*) FROM "dossier""#) })
        }
        #expect(killed == true && count == 0)
    }
}
