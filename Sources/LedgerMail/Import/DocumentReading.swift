import Foundation

/// One file read for import, everything decided, nothing stored yet.
struct PreparedDocument {
    var root: DocumentRoot?
    var number: String
    var supplierKey: String
    var issueDate: String?
    var counterparty: String?
    var kind: DocumentKind?
    /// Why the reader could not decide the kind; nil when it could.
    var heldDetail: String?
    var ubl: Data?
    var pdf: Data?
    var pdfRendered = false
    var file: (data: Data, mimeType: String, fileExtension: String)?
    var attachmentBase: String
    var warnings: [String] = []
}

/// Reads files for import and decides what each is; nothing is stored here.
struct DocumentReading: Sendable {
    let settings: Settings

    /// Reads an imported file: a UBL invoice (its kind decided by the parties, or given), a CODA
    /// statement (recognised by its records), or a PDF or image with a kind given by the user.
    func prepare(_ data: Data, file: URL, declaredKind: DocumentKind?, dossier: Dossier) throws -> PreparedDocument {
        let name = file.lastPathComponent
        let stem = file.deletingPathExtension().lastPathComponent
        if let format = InspectedFormat.detect(data) {
            switch format {
            case .coda:
                let statement = CODAStatement.recognise(data)
                var prepared = PreparedDocument(
                    number: statement?.statementSequenceNumber.map { "CODA \($0)" } ?? stem, supplierKey: "coda",
                    issueDate: statement?.creationDate, counterparty: statement?.accountNumber,
                    kind: declaredKind ?? .coda, attachmentBase: FileNaming.attachmentBase(number: stem, importedFileName: name))
                prepared.file = (data, "application/octet-stream", file.pathExtension.isEmpty ? "cod" : file.pathExtension)
                return prepared
            case .pdf, .image:
                guard let declaredKind else {
                    throw KindNeeded(description: "\(name): a \(format == .pdf ? "PDF" : "picture") on its own needs its kind: `import --kind receipt|other|coda-pdf|…`")
                }
                var prepared = PreparedDocument(number: stem, supplierKey: "file", kind: declaredKind,
                                                attachmentBase: FileNaming.attachmentBase(number: stem, importedFileName: name))
                if format == .pdf {
                    prepared.pdf = data
                } else {
                    let isPNG = data.first == 0x89
                    prepared.file = (data, isPNG ? "image/png" : "image/jpeg", isPNG ? "png" : "jpg")
                }
                return prepared
            case .ubl:
                break
            }
        }
        let document: UBLDocument
        do {
            document = try UBLReader(limits: settings.readerLimits).read(data)
        } catch {
            throw ImportError("\(name): \(error)")
        }
        var prepared = PreparedDocument(
            root: document.root, number: document.number, supplierKey: Self.supplierKey(document),
            issueDate: document.issueDate, ubl: data,
            attachmentBase: FileNaming.attachmentBase(number: document.number, importedFileName: name),
            warnings: document.warnings)
        let decision = declaredKind.map(KindDecision.kind) ?? KindDecision(document: document, ownIdentifiers: dossier.ownIdentifiers)
        switch decision {
        case .kind(let decided):
            prepared.kind = decided
            let sales = decided == .salesInvoice || decided == .salesCreditNote
            prepared.counterparty = (sales ? document.customer : document.supplier).name?.singleLine
        case .unknown(let reason):
            prepared.heldDetail = reason
            prepared.counterparty = document.supplier.name?.singleLine
        }
        if let pdf = try document.firstPDF?.data ?? siblingPDF(of: file) {
            prepared.pdf = pdf
        } else {
            // The accountant must never be blind: no PDF anywhere, so LedgerMail draws one.
            do {
                prepared.pdf = try InvoicePDFRenderer.render(document, language: dossier.language)
                prepared.pdfRendered = true
            } catch {
                throw ImportError("\(name): it has no PDF and none could be rendered: \(error)")
            }
        }
        return prepared
    }

    func read(_ file: URL) throws -> Data {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: file.path, isDirectory: &isDirectory) else {
            throw ImportError("\(file.path): no such file")
        }
        guard !isDirectory.boolValue else { throw ImportError("\(file.path): is a directory, not a file") }
        let size = (try? fm.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
        guard size <= settings.limits.documentBytes else {
            throw ImportError("\(file.lastPathComponent): \(ByteSize(bytes: size)) is over limits.document_bytes (\(ByteSize(bytes: settings.limits.documentBytes)))")
        }
        do {
            return try Data(contentsOf: file)
        } catch {
            throw ImportError("\(file.path): cannot be read (\(error.localizedDescription))")
        }
    }

    /// `invoice.pdf` beside `invoice.xml`, when it really is a PDF.
    func siblingPDF(of file: URL) throws -> Data? {
        let base = file.deletingPathExtension()
        for candidate in ["pdf", "PDF"] {
            let url = base.appendingPathExtension(candidate)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            let data = try read(url)
            guard data.starts(with: Array("%PDF".utf8)) else {
                throw ImportError("\(url.lastPathComponent) lies beside \(file.lastPathComponent) but is not a PDF (no %PDF header)")
            }
            return data
        }
        return nil
    }

    /// Who issued the document: its VAT, else its endpoint, legal id or name, normalised.
    static func supplierKey(_ document: UBLDocument) -> String {
        let supplier = document.supplier
        let raw = supplier.vat ?? supplier.endpointValue ?? supplier.legalID ?? supplier.name ?? ""
        return normalizedIdentifier(raw)
    }
}
