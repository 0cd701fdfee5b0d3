import Foundation

/// Writing to the process's stdout and stderr (Swift 6 cannot name C's `stdout`/`stderr` globals).
enum Standard {
    /// Writes `text` to stdout as is.
    static func output(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Writes `text` and a newline to stderr.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Writes `text` to stderr as is (progress lines).
    static func rawError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
