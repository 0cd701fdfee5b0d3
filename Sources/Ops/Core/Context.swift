import Foundation

/// Where an op's printed output goes and what it may know of the terminal and settings.
///
/// The shell makes one per session; tests make one that captures output in a string.
public final class Context: @unchecked Sendable {
    /// Worker threads an op may use (`set threads N`, `--threads N`, `CONVSH_THREADS`).
    public var threads: Int
    /// The terminal stdout is attached to, or nil for a file or pipe (no escape codes then).
    public var terminal: Terminal?
    /// Show a progress line on stderr for long ops (on a terminal, or with `--progress`).
    public var showsProgress: Bool
    private let write: (String) -> Void

    public init(threads: Int = WorkerPool.defaultThreads, terminal: Terminal? = nil, showsProgress: Bool = false,
                write: @escaping (String) -> Void) {
        self.threads = max(1, threads)
        self.terminal = terminal
        self.showsProgress = showsProgress
        self.write = write
    }

    /// Prints `text` and a newline on the op's output.
    public func print(_ text: String) { write(text + "\n") }

    /// Cores this process may run on.
    public static var availableCores: Int { ProcessInfo.processInfo.activeProcessorCount }
}

/// What the shell knows of an interactive terminal.
public struct Terminal: Sendable, Equatable {
    public var columns: Int
    public var rows: Int
    /// 24-bit colour promised by `COLORTERM=truecolor|24bit`; else 256 colours.
    public var hasTrueColor: Bool
    /// False when `NO_COLOR` is set: text only, no colour escapes.
    public var allowsColor: Bool

    public init(columns: Int, rows: Int, hasTrueColor: Bool, allowsColor: Bool) {
        self.columns = columns
        self.rows = rows
        self.hasTrueColor = hasTrueColor
        self.allowsColor = allowsColor
    }
}
