import Foundation

/// A new empty folder under the system's temporary folder, removed when the value is released.
///
/// NOTE: bind the value to a name for as long as the folder is needed: `try TemporaryFolder().url` is removed
/// as soon as the expression ends.
public final class TemporaryFolder {
    public let url: URL
    public var path: String { url.path }

    /// `convsh-LABEL-UUID` in the temporary folder.
    public init(_ label: String = "test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("convsh-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `text` to `name` inside the folder; returns its path.
    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    /// Copies the built library `library` (e.g. `convsh_threshold`) to `name` inside the folder; returns its path.
    @discardableResult
    public func copyLibrary(_ library: String, as name: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Products.library(library), toPath: file.path)
        return file.path
    }
}
