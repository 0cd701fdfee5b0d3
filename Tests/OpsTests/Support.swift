import Foundation
import XCTest
@testable import Ops

/// `op` applied as the shell applies it: registry lookup, `Arguments` over `positional` and `options` whose words
/// name `tensors`, then `Registry.apply` (argument counts and keys checked) in `context`.
@discardableResult
func run(_ op: String, _ positional: [Syntax], options: [(String, Syntax)] = [], tensors: [String: Tensor] = [:],
         context: Context = Context(threads: 2, write: { _ in })) throws -> Tensor? {
    let registry = Registry()
    guard let found = registry.op(named: op) else { throw OpError("no op \(op)") }
    let list = ArgumentList(positional: positional, options: options.map { (key: $0.0, value: $0.1) })
    let arguments = Arguments(op: op, list: list, lookup: { tensors[$0] }, names: { tensors.keys.sorted() })
    return try registry.apply(found, arguments, context)
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
            return (error as? OpError)?.message ?? "\(error)"
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
