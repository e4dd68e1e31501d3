import Foundation
import ZIPFoundation

/// One document of a mail-out with the files it carries.
struct MailOutBundle {
    var document: PeriodDocument
    var files: [MailAttachment]
}

extension MailOut {
    /// Splits greedily in document order, each mail under `maxSize`; base64 makes 4 bytes of 3,
    /// plus headers and text. A single document too big for the cap is refused, never truncated.
    static func parts(_ bundles: [MailOutBundle], maxSize: ByteSize) throws -> [[MailOutBundle]] {
        let budget = maxSize.bytes - 4 << 10   // headers and the summary text
        func encodedSize(_ files: [MailAttachment]) -> Int { files.reduce(0) { $0 + ($1.data.count + 2) / 3 * 4 * 78 / 76 + 400 } }
        var groups: [[MailOutBundle]] = [[]]
        for bundle in bundles {
            let alone = encodedSize(bundle.files)
            guard alone <= budget else {
                throw DocumentOverCap(number: bundle.document.number, size: ByteSize(bytes: alone), cap: maxSize)
            }
            if encodedSize((groups[groups.count - 1] + [bundle]).flatMap(\.files)) > budget, !groups[groups.count - 1].isEmpty {
                groups.append([])
            }
            groups[groups.count - 1].append(bundle)
        }
        return groups
    }

    /// One ZIP (deflated) holding `files`, built in memory.
    static func zipped(_ files: [MailAttachment], name: String) throws -> MailAttachment {
        let archive = try Archive(data: Data(), accessMode: .create)
        var used: Set<String> = []
        for file in files {
            var entry = file.fileName
            var counter = 2
            while used.contains(entry) { entry = "\(counter)-\(file.fileName)"; counter += 1 }
            used.insert(entry)
            let data = file.data
            try archive.addEntry(with: entry, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw ArchiveNotBuilt(name: name) }
        return MailAttachment(fileName: name, mimeType: "application/zip", data: data)
    }
}
