import Foundation

/// The progress line of one running op: drawn on stderr once the op has run `delay` seconds, redrawn every
/// `interval`, erased when the op ends.
///
/// `Registry.call` wraps every op in `Context.withProgress`, so any op that runs long shows its name and elapsed
/// time. An op that knows how far it is says so, from any thread:
///
///     context.progress?.setTotal(outputRows)        // once, before the work
///     context.progress?.advance()                   // after each row / tile / decoded scanline
///
/// Both are a lock and an add (~20 ns); when no line is wanted `context.progress` is nil and they cost nothing.
/// The line is `conv2d ▕██████░░░░░░░░░░▏ 37%  1.2 s` (or `conv2d  1.2 s` with no total). It is drawn with `\r` and
/// erased by overwriting with spaces, so it writes no escape codes.
public final class Progress: @unchecked Sendable {
    public let label: String
    private let lock = NSLock()
    private let write: @Sendable (String) -> Void
    private let started = DispatchTime.now().uptimeNanoseconds
    private var completed = 0, total = 0
    /// Characters of the line now on screen; 0 when none is drawn.
    private var drawnWidth = 0
    private var finished = false
    private var timer: DispatchSourceTimer?

    init(label: String, write: @escaping @Sendable (String) -> Void) {
        self.label = label
        self.write = write
    }

    // MARK: - Reporting (any thread)

    /// Declares how many units of work the op will do.
    public func setTotal(_ total: Int) {
        lock.lock(); defer { lock.unlock() }
        self.total = max(0, total)
    }

    /// Marks `units` more units done.
    public func advance(by units: Int = 1) {
        lock.lock(); defer { lock.unlock() }
        completed += units
    }

    // MARK: - Drawing

    /// Starts the timer that draws the line after `delay` seconds and every `interval` seconds after that.
    func begin(delay: Double, interval: Double) {
        let timer = DispatchSource.makeTimerSource(queue: .global(qos: .utility))
        timer.schedule(deadline: .now() + delay, repeating: interval)
        timer.setEventHandler { [weak self] in self?.draw() }
        self.timer = timer
        timer.resume()
    }

    /// Draws the current state, unless the op has finished.
    func draw() {
        lock.lock(); defer { lock.unlock() }
        guard !finished else { return }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let line = Progress.line(label: label, completed: completed, total: total, elapsed: elapsed)
        let width = line.count
        write("\r" + line + String(repeating: " ", count: max(0, drawnWidth - width)))
        drawnWidth = max(width, 1)
    }

    /// Erases the line if it is drawn (before the op prints, and when it ends); the timer may draw it again.
    func clear() {
        lock.lock(); defer { lock.unlock() }
        eraseLocked()
    }

    /// Stops the timer and erases the line for good.
    func finish() {
        lock.lock()
        finished = true
        eraseLocked()
        lock.unlock()
        timer?.cancel()
    }

    private func eraseLocked() {
        guard drawnWidth > 0 else { return }
        write("\r" + String(repeating: " ", count: drawnWidth) + "\r")
        drawnWidth = 0
    }

    /// `LABEL ▕█████░░░▏ 37%  1.2 s` when `total` > 0, else `LABEL  1.2 s`; the bar is 16 cells wide.
    static func line(label: String, completed: Int, total: Int, elapsed: Double) -> String {
        let time = String(format: "%.1f s", elapsed)
        guard total > 0 else { return "\(label)  \(time)" }
        let fraction = min(1, Double(completed) / Double(total))
        let filled = Int(fraction * 16)
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: 16 - filled)
        return "\(label) ▕\(bar)▏ \(Int(fraction * 100))%  \(time)"
    }

    /// Writes to the process's standard error.
    public static let standardError: @Sendable (String) -> Void = { text in
        FileHandle.standardError.write(Data(text.utf8))
    }
}

extension Context {
    /// Runs `body` (one op) with a progress line when `showsProgress` is set; nested calls share the outer line.
    public func withProgress<R>(_ label: String, _ body: () throws -> R) rethrows -> R {
        guard showsProgress, progress == nil else { return try body() }
        let line = Progress(label: label, write: progressOutput)
        progress = line
        line.begin(delay: progressDelay, interval: 0.1)
        defer {
            line.finish()
            progress = nil
        }
        return try body()
    }
}
