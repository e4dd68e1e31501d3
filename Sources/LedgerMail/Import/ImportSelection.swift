import Foundation

/// What `import` works on when given folders as well as files: every file under a folder, in path
/// order, except a UBL's `NAME.pdf` companion (it goes with its UBL, as beside a file given by
/// name) and files that are none of UBL, CODA, PDF or picture, which are listed as skipped.
public enum ImportSelection {
    public struct Entry: Sendable, Equatable {
        public var path: String
        /// Set when the file is listed but not imported, with the reason.
        public var skipped: String?
    }

    public static func entries(_ paths: [String]) -> [Entry] {
        var entries: [Entry] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
                entries.append(Entry(path: path))   // named by the user: imported, or a clear error
                continue
            }
            let files = InputFiles.expand([path])
            let present = Set(files)
            for file in files {
                switch InputFiles.pathExtension(file) {
                case "xml", "png", "jpg", "jpeg":
                    entries.append(Entry(path: file))
                case "pdf":
                    let stem = String(file.dropLast(4))
                    if !present.contains(stem + ".xml") && !present.contains(stem + ".XML") { entries.append(Entry(path: file)) }
                default:
                    let isCODA = FileManager.default.contents(atPath: file).map { CODAStatement.recognise($0) != nil } ?? false
                    entries.append(Entry(path: file, skipped: isCODA ? nil : "not a UBL (.xml), CODA statement, PDF or picture"))
                }
            }
        }
        return entries
    }
}
