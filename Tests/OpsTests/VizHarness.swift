import Foundation
@testable import Ops

/// Runs ops as `run` does, on a terminal of the test's choosing, and captures what they print.
enum VizHarness {
    /// A terminal of fixed size for golden outputs.
    static func terminal(columns: Int = 80, rows: Int = 24, trueColor: Bool = true, color: Bool = true,
                         graphics: Terminal.Graphics = .none) -> Terminal {
        Terminal(columns: columns, rows: rows, hasTrueColor: trueColor, allowsColor: color, graphics: graphics)
    }

    /// Output of `op` with positional arguments `positional` (words name tensors in `tensors`) and `options`.
    static func run(_ op: String, _ positional: [Syntax], _ options: [(String, Syntax)] = [],
                    tensors: [String: Tensor] = [:], terminal: Terminal? = nil) throws -> String {
        var output = ""
        try OpsTests.run(op, positional, options: options, tensors: tensors,
                         context: Context(threads: 1, terminal: terminal) { output += $0 })
        return output
    }

    /// The result of a tensor-producing op.
    static func make(_ op: String, _ positional: [Syntax], _ options: [(String, Syntax)] = [],
                     tensors: [String: Tensor] = [:]) throws -> Tensor {
        try OpsTests.run(op, positional, options: options, tensors: tensors, context: Context(threads: 1) { _ in })!
    }

    /// `text` with ESC written as `\e`, so goldens are readable.
    static func visible(_ text: String) -> String { text.replacingOccurrences(of: "\u{1B}", with: "\\e") }
}
