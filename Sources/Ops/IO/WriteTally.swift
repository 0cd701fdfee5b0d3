import Foundation

/// How many files `save` has written on the current thread, so a loop can tell which iterations wrote something
/// (the `497 written` of its end-of-loop summary): read `count` before and after an iteration on the thread that
/// runs it. An iteration of `parallel for` runs on one worker thread (ops inside it run serially there), so the
/// difference counts that iteration's files alone, whatever the other workers do meanwhile.
public enum WriteTally {
    /// Files written on this thread so far (the count wraps around after 2^64 files, harmlessly).
    public static var count: UInt {
        UInt(bitPattern: pthread_getspecific(key).map { Int(bitPattern: $0) } ?? 0)
    }

    /// One more file written on this thread.
    static func add() {
        pthread_setspecific(key, UnsafeRawPointer(bitPattern: Int(bitPattern: count &+ 1)))
    }

    // The count is kept in the thread-specific pointer itself: no allocation, nothing to free.
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()
}
