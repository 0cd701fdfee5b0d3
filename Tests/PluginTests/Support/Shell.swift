import Foundation

/// The convsh binary run as a separate process, as a user runs it.
enum Shell {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs convsh with `arguments`, `stdin` piped in, in `folder`. The environment holds only `PATH`, a `HOME`
    /// (a fresh empty folder unless given, so the developer's `~/.convsh/plugins` never leaks in) and `extra`.
    static func run(_ arguments: [String], stdin: String = "", environment extra: [String: String] = [:],
                    in folder: URL? = nil) throws -> Result {
        let home = try TemporaryFolder()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Products.convsh)
        process.arguments = arguments
        var environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                           "HOME": home.path]
        environment.merge(extra) { $1 }
        process.environment = environment
        if let folder { process.currentDirectoryURL = folder }
        // stdout and stderr go to files, so neither pipe can fill up and stall the child.
        let outputPath = home.url.appendingPathComponent("stdout").path
        let errorPath = home.url.appendingPathComponent("stderr").path
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle(forWritingAtPath: outputPath)
        process.standardError = FileHandle(forWritingAtPath: errorPath)
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        let outputData = FileManager.default.contents(atPath: outputPath) ?? Data()
        let errorData = FileManager.default.contents(atPath: errorPath) ?? Data()
        return Result(status: process.terminationStatus, stdout: String(decoding: outputData, as: UTF8.self),
                      stderr: String(decoding: errorData, as: UTF8.self))
    }
}

/// A new empty folder under the system's temporary folder, removed when the value is released.
final class TemporaryFolder {
    let url: URL
    var path: String { url.path }

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("convsh-plugin-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `text` to `name` inside the folder; returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    /// Copies the built library `library` (e.g. `convsh_threshold`) to `name` inside the folder; returns its path.
    @discardableResult
    func copyLibrary(_ library: String, as name: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Products.library(library), toPath: file.path)
        return file.path
    }
}
