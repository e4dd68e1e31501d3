import Foundation
import Testing

/// A throwaway CA (openssl) that issues leaves for 127.0.0.1, and a TLS listener serving one of
/// them (Support/tls_greeter.py), all in a temporary directory.
struct CertificateLab {
    static var available: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")
            || ProcessInfo.processInfo.environment["LEDGERMAIL_REQUIRE_MAILSTACK"] == "1"
    }
    static let skipNote: Comment = "needs openssl (scripts/mailstack install puts it there)"

    enum Service: String { case imap, smtp, smtpSTARTTLS = "smtp-starttls" }

    /// The listener: it exits two seconds after its last connection.
    struct Greeter {
        let port: Int
        let caFile: String
        let process: Process
        let log: URL

        /// Every byte the client sent after the TLS handshake (waits for the listener to finish).
        func received() async throws -> String {
            for _ in 0..<100 where process.isRunning { try await Task.sleep(for: .milliseconds(100)) }
            if process.isRunning { process.terminate() }
            return (try? String(contentsOf: log, encoding: .isoLatin1)) ?? ""
        }
    }

    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ledgermail-certs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                     "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=LedgerMail test CA"])
    }

    /// Issues a leaf for 127.0.0.1 whose only extended key usage is `leafPurpose` and serves it;
    /// with `laterLeafPurpose`, connections after the first get a second leaf (another key).
    func serve(_ service: Service, leafPurpose: String, laterLeafPurpose: String? = nil) throws -> Greeter {
        var leaves = [try issueLeaf("leaf", purpose: leafPurpose)]
        if let laterLeafPurpose { leaves.append(try issueLeaf("later", purpose: laterLeafPurpose)) }
        let log = directory.appendingPathComponent("received.log")
        let (process, port) = try Self.listen(python: [
            MailStack.repository.appendingPathComponent("Tests/LedgerMailTests/Support/tls_greeter.py").path,
            service.rawValue, leaves[0].cert, leaves[0].key, log.path,
        ] + leaves.dropFirst().flatMap { [$0.cert, $0.key] })
        return Greeter(port: port, caFile: caFile, process: process, log: log)
    }

    /// Starts a Python listener that prints its port first, and returns it with that port.
    static func listen(python arguments: [String]) throws -> (Process, Int) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let firstLine = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        guard let port = Int(firstLine.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.terminate()
            throw StackError("the listener said '\(firstLine)'")
        }
        return (process, port)
    }

    private func issueLeaf(_ name: String, purpose: String) throws -> (cert: String, key: String) {
        try "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=\(purpose)\n"
            .write(to: directory.appendingPathComponent("\(name).ext"), atomically: true, encoding: .utf8)
        try openssl(["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                     "-keyout", "\(name).key", "-out", "\(name).csr", "-subj", "/CN=127.0.0.1"])
        try openssl(["x509", "-req", "-in", "\(name).csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                     "-out", "\(name).pem", "-days", "2", "-extfile", "\(name).ext"])
        return (path("\(name).pem"), path("\(name).key"))
    }

    /// The lab's CA certificate (PEM).
    var caFile: String { path("ca.pem") }

    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    private func openssl(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw StackError("openssl \(arguments.first ?? "") failed") }
    }
}
