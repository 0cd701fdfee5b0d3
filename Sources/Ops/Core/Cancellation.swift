import CKernelSupport

/// Cooperative cancellation (LANGUAGE.md §6): a signal handler sets one flag; work checks it and stops early.
///
/// The flag lives in C (`convsh_cancel_request`) so a signal handler can set it async-signal-safely. The worker
/// pool stops handing out tasks once it is set; long single-threaded loops check `isRequested` every few
/// milliseconds of work and return early; `Registry.call` throws `Interrupted` when an op returns while the flag
/// is set, so a half-finished result is never bound. The front end clears it before each statement.
public enum Cancellation {
    /// Asks every running op and loop to stop (what the SIGINT handler does, in C).
    public static func request() { convsh_cancel_request() }

    /// True once a stop was asked for and not yet cleared.
    public static var isRequested: Bool { convsh_cancel_requested() != 0 }

    /// Forgets an earlier request (before the next statement runs).
    public static func clear() { convsh_cancel_clear() }

    /// Throws `Interrupted` when a stop was asked for.
    public static func check() throws {
        if isRequested { throw Interrupted() }
    }
}
