import Foundation
import Testing
import TestSupport
@testable import ConvShell
@testable import Ops

/// The end-of-loop summary: its format, and what it counts, also from the workers of a parallel loop.
@Suite struct LoopSummaryTests {
    /// `save` of a tiny tensor to `path`, as an iteration's statement would run it.
    static func save(_ path: String) throws {
        let x = Argument(.tensor(try Tensor(shape: [1], values: [1])), text: "x")
        _ = try Registry().call("save", [x, Argument(.string(path))], context: Context(threads: 1, write: { _ in }))
    }

    @Test func formatsCountsTimeAndRate() {
        #expect(LoopSummary.line(done: 500, failed: 3, written: 497, seconds: 12.4)
                == "500 done, 3 failed, 497 written, 12.4 s, 40.3 files/s")
        #expect(LoopSummary.line(done: 0, failed: 0, written: 0, seconds: 0)
                == "0 done, 0 failed, 0 written, 0.0 s, 0.0 files/s")
    }

    @Test func aQuickLoopPrintsOnlyUnderKeepGoingOrAfterAProgressBar() {
        let summary = LoopSummary()
        #expect(!summary.isWorthPrinting(keepGoing: false, drewProgress: false))
        #expect(summary.isWorthPrinting(keepGoing: true, drewProgress: false))
        #expect(summary.isWorthPrinting(keepGoing: false, drewProgress: true))
    }

    @Test func countsFailuresAndIterationsThatWrote() throws {
        let folder = try TemporaryFolder("summary")
        let summary = LoopSummary()
        try summary.iteration { try LoopSummaryTests.save(folder.path + "/a.npy") }
        summary.iteration { }                                        // skipped: its outputs exist
        #expect(throws: OpError.self) { try summary.iteration { throw OpError("bad input") } }
        #expect(throws: OpError.self) {                              // wrote one file, then failed
            try summary.iteration { try LoopSummaryTests.save(folder.path + "/b.npy"); throw OpError("full disk") }
        }
        #expect(summary.line.hasPrefix("4 done, 2 failed, 2 written, "))
    }

    @Test func parallelWorkersCountOnlyTheirOwnFiles() throws {
        let folder = try TemporaryFolder("summary")
        let summary = LoopSummary()
        // 40 iterations on 2 threads; every third saves a file. Each worker's count must not see the other's.
        WorkerPool.shared.run(threads: 2, tasks: 40) { task, _ in
            try? summary.iteration {
                if task % 3 == 0 { try LoopSummaryTests.save(folder.path + "/\(task).npy") }
                usleep(200)
            }
        }
        #expect(summary.line.hasPrefix("40 done, 0 failed, 14 written, "))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).count == 14)
    }
}
