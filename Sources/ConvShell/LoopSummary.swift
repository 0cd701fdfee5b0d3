import Foundation
import Ops

/// The line a loop prints on stderr when it ends: `500 done, 3 failed, 497 written, 12.4 s, 40.3 files/s`.
///
/// - done: iterations that ran to their end or to their error;
/// - failed: those that ended in an error (reported and passed over under `--keep-going`);
/// - written: those that saved at least one file (an input skipped because its outputs exist saves none, so a
///   resumed run says how much it redid);
/// - the wall time since the summary was made, and done per second.
///
/// The loop makes one summary before its first iteration and wraps each iteration's body in `iteration`, on the
/// thread that runs it (`parallel for` workers included: counting is locked, and the files an iteration wrote
/// are told apart from other workers' by `WriteTally`, which counts per thread). Only an outermost loop that
/// ends without stopping the script prints it, and only when `isWorthPrinting` (docs/language.md).
final class LoopSummary: @unchecked Sendable {
    /// A loop that ran this long prints its summary even without `--keep-going` or a progress bar.
    static let longLoopSeconds = 2.0

    private let lock = NSLock()
    private let started = DispatchTime.now().uptimeNanoseconds
    private var done = 0
    private var failed = 0
    private var written = 0

    /// Runs one iteration's `body` on this thread and counts it: done, failed when it throws, written when a
    /// `save` inside it wrote a file.
    func iteration<T>(_ body: () throws -> T) rethrows -> T {
        let before = WriteTally.count
        do {
            let result = try body()
            record(failed: false, wrote: WriteTally.count != before)
            return result
        } catch {
            record(failed: true, wrote: WriteTally.count != before)
            throw error
        }
    }

    private func record(failed didFail: Bool, wrote: Bool) {
        lock.withLock {
            done += 1
            if didFail { failed += 1 }
            if wrote { written += 1 }
        }
    }

    /// Wall-clock seconds since the summary was made.
    var seconds: Double { Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9 }

    /// Whether the ended loop reports itself: under `--keep-going` (the summary is then the count of failures),
    /// when it drew a progress bar (a terminal or `--progress`, past half a second), or when it ran
    /// `longLoopSeconds` or more. A quick loop at the prompt or in a script stays quiet.
    func isWorthPrinting(keepGoing: Bool, drewProgress: Bool) -> Bool {
        keepGoing || drewProgress || seconds >= LoopSummary.longLoopSeconds
    }

    /// The summary so far.
    var line: String {
        let seconds = self.seconds
        return lock.withLock { LoopSummary.line(done: done, failed: failed, written: written, seconds: seconds) }
    }

    /// `500 done, 3 failed, 497 written, 12.4 s, 40.3 files/s` (the rate of a loop shorter than a millisecond
    /// is taken over one millisecond).
    static func line(done: Int, failed: Int, written: Int, seconds: Double) -> String {
        let rate = Double(done) / max(seconds, 0.001)
        return "\(done) done, \(failed) failed, \(written) written, "
            + String(format: "%.1f s, %.1f files/s", seconds, rate)
    }
}
