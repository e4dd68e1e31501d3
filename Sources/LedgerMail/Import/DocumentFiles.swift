import Foundation

/// One stored file of a document, as the web pages, the export and the feed hand it out.
public struct DocumentFile: Sendable, Equatable {
    public enum Role: String, Sendable, Codable {
        /// The UBL XML.
        case ubl
        /// The PDF (embedded in the UBL, beside it, or rendered).
        case pdf
        /// A file sent as it is: a CODA statement, a picture, a PDF without UBL.
        case original
    }

    public var role: Role
    /// The attachment name LedgerMail mails use (`V01_15000001.xml`).
    public var name: String
    public var mimeType: String
    public var sha256: String
}

/// A document's stored files, for the web pages, the export and the feed.
public struct DocumentFiles: Sendable {
    let services: GatewayServices

    /// The files of a document of the dossier, UBL first; nil when it has no such document.
    public func list(of documentID: Int64, dossier: String) throws -> [DocumentFile]? {
        try services.store.read { tx in
            guard let document = try tx.document(id: documentID), document.dossier == dossier else { return nil }
            return document.files
        }
    }

    /// A stored file's bytes.
    public func contents(of file: DocumentFile) throws -> Data {
        try services.blobs.get(file.sha256)
    }

    /// A stored file opened for reading in pieces (a download), checked against its SHA-256
    /// first (off the cooperative pool: it reads the whole file once): never held whole in memory.
    public func open(_ file: DocumentFile) async throws -> FileHandle {
        try await runBlocking { [blobs = services.blobs] in
            guard case .file(let url, _) = try blobs.source(file.sha256, streamingOver: -1) else {
                throw StoredFileNotOnDisk(sha256: file.sha256)
            }
            do { return try FileHandle(forReadingFrom: url) } catch {
                throw BlobUnreadable(description: "stored file \(url.path) could not be read: \(error.localizedDescription)")
            }
        }
    }
}

extension DocumentRecord {
    /// Its stored files as the accountant gets them, UBL first.
    var files: [DocumentFile] {
        var files: [DocumentFile] = []
        if let ubl = ublSHA256 {
            files.append(DocumentFile(role: .ubl, name: attachmentBase + ".xml", mimeType: "application/xml", sha256: ubl))
        }
        if let file = fileSHA256 {
            files.append(DocumentFile(role: .original, name: attachmentBase + "." + (fileExtension ?? "bin"),
                                      mimeType: fileMimeType ?? "application/octet-stream", sha256: file))
        }
        if let pdf = pdfSHA256 {
            // A PDF without UBL is the document itself, as it came: its original.
            files.append(DocumentFile(role: ublSHA256 == nil ? .original : .pdf, name: attachmentBase + ".pdf",
                                      mimeType: "application/pdf", sha256: pdf))
        }
        return files
    }
}
