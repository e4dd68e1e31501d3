import Foundation

extension BlobStore {
    /// The hash of every stored file (`ab/cdef…`), in no particular order; temporary files left
    /// by an interrupted store are not stored files.
    func allHashes() throws -> [String] {
        let fm = FileManager.default
        let hex = Set("0123456789abcdef")
        var hashes: [String] = []
        for folder in try fm.contentsOfDirectory(atPath: directory.path) where folder.count == 2 && folder.allSatisfy(hex.contains) {
            for name in try fm.contentsOfDirectory(atPath: directory.appendingPathComponent(folder).path)
            where name.count == 62 && name.allSatisfy(hex.contains) {
                hashes.append(folder + name)
            }
        }
        return hashes
    }
}
