import Foundation

/// A new empty folder under the system's temporary folder, removed when the value is released.
///
/// NOTE: keep the value itself alive while the folder is in use (use `url`/`path` through it): a value no longer
/// used may be released, and its folder removed, before the end of the scope.
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
