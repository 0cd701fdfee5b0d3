import Foundation
import Testing
@testable import Ops

/// A value behind an `NSLock`, which ThreadSanitizer understands (it does not see `Synchronization.Mutex`'s
/// futex, so it would report the tests' own counters as races).
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func update(_ body: (inout Value) -> Void) { lock.withLock { body(&value) } }
    var current: Value { lock.withLock { value } }
}

@Suite struct WorkerPoolTests {
    /// Every task index runs exactly once, on a worker index below the thread count.
    @Test func runsEveryTaskOnce() {
        for (threads, tasks) in [(1, 5), (2, 1), (2, 2), (3, 100), (8, 1000), (4, 0)] {
            let counts = Locked([Int](repeating: 0, count: tasks))
            let calls = Locked(0)
            let workers = Locked(Set<Int>())
            WorkerPool.shared.run(threads: threads, tasks: tasks) { task, worker in
                calls.update { $0 += 1 }
                counts.update { $0[task] += 1 }
                workers.update { _ = $0.insert(worker) }
            }
            // The call count is what the zero-task case checks: no call at all (its counts are [] either way).
            #expect(calls.current == tasks, "\(threads) threads, \(tasks) tasks")
            #expect(counts.current == [Int](repeating: 1, count: tasks), "\(threads) threads, \(tasks) tasks")
            #expect(workers.current.allSatisfy { $0 < threads })
        }
    }

    /// A loop started inside a task runs serially instead of deadlocking.
    @Test func nestedLoopsRunInline() {
        let total = Locked(0)
        WorkerPool.shared.run(threads: 2, tasks: 4) { _, _ in
            WorkerPool.shared.run(threads: 2, tasks: 3) { _, worker in
                total.update { $0 += 1 }
                #expect(worker == 0)
            }
        }
        #expect(total.current == 12)
    }

    /// Loops started from several threads at once are serialised, and each completes.
    @Test func concurrentCallersEachComplete() {
        let sums = Locked([Int](repeating: 0, count: 4))
        DispatchQueue.concurrentPerform(iterations: 4) { caller in
            for _ in 0..<20 {
                WorkerPool.shared.run(threads: 2, tasks: 50) { task, _ in sums.update { $0[caller] += task } }
            }
        }
        #expect(sums.current == [Int](repeating: 20 * (49 * 50 / 2), count: 4))
    }
}
