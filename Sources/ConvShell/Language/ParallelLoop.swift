import Foundation
import Ops

/// `parallel for`: iterations on the session's threads, one iteration per worker (LANGUAGE.md §5).
///
/// Each iteration runs in a session of its own (`iterationSession`) that starts from the scope as it was when
/// the loop started and binds its names locally; nothing it binds survives the loop. Its context has one thread
/// (ops inside run single-threaded: nested pool loops run serially anyway) and its own output buffer; buffers are
/// printed in iteration order as soon as every earlier iteration is done. The first error stops the loop (those
/// in flight finish) unless `--keep-going`.
extension Session {
    /// Runs the iterations, each counted by `summary`; returns how many failed under `--keep-going`, throws the
    /// first error otherwise.
    func runParallel(_ variable: String, _ items: [Value], _ body: [Node], progress: LoopProgress,
                     summary: LoopSummary) throws -> Int {
        let state = ParallelState(count: items.count)
        let scope = variables
        let write: (String) -> Void = { [unowned self] in self.emit($0) }
        WorkerPool.shared.run(threads: settings.threads, tasks: items.count) { number, _ in
            guard !state.isStopped, !Cancellation.isRequested else { return state.finish(number, output: "", write) }
            var output = ""
            let session = iterationSession(scope: scope) { output += $0 }
            session.variables[variable] = items[number]
            do {
                _ = try summary.iteration { try session.execute(body) }
            } catch let error as ScriptError {
                let located = error.inIteration(number + 1, of: items.count, variable, items[number])
                state.fail(located, iteration: number, keepGoing: loops.keepGoing)
            } catch {
                state.fail(error, iteration: number, keepGoing: false)
            }
            state.finish(number, output: output, write)
            progress.advance()
        }
        try Cancellation.check()
        if let error = state.firstError { throw error }
        for error in state.reported {
            progress.clear()
            Standard.error(error.description)
        }
        return state.reported.count
    }

    /// A session for one iteration: the same registry and settings, the given scope, one thread, `write` for output.
    private func iterationSession(scope: Variables, write: @escaping (String) -> Void) -> Session {
        let child = Session(registry: registry, context: context.child(threads: 1, write: write), write: write)
        child.settings = settings
        child.settings.threads = 1
        child.variables = scope
        child.scriptArguments = scriptArguments
        child.loopDepth = loopDepth
        child.definitions.location = definitions.location
        return child
    }
}

/// What the workers of one `parallel for` share, under a lock.
final class ParallelState: @unchecked Sendable {
    private let lock = NSLock()
    private var outputs: [String?]
    private var nextToPrint = 0
    private var stopped = false
    private(set) var firstError: Error?
    private var failures: [(iteration: Int, error: ScriptError)] = []

    /// Errors of failed iterations under `--keep-going`, in iteration order.
    var reported: [ScriptError] { failures.sorted { $0.iteration < $1.iteration }.map(\.error) }

    init(count: Int) { outputs = Array(repeating: nil, count: count) }

    var isStopped: Bool { lock.withLock { stopped } }

    func fail(_ error: Error, iteration: Int, keepGoing: Bool) {
        lock.withLock {
            if keepGoing, let error = error as? ScriptError {
                failures.append((iteration, error))
            } else if firstError == nil {
                firstError = error
                stopped = true
            }
        }
    }

    /// Records iteration `number`'s output and prints every finished one in order up to the first unfinished.
    func finish(_ number: Int, output: String, _ write: (String) -> Void) {
        lock.withLock {
            outputs[number] = output
            while nextToPrint < outputs.count, let text = outputs[nextToPrint] {
                if !text.isEmpty { write(text) }
                outputs[nextToPrint] = ""
                nextToPrint += 1
            }
        }
    }
}
