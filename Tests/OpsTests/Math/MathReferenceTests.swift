import ConvKernels
import Foundation
import XCTest
@testable import Ops

/// The cases `scripts/make-math-reference.py` wrote with NumPy and TensorFlow into `Reference/math/cases.json`:
/// registry ops through `Registry.call`, op codes through `ElementwiseExpression`, indexing through `index`,
/// printing through `ArrayFormatter`.
final class MathReferenceTests: XCTestCase {
    static let file = Bundle.module.url(forResource: "Reference", withExtension: nil)!
        .appendingPathComponent("math/cases.json")

    func cases(_ kind: String) throws -> [[String: Any]] {
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.file)) as? [String: Any])
        let all = try XCTUnwrap(json["cases"] as? [[String: Any]])
        XCTAssertGreaterThanOrEqual(all.count, 200, "the reference file lost cases")
        return all.filter { $0["kind"] as? String == kind }
    }

    static func tensor(_ json: Any?) throws -> Tensor {
        let object = try XCTUnwrap(json as? [String: Any])
        let shape = try XCTUnwrap(object["shape"] as? [Int])
        let bits = try XCTUnwrap(object["bits"] as? [NSNumber])
        return try Tensor(shape: shape, values: bits.map { Float(bitPattern: $0.uint32Value) })
    }

    static func value(_ json: Any?) throws -> Value {
        if let n = (json as? [String: Any])?["number"] as? Double { return .number(n) }
        if let list = (json as? [String: Any])?["list"] as? [Double] { return .list(list.map { .number($0) }) }
        return .tensor(try tensor(json))
    }

    /// Ops that NumPy/TensorFlow compute exactly (or where we must match bit for bit, signed zeros included).
    static let exact: Set<String> = ["abs", "square", "floor", "ceil", "round", "sign", "minimum", "maximum", "clip",
                                     "where", "relu6", "leaky_relu", "max", "min", "argmax", "argmin", "reshape",
                                     "squeeze", "expand_dims", "transpose", "concat", "negate", "add", "subtract",
                                     "multiply", "divide", "less", "lessEqual", "greater", "greaterEqual", "equal",
                                     "notEqual", "logicalAnd", "logicalOr", "logicalNot", "sqrt", "remainder"]

    func assertMatches(_ got: Value?, _ expected: Value, exact: Bool, _ label: String) {
        switch (got, expected) {
        case (.number(let a)?, .number(let b)):
            XCTAssert(a == b || (a.isNaN && b.isNaN) || (!exact && abs(a - b) <= 1e-6 + 1e-5 * abs(b)),
                      "\(label): \(a) != \(b)")
        case (.list(let a)?, .list(let b)):
            XCTAssertEqual(a.map(\.number), b.map(\.number), label)
        case (.tensor(let a)?, .tensor(let b)):
            guard a.shape == b.shape else { return XCTFail("\(label): shape \(a.shape) != \(b.shape)") }
            for (i, (x, y)) in zip(a.scalars, b.scalars).enumerated() {
                let same = x.bitPattern == y.bitPattern || (x.isNaN && y.isNaN)
                    || (!exact && x.isFinite && y.isFinite && abs(x - y) <= 1e-6 + 4e-6 * abs(y))
                if !same { return XCTFail("\(label): element \(i): \(x) != \(y)") }
            }
        default:
            XCTFail("\(label): got \(String(describing: got)), expected \(expected)")
        }
    }

    func testOps() throws {
        let registry = Registry(), context = Context(threads: 2, write: { _ in })
        var names = Set<String>()
        for c in try cases("op") {
            let name = try XCTUnwrap(c["name"] as? String), label = "\(name): \(c["reference"] ?? "")"
            let args = try XCTUnwrap(c["args"] as? [Any]).map { Argument(try Self.value($0)) }
            let options = try XCTUnwrap(c["options"] as? [String: Any]).sorted { $0.key < $1.key }.map { key, v in
                let value: Value = (v as? [NSNumber]).map { .list($0.map { .number($0.doubleValue) }) }
                    ?? .number((v as! NSNumber).doubleValue)
                return (key: key, value: Argument(value))
            }
            do {
                let got = try registry.call(name, args, options: options, context: context)
                assertMatches(got, try Self.value(c["expected"]), exact: Self.exact.contains(name), label)
            } catch {
                XCTFail("\(label): \(error)")
            }
            names.insert(name)
        }
        XCTAssertEqual(names.count, 40, "ops covered: \(names.sorted())")
    }

    func testCodes() throws {
        var checked = 0
        for c in try cases("code") {
            let name = try XCTUnwrap(c["code"] as? String), label = "\(name): \(c["reference"] ?? "")"
            let code = try XCTUnwrap(ElementwiseCode.allCases.first { "\($0)" == name }, name)
            let operands: [ElementwiseExpression] = try XCTUnwrap(c["args"] as? [Any]).map {
                switch try Self.value($0) {
                case .number(let n): return .number(n)
                case let v: return .tensor(v.tensor!)
                }
            }
            for isa in ISA.supported {
                let result = try ElementwiseExpression.apply(code, operands).evaluate(threads: 2, isa: isa)
                guard case .tensor(let t) = result else { return XCTFail("\(label): not a tensor") }
                assertMatches(.tensor(t), try Self.value(c["expected"]), exact: Self.exact.contains(name),
                              "\(label) (\(isa))")
                checked += 1
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 30)
        for c in try cases("error") {
            let shapes = try XCTUnwrap(c["shapes"] as? [[Int]])
            let e = ElementwiseExpression.apply(.add, try shapes.map { .tensor(try Tensor(shape: $0)) })
            XCTAssertThrowsError(try e.evaluate(threads: 1)) {
                XCTAssertEqual(($0 as? OpError)?.message, c["error"] as? String)
            }
        }
    }

    /// `x[index]` with the index written as Python source (`1:-1:2, ::-2`, `..., 2`).
    static func components(_ source: String) -> [IndexComponent] {
        source.split(separator: ",").map { part in
            let p = part.trimmingCharacters(in: .whitespaces)
            if p == "..." { return .ellipsis }
            guard p.contains(":") else { return .index(Int(p)!) }
            let fields = p.split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
            return .slice(start: fields[0], stop: fields.count > 1 ? fields[1] : nil, step: fields.count > 2 ? fields[2] : nil)
        }
    }

    func testIndexing() throws {
        let all = try cases("index")
        XCTAssertGreaterThanOrEqual(all.count, 20)
        for c in all {
            let source = try XCTUnwrap(c["index"] as? String)
            let x = try Self.tensor(c["input"])
            if let message = c["error"] as? String {
                XCTAssertThrowsError(try index(x, Self.components(source))) {
                    XCTAssertEqual(($0 as? OpError)?.message, message, source)
                }
                continue
            }
            assertMatches(.tensor(try index(x, Self.components(source))), .tensor(try Self.tensor(c["expected"])),
                          exact: true, "x[\(source)]")
        }
    }

    func testPrinting() throws {
        let all = try cases("format")
        XCTAssertGreaterThanOrEqual(all.count, 15)
        for c in all {
            let x = try Self.tensor(c["input"])
            let digits = try XCTUnwrap(c["digits"] as? Int)
            XCTAssertEqual(ArrayFormatter(digits: digits).format(x), c["expected"] as? String,
                           "\(x.shape) digits \(digits)")
        }
    }
}
