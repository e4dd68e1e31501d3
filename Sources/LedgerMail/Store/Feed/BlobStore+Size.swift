import Foundation

extension BlobStore {
    /// The size of the bytes stored under `hash`, without reading them (the feed lists sizes).
    func size(of hash: String) throws -> Int64 {
        let path = url(for: hash).path
        guard let size = try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber else {
            throw StoredFileMissing(sha256: hash, store: directory.path)
        }
        return size.int64Value
    }
}
