import Foundation
import XCTest
@testable import Ops

/// The cases `scripts/make-course-reference.py` wrote with TensorFlow/Keras into `CourseReference/`, each run
/// through the registered op as the shell runs it (registry lookup, argument binding, option checks).
final class CourseReferenceTests: XCTestCase {
    static let folder = ReferenceFolder("CourseReference")

    /// Copies must be exact; resampling and the projective transforms agree to 1e-5 absolute (float32 weights and
    /// coordinates computed in another order); other arithmetic to float32 rounding of a few operations.
    static func check(_ c: ReferenceCase, _ actual: Tensor, _ expected: Tensor) {
        switch c.op {
        case "pad", "flip", "rot90", "flatten", "rgb":
            assertClose(actual, expected, tolerance: 0, "\(c.name) (\(c.reference))")
        case "resize", "rotate", "translate", "zoom":
            guard actual.shape == expected.shape else {
                return XCTFail("\(c.name): shape \(actual.shape), expected \(expected.shape)")
            }
            let worst = zip(actual.scalars, expected.scalars).map { abs($0 - $1) }.max() ?? 0
            XCTAssertLessThanOrEqual(worst, 1e-5, "\(c.name) (\(c.reference))")
        case "conv2d", "dense":
            assertClose(actual, expected, tolerance: 1e-5, "\(c.name) (\(c.reference))")
        default:
            assertClose(actual, expected, tolerance: 2e-6, "\(c.name) (\(c.reference))")
        }
    }

    func testEveryCaseThroughTheRegisteredOp() throws {
        var ops = Set<String>(), checked = 0
        for c in try Self.folder.cases(atLeast: 200) {
            let runner = OpRunner()
            let positional = try Self.folder.bind(c, to: runner) + c.args
            ops.insert(c.op)
            guard let output = c.output else {
                let message = runner.error(c.op, positional, options: c.options)
                XCTAssert(message.hasPrefix("\(c.op): "), "\(c.name): '\(message)' does not name the op")
                XCTAssert(message.contains(c.error ?? "?"), "\(c.name): '\(message)' lacks '\(c.error ?? "")'")
                XCTAssertFalse(message.contains("\n"), "\(c.name): more than one line")
                continue
            }
            do {
                Self.check(c, try runner.tensor(c.op, positional, options: c.options), try Self.folder.load(output))
                checked += 1
            } catch {
                XCTFail("\(c.name): \(error)")
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 190)
        XCTAssertEqual(ops, ["avgpool", "globalpool", "softmax", "bias", "dense", "batchnorm", "flatten", "conv2d",
                             "pad", "resize", "flip", "rot90", "rotate", "translate", "zoom", "gray", "rgb",
                             "contrast", "brightness", "normalize"])
    }
}
