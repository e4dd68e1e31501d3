import Foundation
import Testing

/// pdftotext and pdfinfo (Debian: poppler-utils), run on a temporary copy.
enum PDFTools {
    static let available = FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext")
        && FileManager.default.isExecutableFile(atPath: "/usr/bin/pdfinfo")

    static let missingNote: Comment = "poppler-utils not installed (apt-get install poppler-utils)"

    /// The text, with every run of white space turned into one space, so a
    /// check does not depend on how pdftotext splits lines and columns.
    static func text(of pdf: Data) throws -> String {
        let raw = try run("/usr/bin/pdftotext", ["-enc", "UTF-8"], pdf, outputToStdout: true)
        return raw.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The text laid out as on the page (`-layout`): one printed line per text line.
    static func layout(of pdf: Data) throws -> String {
        try run("/usr/bin/pdftotext", ["-layout", "-enc", "UTF-8"], pdf, outputToStdout: true)
    }

    static func info(of pdf: Data) throws -> String {
        try run("/usr/bin/pdfinfo", [], pdf, outputToStdout: false)
    }

    /// The value of a "Key: value" line of pdfinfo.
    static func infoValue(_ key: String, in info: String) -> String? {
        info.split(separator: "\n")
            .first { $0.hasPrefix(key + ":") }
            .map { $0.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces) }
    }

    private static func run(_ tool: String, _ arguments: [String], _ pdf: Data, outputToStdout: Bool) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("render-\(UUID().uuidString).pdf")
        try pdf.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments + [file.path] + (outputToStdout ? ["-"] : [])
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "\(tool) exited with \(process.terminationStatus)"])
        }
        return String(decoding: data, as: UTF8.self)
    }
}
