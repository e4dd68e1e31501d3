/// ZIPFoundation gave no archive for files it had taken (memory ran out, most likely).
struct ArchiveNotBuilt: Error, Sendable, CustomStringConvertible {
    let name: String
    var description: String { "the ZIP archive \(name) could not be built in memory: send without --zip, or with a smaller --max-size" }
}
