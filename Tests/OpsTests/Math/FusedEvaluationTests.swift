import ConvKernels
import ConvKernelsGeneric
import XCTest
@testable import Ops

/// The fused, tiled, threaded evaluation equals a naive element-by-element evaluation of the same tree, for
/// random shapes that broadcast, random trees, thread counts and every kernel set this CPU runs.
final class FusedEvaluationTests: XCTestCase {
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
        mutating func float() -> Float { Float(next() >> 40) / Float(1 << 24) * 4 - 2 }
    }

    static let codes: [ElementwiseCode] = ElementwiseCode.allCases.filter { $0 != .power && $0 != .remainder }

    /// A tensor leaf whose shape is `shape` with some axes set to 1 and some leading axes dropped.
    func leaf(_ shape: [Int], _ g: inout Generator) throws -> Tensor {
        var s = Array(shape.dropFirst(g.int(0...shape.count)))
        for i in s.indices where g.int(0...2) == 0 { s[i] = 1 }
        let count = s.reduce(1, *)
        return try Tensor(shape: s, values: (0..<count).map { _ in g.float() })
    }

    func tree(_ shape: [Int], depth: Int, _ g: inout Generator) throws -> ElementwiseExpression {
        if depth == 0 || g.int(0...3) == 0 {
            return g.int(0...3) == 0 ? .number(Double(g.float())) : .tensor(try leaf(shape, &g))
        }
        let code = Self.codes[g.int(0...Self.codes.count - 1)]
        return .apply(code, try (0..<code.arity).map { _ in try tree(shape, depth: depth - 1, &g) })
    }

    /// One element of `e` at output coordinates `at`, evaluated on its own (number subtrees in Double).
    func naive(_ e: ElementwiseExpression, _ at: [Int]) throws -> Float {
        if try e.shape() == nil { return Float(try e.numberValue()) }
        switch e {
        case .number(let v): return Float(v)
        case .tensor(let t):
            var offset = 0
            for (axis, size) in t.shape.enumerated() {
                offset = offset * size + (size == 1 ? 0 : at[at.count - t.rank + axis])
            }
            return t.scalars[offset]
        case .apply(let code, let operands):
            var values = try operands.map { try naive($0, at) }
            while values.count < 3 { values.append(0) }
            var result: Float = 0
            values.withUnsafeBufferPointer { v in
                code.run(v.baseAddress!, v.baseAddress! + 1, v.baseAddress! + 2, &result, 1, SIMD4<Float>.self)
            }
            return result
        }
    }

    func testFusedEqualsNaive() throws {
        var g = Generator(state: 9)
        var checked = 0
        for round in 0..<60 {
            let rank = g.int(1...4)
            var shape = (0..<rank).map { _ in g.int(1...9) }
            if round % 10 == 0 { shape = [g.int(30...45), g.int(1000...1200)] }  // several tasks, long rows
            var e = try tree(shape, depth: 3, &g)
            // At least one full-shape leaf, so the result has `shape`.
            e = .apply(.add, [e, .tensor(try Tensor(shape: shape, values: (0..<shape.reduce(1, *)).map { _ in g.float() }))])
            let outShape = try XCTUnwrap(try e.shape())
            XCTAssertEqual(outShape, shape)
            for isa in ISA.supported {
                let threads = g.int(1...4)
                guard case .tensor(let result) = try e.evaluate(threads: threads, isa: isa) else {
                    return XCTFail("expected a tensor")
                }
                XCTAssertEqual(result.shape, shape)
                let values = result.scalars
                let strideCount = max(1, values.count / 500)
                for flat in stride(from: 0, to: values.count, by: strideCount) {
                    var at = [Int](repeating: 0, count: shape.count), rest = flat
                    for axis in stride(from: shape.count - 1, through: 0, by: -1) {
                        at[axis] = rest % shape[axis]
                        rest /= shape[axis]
                    }
                    let expected = try naive(e, at)
                    let got = values[flat]
                    if !(got.bitPattern == expected.bitPattern || (got.isNaN && expected.isNaN)) {
                        return XCTFail("round \(round) \(isa) threads \(threads) at \(at): \(got) != \(expected)")
                    }
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThan(checked, 10_000)
    }

    /// `x*2 - 1` and `gx**2 + gy**2` compile to one `multiplyAdd` step each, and give the bits of the unfused
    /// multiply and subtract (add) on values where a fused multiply-add would round differently, on ±0, ±inf and NaN.
    func testProductsThenAddedAreOneStepWithTheUnfusedBits() throws {
        let edge: [Float] = [0, -0, 0.5, 1, -1, .infinity, -.infinity, .nan, 1 + .ulpOfOne, 3.4e38, .leastNonzeroMagnitude,
                             0.1, 1.0 / 3.0, 16_777_215, -2.5e-20]
        let x = try Tensor(shape: [edge.count], values: edge)
        let y = try Tensor(shape: [edge.count], values: edge.reversed())
        let cases: [(ElementwiseExpression, Int)] = [
            (.call(.subtract, .call(.multiply, .tensor(x), .number(2)), .number(1)), 1),
            (.call(.add, .call(.power, .tensor(x), .number(2)), .call(.power, .tensor(y), .number(2))), 2),
            (.call(.add, .tensor(y), .call(.multiply, .tensor(x), .number(1.0 / 3.0))), 1),
        ]
        for (e, stepCount) in cases {
            let program = try FusedProgram(e, shape: [edge.count])
            XCTAssertEqual(program.steps.count, stepCount, "\(e)")
            XCTAssertEqual(program.steps.last?.code, .multiplyAdd, "\(e)")
            for isa in ISA.supported {
                guard case .tensor(let result) = try e.evaluate(threads: 1, isa: isa) else {
                    return XCTFail("expected a tensor")
                }
                XCTAssertEqual(result.count, edge.count)
                for i in 0..<edge.count {
                    let expected = try naive(e, [i]), got = result.scalars[i]
                    XCTAssert(got.bitPattern == expected.bitPattern || (got.isNaN && expected.isNaN),
                              "\(isa) \(e) at \(edge[i]): \(got) != \(expected)")
                }
            }
        }
    }

    func testNumbersStayNumbersInDouble() throws {
        let e = ElementwiseExpression.call(.divide, .number(1), .number(3))
        guard case .number(let v) = try e.evaluate(threads: 1) else { return XCTFail("expected a number") }
        XCTAssertEqual(v, 1.0 / 3.0)
    }

    func testMismatchNamesBothShapes() throws {
        let a = try Tensor(shape: [300, 451, 2]), b = try Tensor(shape: [3])
        XCTAssertThrowsError(try ElementwiseExpression.call(.add, .tensor(a), .tensor(b)).evaluate(threads: 1)) {
            XCTAssertEqual(($0 as? OpError)?.message, "shapes [300,451,2] and [3] do not broadcast")
        }
    }
}
