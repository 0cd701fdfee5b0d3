import CKernelSupport
import Foundation

/// How a script ends on a signal (LANGUAGE.md §6): SIGINT exits 130, SIGTERM 143, as shells do, after removing
/// the temporary files of any save in progress (so no partial file is ever left). The REPL keeps its own
/// SIGINT handler (LineEditor), which stops the running op or loop instead.
enum Signals {
    static func endScriptsOnSignals() {
        for number in [SIGINT, SIGTERM] { _ = signal(number, Signals.end) }
    }

    /// The REPL: SIGTERM ends it like a script; Ctrl-C is the line editor's.
    static func endOnTerminate() { _ = signal(SIGTERM, Signals.end) }

    /// Only async-signal-safe calls: unlink(2) inside, then _exit(2).
    private static let end: @convention(c) (Int32) -> Void = { number in
        convsh_temporaries_unlink_all()
        _exit(128 + number)
    }
}
