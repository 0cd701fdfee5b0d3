import Foundation

/// The progress bar of a long loop on stderr: `for path ▕██████░░░░░░░░░░▏ 17/500  3.2/s  ETA 2m31s`.
///
/// Drawn once the loop has run half a second, redrawn at most every 0.1 s as iterations finish (from any
/// thread), erased at the end. Only when the session shows progress (a terminal, or `--progress`); ops inside
/// the loop then draw no line of their own.
final class LoopProgress: @unchecked Sendable {
    private let label: String
    private let total: Int
    private let shows: Bool
    private let lock = NSLock()
    private let started = DispatchTime.now().uptimeNanoseconds
    private var completed = 0
    private var lastDrawn: UInt64 = 0
    private var drawnWidth = 0
    private var drewOnce = false

    init(label: String, total: Int, shows: Bool) {
        self.label = label
        self.total = total
        self.shows = shows
    }

    /// One more iteration done.
    func advance() {
        guard shows else { return }
        lock.withLock {
            completed += 1
            let now = DispatchTime.now().uptimeNanoseconds
            guard now - started > 500_000_000, now - lastDrawn > 100_000_000 else { return }
            lastDrawn = now
            let line = LoopProgress.line(label: label, completed: completed, total: total,
                                         elapsed: Double(now - started) / 1e9)
            Standard.rawError("\r" + line + String(repeating: " ", count: max(0, drawnWidth - line.count)))
            drawnWidth = line.count
            drewOnce = true
        }
    }

    /// Erases the bar (before an error is printed, and at the end).
    func clear() {
        lock.withLock {
            guard drawnWidth > 0 else { return }
            Standard.rawError("\r" + String(repeating: " ", count: drawnWidth) + "\r")
            drawnWidth = 0
        }
    }

    func finish() { clear() }

    /// Whether the bar was ever drawn (the loop ran long enough, with progress shown).
    var wasDrawn: Bool { lock.withLock { drewOnce } }

    /// `LABEL ▕████░░░░▏ 17/500  3.2/s  ETA 2m31s`; the bar is 16 cells wide.
    static func line(label: String, completed: Int, total: Int, elapsed: Double) -> String {
        let fraction = total > 0 ? min(1, Double(completed) / Double(total)) : 1
        let filled = Int(fraction * 16)
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: 16 - filled)
        let rate = elapsed > 0 ? Double(completed) / elapsed : 0
        let remaining = rate > 0 ? Double(total - completed) / rate : 0
        return "\(label) ▕\(bar)▏ \(completed)/\(total)  " + String(format: "%.1f/s", rate) + "  ETA " + duration(remaining)
    }

    /// `45s`, `2m31s`, `1h05m`.
    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m\(String(format: "%02d", s % 60))s" }
        return "\(s / 3600)h\(String(format: "%02d", s / 60 % 60))m"
    }
}
