import Foundation
import Testing
@testable import LedgerMail

/// What a start finds and tidies: temporary files of a killed import, a config holding a
/// password that others may read.
@Suite("Start-up hygiene")
struct StartupHygieneTests {
    @Test("temporary files of a killed import older than an hour go at the next start; fresh ones and a live import's stay")
    func abandonedTemporaryFiles() throws {
        let test = try TestGateway.make(smtp: nil, imap: nil)
        let folder = test.gateway.fileBlobs.directory.appendingPathComponent("ab")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let hoursAgo = Date().addingTimeInterval(-7200)
        func plant(_ name: String, modified: Date) throws -> URL {
            let url = folder.appendingPathComponent(name)
            try Data("partial".utf8).write(to: url)
            try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: url.path)
            return url
        }
        let killed = try plant(".tmp-\(UUID().uuidString)", modified: hoursAgo)
        let killedWithPID = try plant(".tmp-999999999-\(UUID().uuidString)", modified: hoursAgo)
        let fresh = try plant(".tmp-\(UUID().uuidString)", modified: Date())
        let running = try plant(".tmp-\(getpid())-\(UUID().uuidString)", modified: hoursAgo)
        let blob = try plant("cdef0123", modified: hoursAgo)
        _ = try Gateway(settings: test.gateway.settings)
        let exists = { (url: URL) in FileManager.default.fileExists(atPath: url.path) }
        #expect(!exists(killed) && !exists(killedWithPID), "abandoned ones removed")
        #expect(exists(fresh) && exists(running) && exists(blob), "a fresh file, a live process's file and blobs are never touched")
    }

    @Test("a config holding a password that group or others may read gets a warning; one readable by its owner alone does not")
    func readablePasswordWarned() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ledgermail-perm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("ledgermail.yaml")
        try "smtp:\n  url: smtps://mail.example.be:465\n  username: acme\n  password: s3cret\n".write(to: file, atomically: true, encoding: .utf8)
        for (mode, warned) in [(0o644, true), (0o640, true), (0o600, false)] {
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file.path)
            let settings = try await SettingsLoader.load(configFile: file, environment: [:])
            #expect(settings.warnings.contains { $0.contains("chmod 600") } == warned, "mode \(String(mode, radix: 8)): \(settings.warnings)")
        }
        try "smtp:\n  url: smtps://mail.example.be:465\n".write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        #expect(try await SettingsLoader.load(configFile: file, environment: [:]).warnings.isEmpty, "no password, nothing to hide")
    }
}
