import Foundation
import Synchronization
import Testing
@testable import Ops

@Suite struct WorkerPoolTests {
    /// Every task index runs exactly once, on a worker index below the thread count.
    @Test func runsEveryTaskOnce() {
        for (threads, tasks) in [(1, 5), (2, 1), (2, 2), (3, 100), (8, 1000), (4, 0)] {
            let counts = Mutex([Int](repeating: 0, count: tasks))
            let workers = Mutex(Set<Int>())
            WorkerPool.shared.run(threads: threads, tasks: tasks) { task, worker in
                counts.withLock { $0[task] += 1 }
                workers.withLock { _ = $0.insert(worker) }
            }
            #expect(counts.withLock { $0 } == [Int](repeating: 1, count: tasks), "\(threads) threads, \(tasks) tasks")
            #expect(workers.withLock { $0.allSatisfy { $0 < threads } })
        }
    }

    /// A loop started inside a task runs serially instead of deadlocking.
    @Test func nestedLoopsRunInline() {
        let total = Mutex(0)
        WorkerPool.shared.run(threads: 2, tasks: 4) { _, _ in
            WorkerPool.shared.run(threads: 2, tasks: 3) { _, worker in
                total.withLock { $0 += 1 }
                #expect(worker == 0)
            }
        }
        #expect(total.withLock { $0 } == 12)
    }

    /// Loops started from several threads at once are serialised, and each completes.
    @Test func concurrentCallersEachComplete() {
        let sums = Mutex([Int](repeating: 0, count: 4))
        DispatchQueue.concurrentPerform(iterations: 4) { caller in
            for _ in 0..<20 {
                WorkerPool.shared.run(threads: 2, tasks: 50) { task, _ in sums.withLock { $0[caller] += task } }
            }
        }
        #expect(sums.withLock { $0 } == [Int](repeating: 20 * (49 * 50 / 2), count: 4))
    }
}
