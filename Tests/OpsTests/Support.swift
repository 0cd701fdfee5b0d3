import Foundation
import XCTest
@testable import Ops

/// `op` applied as the shell applies it: `positional` and `options` as arguments whose words name `tensors`, then
/// `Registry.call` (arguments bound, errors prefixed) in `context`; the tensor it returns, if any.
@discardableResult
func run(_ op: String, _ positional: [Syntax], options: [(String, Syntax)] = [], tensors: [String: Tensor] = [:],
         context: Context = Context(threads: 2, write: { _ in })) throws -> Tensor? {
    let lookup = { (name: String) in tensors[name].map(Value.tensor) }
    context.variableNames = { tensors.keys.sorted() }
    let value = try Registry().call(op, positional.map { $0.argument(lookup: lookup) },
                                    options: options.map { (key: $0.0, value: $0.1.argument(lookup: lookup)) },
                                    context: context)
    guard let value else { return nil }
    guard case .tensor(let tensor) = value else { throw OpError("\(op) returned a \(value.kindName)") }
    return tensor
}

/// Runs ops on named tensors, for XCTest cases, collecting what they print.
final class OpRunner {
    var tensors: [String: Tensor] = [:]
    private(set) var printed = ""
    lazy var context = Context(threads: 1) { [unowned self] in self.printed += $0 }

    init(_ tensors: [String: Tensor] = [:]) { self.tensors = tensors }

    /// `op` applied to `positional` and `options` over `tensors`, as `OpsTests.run` applies it.
    func run(_ op: String, _ positional: [Syntax], options: [(String, Syntax)] = []) throws -> Tensor? {
        try OpsTests.run(op, positional, options: options, tensors: tensors, context: context)
    }

    /// Like `run`, for ops that must return a tensor.
    func tensor(_ op: String, _ positional: [Syntax], options: [(String, Syntax)] = []) throws -> Tensor {
        guard let result = try run(op, positional, options: options) else { throw OpError("\(op) returned nothing") }
        return result
    }

    /// The message `run` throws; fails the test when it does not throw.
    func error(_ op: String, _ positional: [Syntax], options: [(String, Syntax)] = [],
               file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            _ = try run(op, positional, options: options)
            XCTFail("\(op) did not throw", file: file, line: line)
            return ""
        } catch {
            return "\(error)"
        }
    }

    /// Printed output since the last call.
    func takePrinted() -> String {
        defer { printed = "" }
        return printed
    }
}

/// A list literal `[[a,b],[c,d]]` as `Syntax`.
func literal(_ rows: [[Double]]) -> Syntax { .list(rows.map { .list($0.map(Syntax.number)) }) }

/// A tensor from nested rows (2-D).
func matrix(_ rows: [[Float]]) throws -> Tensor {
    try Tensor(shape: [rows.count, rows[0].count], values: rows.flatMap { $0 })
}

/// Asserts equal shapes and elements within `tolerance` (NaN equals NaN; with tolerance 0, -0.0 must match
/// the sign of zero too).
func assertClose(_ actual: Tensor, _ expected: Tensor, tolerance: Float = 0, _ label: String = "",
                 file: StaticString = #filePath, line: UInt = #line) {
    guard actual.shape == expected.shape else {
        return XCTFail("\(label): shape \(actual.shape), expected \(expected.shape)", file: file, line: line)
    }
    for (i, (a, e)) in zip(actual.scalars, expected.scalars).enumerated() {
        let same = (a.isNaN && e.isNaN) || (tolerance == 0 ? a.bitPattern == e.bitPattern || (a == e && a != 0)
                                                           : abs(a - e) <= tolerance * (1 + abs(e)))
        if !same {
            return XCTFail("\(label): element \(i) is \(a), expected \(e)", file: file, line: line)
        }
    }
}
