import CKernelSupport
import Foundation
import Synchronization

/// Persistent worker threads that run the tasks of one parallel loop at a time.
///
/// `run(threads:tasks:_:)` hands out task indices `0..<tasks` from one atomic counter to the calling thread
/// (worker 0) and `threads - 1` pool threads (workers `1...`), and returns when every task has finished. Threads
/// are made the first time a loop needs them and then wait between loops, so an op never pays for thread
/// creation: for `spinTime` they spin (ops often come back to back, and waking a sleeping thread takes tens of
/// microseconds, a tenth of a small max pool), then they sleep on a condition variable. A worker joins a loop
/// only while it is open; once the caller has run out of tasks it closes the loop and waits only for the workers
/// that joined, so on a busy machine a worker the OS has not scheduled yet never holds the caller up (the caller
/// then simply runs more of the tasks). Which worker runs a task varies from run to run; the schedules make every
/// output element depend only on its task, so results do not.
public final class WorkerPool: @unchecked Sendable {
    /// The pool every op uses.
    public static let shared = WorkerPool()

    /// Threads an op uses unless told otherwise: `CONVSH_THREADS` when it is a positive integer, else the cores
    /// this process may run on.
    public static let defaultThreads: Int = {
        if let text = ProcessInfo.processInfo.environment["CONVSH_THREADS"], let n = Int(text), n > 0 {
            return min(n, maxThreads)
        }
        return max(1, ProcessInfo.processInfo.activeProcessorCount)
    }()

    /// The most threads one loop may use.
    public static let maxThreads = 256
    /// How long an idle worker (or a caller waiting for workers) spins before it sleeps.
    static let spinTime: UInt64 = 50_000  // nanoseconds

    private struct Job {
        let body: (Int, Int) -> Void
        let tasks: Int
    }

    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let wake = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private let finished = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    /// Serialises loops started by different threads (e.g. tests running in parallel).
    private let callers = NSLock()
    private let nextTask = Atomic<Int>(0)
    /// `generation`, for workers spinning without the mutex.
    private let published = Atomic<Int>(0)
    /// Workers inside the current loop (joined and not yet done); it rises only under `mutex` while `isOpen`.
    private let active = Atomic<Int>(0)
    // Guarded by `mutex`:
    private var workers = 0
    private var generation = 0
    private var job: Job?
    private var participants = 0
    /// Whether workers may still join the current loop: until the caller has run out of tasks.
    private var isOpen = false

    private init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(wake, nil)
        pthread_cond_init(finished, nil)
    }

    /// Runs `body(task, worker)` for every `task < tasks` on up to `threads` threads and waits for all of them.
    ///
    /// `worker < threads` identifies the thread, so `body` may use per-worker scratch memory. A loop started from
    /// inside another loop's body runs serially on the calling thread.
    public func run(threads: Int, tasks: Int, _ body: (_ task: Int, _ worker: Int) -> Void) {
        let threads = min(max(threads, 1), tasks, WorkerPool.maxThreads)
        if threads <= 1 || WorkerPool.insideLoop {
            for task in 0..<tasks where !Cancellation.isRequested { body(task, 0) }
            return
        }
        callers.lock()
        defer { callers.unlock() }
        withoutActuallyEscaping(body) { body in
            pthread_mutex_lock(mutex)
            while workers < threads - 1 {
                workers += 1
                spawn(index: workers, generation: generation)
            }
            nextTask.store(0, ordering: .relaxed)
            job = Job(body: body, tasks: tasks)
            participants = threads
            isOpen = true
            generation &+= 1
            published.store(generation, ordering: .releasing)
            pthread_cond_broadcast(wake)
            pthread_mutex_unlock(mutex)

            WorkerPool.insideLoop = true
            work(worker: 0)
            WorkerPool.insideLoop = false

            pthread_mutex_lock(mutex)
            isOpen = false
            pthread_mutex_unlock(mutex)
            _ = WorkerPool.spin { active.load(ordering: .acquiring) == 0 }
            pthread_mutex_lock(mutex)
            while active.load(ordering: .acquiring) > 0 { pthread_cond_wait(finished, mutex) }
            job = nil  // NOTE: no copy of `body` may outlive `withoutActuallyEscaping`; workers hold none now.
            pthread_mutex_unlock(mutex)
        }
    }

    // MARK: - Workers

    /// Runs tasks of the current job until none are left, or until Ctrl-C asks every loop to stop (the op's
    /// result is then incomplete, and `Registry.call` throws `Interrupted` instead of returning it). Its copy of
    /// the job ends when it returns.
    private func work(worker: Int) {
        guard let job else { return }
        while !Cancellation.isRequested {
            let task = nextTask.wrappingAdd(1, ordering: .relaxed).oldValue
            if task >= job.tasks { return }
            job.body(task, worker)
        }
    }

    private func spawn(index: Int, generation: Int) {
        let thread = Thread { [self] in workerLoop(index: index, seen: generation) }
        thread.name = "convsh-worker-\(index)"
        thread.start()
    }

    private func workerLoop(index: Int, seen start: Int) {
        WorkerPool.insideLoop = true
        var seen = start
        while true {
            _ = WorkerPool.spin { published.load(ordering: .acquiring) != seen }
            pthread_mutex_lock(mutex)
            while generation == seen { pthread_cond_wait(wake, mutex) }
            seen = generation
            // Workers beyond this loop's thread count sit it out, and so does one that wakes after the caller
            // closed the loop: it never touches that loop's body.
            let joins = isOpen && index < participants
            if joins { active.add(1, ordering: .relaxed) }
            pthread_mutex_unlock(mutex)
            guard joins else { continue }
            work(worker: index)
            if active.subtract(1, ordering: .acquiringAndReleasing).newValue == 0 {
                // Under the mutex, so a caller between its check and its wait cannot miss the signal.
                pthread_mutex_lock(mutex)
                pthread_cond_signal(finished)
                pthread_mutex_unlock(mutex)
            }
        }
    }

    /// Spins for up to `spinTime` until `condition` holds; true if it did.
    private static func spin(until condition: () -> Bool) -> Bool {
        let deadline = DispatchTime.now().uptimeNanoseconds + spinTime
        while true {
            for _ in 0..<64 {
                if condition() { return true }
                ckernel_pause()
            }
            if DispatchTime.now().uptimeNanoseconds > deadline { return false }
        }
    }

    // MARK: - Nesting

    /// True on pool threads and on a caller while it runs its share of a loop.
    private static var insideLoop: Bool {
        get { pthread_getspecific(loopKey) != nil }
        set { pthread_setspecific(loopKey, newValue ? UnsafeRawPointer(bitPattern: 1) : nil) }
    }

    private static let loopKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()
}
