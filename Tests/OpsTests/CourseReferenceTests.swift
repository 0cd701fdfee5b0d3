import Foundation
import XCTest
@testable import Ops

/// The cases `scripts/make-course-reference.py` wrote with TensorFlow/Keras into `CourseReference/`, each run
/// through the registered op as the shell runs it (registry lookup, argument binding, option checks).
final class CourseReferenceTests: XCTestCase {
    /// One entry of `CourseReference/manifest.json`.
    struct Case {
        let name, op, reference: String
        /// The expected result's file; nil when the case must fail with `error` in its message.
        let output, error: String?
        let inputs: [String]
        let args: [Syntax]
        /// Options; `{"tensor": file}` values become tensors named after the key.
        let options: [(String, Syntax)]
        let tensorOptions: [String: String]

        init(_ json: [String: Any]) throws {
            name = try XCTUnwrap(json["name"] as? String)
            op = try XCTUnwrap(json["op"] as? String)
            output = json["output"] as? String
            error = json["error"] as? String
            reference = json["reference"] as? String ?? ""
            inputs = try XCTUnwrap(json["inputs"] as? [String])
            args = try XCTUnwrap(json["args"] as? [Any]).map(Case.syntax)
            let raw = try XCTUnwrap(json["options"] as? [String: Any]).sorted { $0.key < $1.key }
            var tensors: [String: String] = [:], options: [(String, Syntax)] = []
            for (key, value) in raw {
                if let file = (value as? [String: Any])?["tensor"] as? String {
                    tensors[key] = file
                    options.append((key, .word("option_\(key)")))
                } else {
                    options.append((key, try Case.syntax(value)))
                }
            }
            self.options = options
            tensorOptions = tensors
        }

        static func syntax(_ value: Any) throws -> Syntax {
            switch value {
            case let word as String: return .word(word)
            case let n as NSNumber: return .number(n.doubleValue)
            case let list as [NSNumber]: return .list(list.map { .number($0.doubleValue) })
            default: throw OpError("unexpected argument \(value)")
            }
        }
    }

    static let folder = Bundle.module.url(forResource: "CourseReference", withExtension: nil)!

    static func load(_ file: String) throws -> Tensor {
        try NPY.decode(Array(try Data(contentsOf: folder.appendingPathComponent(file))))
    }

    func cases() throws -> [Case] {
        let data = try Data(contentsOf: Self.folder.appendingPathComponent("manifest.json"))
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let cases = try XCTUnwrap(json["cases"] as? [[String: Any]]).map(Case.init)
        XCTAssertGreaterThanOrEqual(cases.count, 200, "the manifest lost cases")
        return cases
    }

    /// Copies must be exact; resampling and the projective transforms agree to 1e-5 absolute (float32 weights and
    /// coordinates computed in another order); other arithmetic to float32 rounding of a few operations.
    static func check(_ c: Case, _ actual: Tensor, _ expected: Tensor) {
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
        for c in try cases() {
            let runner = OpRunner()
            var positional: [Syntax] = []
            for (i, file) in c.inputs.enumerated() {
                runner.tensors["t\(i)"] = try Self.load(file)
                positional.append(.word("t\(i)"))
            }
            for (key, file) in c.tensorOptions { runner.tensors["option_\(key)"] = try Self.load(file) }
            positional += c.args
            ops.insert(c.op)
            guard let output = c.output else {
                let message = runner.error(c.op, positional, options: c.options)
                XCTAssert(message.hasPrefix("\(c.op): "), "\(c.name): '\(message)' does not name the op")
                XCTAssert(message.contains(c.error ?? "?"), "\(c.name): '\(message)' lacks '\(c.error ?? "")'")
                XCTAssertFalse(message.contains("\n"), "\(c.name): more than one line")
                continue
            }
            do {
                Self.check(c, try runner.tensor(c.op, positional, options: c.options), try Self.load(output))
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
