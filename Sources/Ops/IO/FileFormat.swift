import Foundation

/// The file formats `load` and `save` know, recognised by content on load and by extension on save.
public enum FileFormat: String, CaseIterable, Sendable {
    case npy

    /// The format whose magic bytes begin `bytes`, or nil.
    public static func detect(_ bytes: [UInt8]) -> FileFormat? {
        if bytes.starts(with: NPY.magic) { return .npy }
        return nil
    }

    /// The format a file name's extension asks for when saving, or nil.
    public static func forSaving(_ path: String) -> FileFormat? {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "npy": return .npy
        default: return nil
        }
    }

    /// Extensions accepted by `save`, for messages.
    public static let saveExtensions = ".npy"

    /// Reads `path` whole, naming the file in every error.
    public static func read(_ path: String) throws -> [UInt8] {
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
        // NOTE: open(2) succeeds on a folder; only the read fails, with an unhelpful message.
        guard !isFolder.boolValue else { throw OpError("\(path) is a folder") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw OpError(exists ? "\(path): permission denied" : "\(path): no such file")
        }
        defer { try? handle.close() }
        do {
            return Array(try handle.readToEnd() ?? Data())
        } catch {
            throw OpError("\(path): cannot read: \(error.localizedDescription)")
        }
    }
}
