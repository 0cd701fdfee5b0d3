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
    /// The running op's progress line, while `withProgress` shows one; ops report through it.
    public internal(set) var progress: Progress?
    /// Where progress lines go (stderr; tests capture them).
    public var progressOutput: @Sendable (String) -> Void = Progress.standardError
    /// Seconds an op runs before its progress line appears.
    public var progressDelay = 0.5
    /// How `conv2d` computes a conv unless told with `algo=` (`set conv_algo direct|winograd|auto`).
    public var convAlgorithm = ConvAlgorithm.direct
    /// Where `show` sends pictures and tables when a front end draws them itself (the Jupyter kernel); nil: the
    /// terminal or plain text.
    public var display: (@Sendable (Display) -> Void)?
    /// The names in scope, for "did you mean" when a bare word names no variable (the session sets it).
    public var variableNames: () -> [String] = { [] }
    private let write: (String) -> Void

    public init(threads: Int = WorkerPool.defaultThreads, terminal: Terminal? = nil, showsProgress: Bool = false,
                write: @escaping (String) -> Void) {
        self.threads = max(1, threads)
        self.terminal = terminal
        self.showsProgress = showsProgress
        self.write = write
    }

    /// Prints `text` and a newline on the op's output.
    public func print(_ text: String) {
        progress?.clear()
        write(text + "\n")
    }

    /// A context for one iteration of a `parallel for`: the same terminal and names, `threads` worker threads,
    /// its output sent to `write` (kept together and printed in iteration order), no progress line of its own.
    public func child(threads: Int, write: @escaping (String) -> Void) -> Context {
        let child = Context(threads: threads, terminal: terminal, showsProgress: false, write: write)
        child.variableNames = variableNames
        child.convAlgorithm = convAlgorithm
        child.display = display
        return child
    }

    /// Cores this process may run on.
    public static var availableCores: Int { ProcessInfo.processInfo.activeProcessorCount }
}
