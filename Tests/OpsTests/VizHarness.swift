import Foundation
@testable import Ops

/// Runs ops the way the shell does (through `Registry.apply`) and captures what they print.
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
        let context = Context(threads: 1, terminal: terminal) { output += $0 }
        let registry = Registry()
        let arguments = Arguments(op: op, list: ArgumentList(positional: positional,
                                                             options: options.map { (key: $0.0, value: $0.1) }),
                                  lookup: { tensors[$0] }, names: { Array(tensors.keys) })
        _ = try registry.apply(registry.op(named: op)!, arguments, context)
        return output
    }

    /// The result of a tensor-producing op.
    static func make(_ op: String, _ positional: [Syntax], _ options: [(String, Syntax)] = [],
                     tensors: [String: Tensor] = [:]) throws -> Tensor {
        let context = Context(threads: 1) { _ in }
        let registry = Registry()
        let arguments = Arguments(op: op, list: ArgumentList(positional: positional,
                                                             options: options.map { (key: $0.0, value: $0.1) }),
                                  lookup: { tensors[$0] }, names: { Array(tensors.keys) })
        return try registry.apply(registry.op(named: op)!, arguments, context)!
    }

    /// `text` with ESC written as `\e`, so goldens are readable.
    static func visible(_ text: String) -> String { text.replacingOccurrences(of: "\u{1B}", with: "\\e") }

    static func matrix(_ rows: [[Float]]) throws -> Tensor {
        try Tensor(shape: [rows.count, rows[0].count], values: rows.flatMap { $0 })
    }
}
