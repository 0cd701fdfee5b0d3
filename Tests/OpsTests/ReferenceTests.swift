import Foundation
import TestSupport
import XCTest
@testable import Ops

/// The cases `scripts/make-reference.py` wrote with TensorFlow (and SciPy for border modes) into
/// `Reference/`: every one runs through the real op and, for conv2d, through `ConvReference` directly.
final class ReferenceTests: XCTestCase {
    static let folder = ReferenceFolder("Reference")

    /// Float32 sums in another order differ from TensorFlow's by rounding only: a wrong tap or padding is O(1).
    static func tolerance(_ op: String) -> Float { op == "conv2d" ? 1e-5 : 0 }

    // MARK: - Through the op

    func testEveryCaseThroughTheRegisteredOp() throws {
        let scratch = try TemporaryFolder("reference")
        var ops = Set<String>()
        for c in try Self.folder.cases(atLeast: 70) {
            let runner = OpRunner()
            var positional = try Self.folder.bind(c, to: runner)
            positional += c.paths.map { .quoted(Self.folder.url.appendingPathComponent($0).path) }
            positional += c.args
            let saved = scratch.url.appendingPathComponent(c.name + ".npy")
            if c.op == "save" { positional.append(.quoted(saved.path)) }
            ops.insert(c.op)
            guard let output = c.output else {
                let message = runner.error(c.op, positional, options: c.options)
                XCTAssert(message.contains(c.error ?? "?"), "\(c.name): '\(message)' lacks '\(c.error ?? "")'")
                continue
            }
            do {
                let result = try runner.run(c.op, positional, options: c.options)
                if c.op == "save" {
                    let expected = try Data(contentsOf: Self.folder.url.appendingPathComponent(output))
                    XCTAssertEqual(try Data(contentsOf: saved), expected, "\(c.name): bytes differ from NumPy's")
                } else {
                    let actual = try XCTUnwrap(result, c.name)
                    assertClose(actual, try Self.folder.load(output), tolerance: Self.tolerance(c.op), "\(c.name) (\(c.reference))")
                }
            } catch {
                XCTFail("\(c.name): \(error)")
            }
        }
        XCTAssertEqual(ops, ["conv2d", "relu", "maxpool", "load", "save"])
    }

    // MARK: - Through ConvReference

    func testConvCasesThroughConvReference() throws {
        var checked = 0
        for c in try Self.folder.cases(atLeast: 70) where c.op == "conv2d" {
            let output = try XCTUnwrap(c.output)
            var input = try Self.folder.load(c.inputs[0])
            let kernel = try Self.folder.load(c.inputs[1])
            var expected = try Self.folder.load(output)
            // ConvReference works on batches; bring [H,W] and [H,W,C] cases to [1,H,W,C].
            if input.rank < 4 {
                let channels = input.rank == 3 ? input.shape[2] : 1
                input = try input.reshaped([1, input.shape[0], input.shape[1], channels])
                let outChannels = kernel.rank == 4 ? kernel.shape[3] : channels
                expected = try expected.reshaped([1, expected.shape[0], expected.shape[1], outChannels])
            }
            let options = Dictionary(uniqueKeysWithValues: c.options)
            func pair(_ key: String) -> (Int, Int) {
                switch options[key] {
                case .number(let n)?: return (Int(n), Int(n))
                case .list(let items)?: return (Int(items[0].number!), Int(items[1].number!))
                default: return (1, 1)
                }
            }
            let border = options["border"].map { Border(rawValue: $0.plainText)! } ?? .zero
            let geometry = try ConvGeometry(input: input.shape, kernel: kernel.shape,
                                            padding: Padding(rawValue: c.args.first?.plainText ?? "valid")!,
                                            stride: pair("stride"), dilation: pair("dilation"), border: border,
                                            relu: options["activation"] == .word("relu"))
            let actual = try ConvReference.convolve(input, kernel, geometry)
            assertClose(actual, expected, tolerance: 1e-5, "\(c.name) (\(c.reference))")
            checked += 1
        }
        XCTAssertGreaterThanOrEqual(checked, 40)
    }
}
