import Foundation
import XCTest
@testable import Ops

/// TensorFlow's behaviour for NaN and ±inf, from `Reference/nonfinite` (scripts/make-nonfinite-reference.py):
/// every case through the registered op, NaN matching NaN and infinities matching exactly.
final class NonFiniteReferenceTests: XCTestCase {
    static let folder = ReferenceFolder("Reference", "nonfinite")

    func testEveryCaseMatchesTensorFlow() throws {
        let cases = try Self.folder.cases(atLeast: 12)
        XCTAssertEqual(cases.count, 12, "the manifest lost cases")
        var ops = Set<String>()
        for c in cases {
            let runner = OpRunner()
            let positional = try Self.folder.bind(c, to: runner) + c.args
            let got = try runner.tensor(c.op, positional, options: c.options)
            let expected = try Self.folder.load(try XCTUnwrap(c.output))
            XCTAssertEqual(got.shape, expected.shape, c.name)
            XCTAssertGreaterThan(expected.nonFinite.total + (c.op == "maxpool" ? 1 : 0), 0, "\(c.name) tests nothing")
            for (i, (a, b)) in zip(got.scalars, expected.scalars).enumerated() {
                let same = a.isNaN ? b.isNaN : b.isFinite ? abs(a - b) <= 1e-5 * max(1, abs(b)) : a == b
                XCTAssert(same, "\(c.name) [\(i)]: \(a), TensorFlow \(b) (\(c.reference))")
            }
            ops.insert(c.op)
        }
        XCTAssertEqual(ops, ["conv2d", "maxpool", "relu"])
    }

    func testAllNaNWindowGivesTheLowestFloat() throws {
        let runner = OpRunner()
        runner.tensors["x"] = try Tensor(shape: [2, 2], values: [.nan, .nan, .nan, -.infinity])
        XCTAssertEqual(try runner.tensor("maxpool", [.word("x")]).scalars, [-Float.greatestFiniteMagnitude])
    }
}
