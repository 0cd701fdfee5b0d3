import Foundation
import Ops

/// `convsh --keep-going` and `--shard I/N`, and what `--keep-going` counted (LANGUAGE.md §5).
struct LoopSettings {
    /// A failed iteration is reported and the loop goes on.
    var keepGoing = false
    /// This process's share of the outermost loops over a call: items `index`, `index + count`, ...
    var shard: (index: Int, count: Int)?
    /// Iterations that failed under `--keep-going`, over the whole run; the script then exits 1.
    var failedIterations = 0
}

/// `for NAME in EXPR ... end` and `parallel for` (LANGUAGE.md §5).
extension Session {
    func runLoop(variable: String, over: Expr, parallel: Bool, body: [Node], at location: SourceLocation) throws {
        definitions.location = location
        var items: [Value]
        do {
            try checkBindable(variable)
            items = try Session.items(of: try value(of: over))
        } catch let error as OpError {
            throw loopDepth == 0 && definitions.depth == 0 && location.file == SourceLocation.prompt
                ? error : ScriptError(location: location, message: Session.message(error))
        }
        // `--shard I/N` splits the outermost loops whose items come from a call (`glob(...)`, `range(...)`).
        if let (index, count) = loops.shard, loopDepth == 0, definitions.depth == 0, case .call = over {
            items = stride(from: index, to: items.count, by: count).map { items[$0] }
        }
        let progress = LoopProgress(label: (parallel ? "parallel for " : "for ") + variable, total: items.count,
                                    shows: context.showsProgress)
        let summary = LoopSummary()
        let isOutermost = loopDepth == 0 && definitions.depth == 0
        let showsOpProgress = context.showsProgress
        context.showsProgress = false  // one line at a time: the loop's
        loopDepth += 1
        defer {
            loopDepth -= 1
            context.showsProgress = showsOpProgress
            progress.finish()
        }
        var failed = 0
        if parallel {
            failed = try runParallel(variable, items, body, progress: progress, summary: summary)
        } else {
            for (number, item) in items.enumerated() {
                variables[variable] = item
                do {
                    let flow = try summary.iteration { try execute(body) }
                    if flow == .breakLoop || quitRequested { break }
                } catch let error as ScriptError {
                    let located = error.inIteration(number + 1, of: items.count, variable, item)
                    guard loops.keepGoing else { throw located }
                    progress.clear()
                    Standard.error(located.description)
                    failed += 1
                }
                progress.advance()
            }
        }
        loops.failedIterations += failed
        // One report at the end: the outermost loop's summary line (which counts the failures too).
        if isOutermost && summary.isWorthPrinting(keepGoing: loops.keepGoing, drewProgress: progress.wasDrawn) {
            progress.clear()
            Standard.error(summary.line)
        } else if failed > 0 {
            progress.clear()
            Standard.error("\(failed) of \(items.count) iterations failed")
        }
    }

    /// What `for` walks: a list's items, or a tensor's slices along its first axis (numbers for a 1-D tensor).
    static func items(of value: Value) throws -> [Value] {
        switch value {
        case .list(let items): return items
        case .tensor(let t):
            guard let first = t.shape.first else { throw OpError("for: cannot iterate over a 0-d tensor") }
            let rest = Array(t.shape.dropFirst())
            let size = rest.reduce(1, *)
            return try t.withUnsafeBufferPointer { all in
                try (0..<first).map { i in
                    let slice = Array(all[(i * size)..<((i + 1) * size)])
                    return rest.isEmpty ? .number(Double(slice[0])) : .tensor(try Tensor(shape: rest, values: slice))
                }
            }
        default:
            throw OpError("for: cannot iterate over a \(value.kindName); use a list, range(n), glob(...) or a tensor")
        }
    }
}

extension ScriptError {
    /// The error with the iteration it happened in: `(iteration 17 of 500, path = "photos/x.jpg")`.
    func inIteration(_ number: Int, of count: Int, _ variable: String, _ item: Value) -> ScriptError {
        let shown: String
        switch item {
        case .tensor(let t): shown = "a tensor \(Tensor.describe(t.shape))"
        default: shown = SyntaxError.excerpt(Argument.spelling(of: item), limit: 80)
        }
        return ScriptError(location: location, message: message + " (iteration \(number) of \(count), \(variable) = \(shown))")
    }
}
