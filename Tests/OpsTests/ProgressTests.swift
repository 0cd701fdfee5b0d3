import Foundation
import Testing
@testable import Ops

/// The progress line: its text, when it is drawn, and that it is erased.
struct ProgressTests {
    /// Collects what a progress line writes, from any thread.
    final class Sink: @unchecked Sendable {
        private let lock = NSLock()
        private var text = ""
        func write(_ s: String) { lock.withLock { text += s } }
        var written: String { lock.withLock { text } }
    }

    @Test func lineText() {
        #expect(Progress.line(label: "conv2d", completed: 3, total: 8, elapsed: 1.25)
                == "conv2d ▕██████░░░░░░░░░░▏ 37%  1.2 s")
        #expect(Progress.line(label: "load", completed: 0, total: 0, elapsed: 0.5) == "load  0.5 s")
        #expect(Progress.line(label: "x", completed: 9, total: 8, elapsed: 0).contains("100%"))
    }

    @Test func drawClearFinish() {
        let sink = Sink()
        let p = Progress(label: "op", write: sink.write)
        p.setTotal(4)
        p.advance()
        p.draw()
        let line = "op ▕████░░░░░░░░░░░░▏ 25%  0.0 s"
        #expect(sink.written == "\r" + line)
        p.clear()
        #expect(sink.written == "\r" + line + "\r" + String(repeating: " ", count: line.count) + "\r")
        p.finish()
        let before = sink.written
        p.draw()
        #expect(sink.written == before)  // nothing after finish, and nothing to erase twice
    }

    @Test func contextShowsLineOnlyWhenAskedAndErasesIt() throws {
        let quiet = Sink()
        let context = Context(threads: 1) { _ in }
        context.progressOutput = quiet.write
        context.progressDelay = 0
        context.withProgress("op") {
            #expect(context.progress == nil)
            Thread.sleep(forTimeInterval: 0.2)
        }
        #expect(quiet.written.isEmpty)

        let sink = Sink()
        context.showsProgress = true
        context.progressOutput = sink.write
        context.withProgress("op") {
            context.progress?.setTotal(2)
            context.progress?.advance()
            // Wait (up to 5 s) for the timer to draw the half-way line, rather than assuming how long it takes.
            let deadline = Date().addingTimeInterval(5)
            while !sink.written.contains("50%") && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        }
        #expect(context.progress == nil)
        #expect(sink.written.hasPrefix("\rop "))
        #expect(sink.written.contains("\rop ▕████████░░░░░░░░▏ 50%"))
        #expect(sink.written.hasSuffix(" \r"))  // erased by spaces
        #expect(!sink.written.contains("\u{1B}"))
    }

    @Test func opOutputClearsTheLineFirst() {
        let sink = Sink()
        var printed = ""
        let context = Context(threads: 1, showsProgress: true) { text in
            sink.write("<out>")
            printed += text
        }
        context.progressOutput = sink.write
        context.withProgress("op") {
            context.progress?.draw()
            context.print("result")
        }
        #expect(sink.written.hasPrefix("\rop  0.0 s\r         \r<out>"))
        #expect(printed == "result\n")
    }
}
