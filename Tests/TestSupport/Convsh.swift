import Foundation

/// The built `convsh` binary run as a separate process, as a user runs it.
public enum Convsh {
    /// The repository's `Tests` folder, found from this source file.
    public static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The environment convsh runs in under test: only `PATH`, `HOME` = `home` (a fresh folder, so the developer's
    /// `~/.convsh/plugins` and history never leak in), then `extra`. The sanitizers' settings pass through too
    /// (scripts/sanitize runs convsh itself instrumented).
    public static func environment(home: URL, _ extra: [String: String] = [:]) -> [String: String] {
        let outer = ProcessInfo.processInfo.environment
        let sanitizers = outer.filter { ["ASAN_OPTIONS", "UBSAN_OPTIONS", "TSAN_OPTIONS"].contains($0.key) }
        return ["PATH": outer["PATH"] ?? "/usr/bin:/bin", "HOME": home.path].merging(sanitizers) { $1 }
            .merging(extra) { $1 }
    }

    public struct Result {
        public let status: Int32
        public let stdout: String
        public let stderr: String
    }

    public struct TimedOut: Error { public let command: String }

    /// Runs `executable` (convsh unless given) with `arguments` in `folder` (default: the test's own), `stdin`
    /// piped in (nil: /dev/null), in `environment(home:extra)` with a fresh `HOME`; waits at most 60 s.
    public static func run(_ arguments: [String], stdin: String? = nil, environment extra: [String: String] = [:],
                           in folder: URL? = nil, executable: URL = Products.convsh) throws -> Result {
        let scratch = try TemporaryFolder("run")
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        process.environment = environment(home: scratch.url, extra)
        // stdout and stderr go to files, so neither pipe can fill up and stall the child.
        let out = scratch.url.appendingPathComponent("stdout"), err = scratch.url.appendingPathComponent("stderr")
        for file in [out, err] { _ = FileManager.default.createFile(atPath: file.path, contents: nil) }
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        let input = Pipe()
        process.standardInput = stdin == nil ? FileHandle.nullDevice : input
        try process.run()
        if let stdin {
            input.fileHandleForWriting.write(Data(stdin.utf8))
            try input.fileHandleForWriting.close()
        }
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning, Date() < deadline { usleep(2_000) }
        if process.isRunning {
            process.terminate()
            throw TimedOut(command: ([executable.lastPathComponent] + arguments).joined(separator: " "))
        }
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
                      stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
    }
}
