import Foundation
import XCTest
@testable import Ops

/// Broken model files (written by scripts/make-model-reference.py, or cut from good ones here) give one-line
/// `load:` errors that say what is wrong, and no value.
final class ModelBadInputTests: XCTestCase {
    let registry = Registry()
    let context = Context(threads: 1, write: { _ in })

    /// The error `load PATH` throws, asserting it is one line and that nothing was returned.
    func loadError(_ path: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            let value = try registry.call("load", [Argument(.string(path), text: path)], context: context)
            XCTFail("load \(path) gave \(value?.kindName ?? "nothing")", file: file, line: line)
            return ""
        } catch let error as OpError {
            XCTAssertFalse(error.description.contains("\n"), error.description, file: file, line: line)
            XCTAssertTrue(error.description.hasPrefix("load: "), error.description, file: file, line: line)
            return error.description
        } catch {
            XCTFail("not an OpError: \(error)", file: file, line: line)
            return ""
        }
    }

    func reference(_ name: String) -> String { ModelLoadTests.folder.appendingPathComponent(name).path }

    func write(_ bytes: [UInt8], _ name: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("convsh-models-\(getpid())-\(name)")
        try Data(bytes).write(to: url)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url.path
    }

    func testBrokenKerasFiles() {
        XCTAssertTrue(loadError(reference("bad_no_config.keras")).contains("has no config.json"))
        let missing = loadError(reference("bad_missing_weights.keras"))
        XCTAssertTrue(missing.contains("weights for layer 'conv_a' (Conv2D) are missing"), missing)
        let shape = loadError(reference("bad_wrong_shape.keras"))
        XCTAssertTrue(shape.contains("layer 'conv_a' (Conv2D): kernel is [3,3,3,4], expected [3,3,3,5]"), shape)
    }

    func testBrokenONNXFiles() {
        let cycle = loadError(reference("bad_cycle.onnx"))
        XCTAssertTrue(cycle.contains("reads 'b', which no earlier node computes"), cycle)
        let unknown = loadError(reference("bad_unknown_op.onnx"))
        XCTAssertTrue(unknown.contains("op type LpNormalization is not supported (supported: Add,"), unknown)
    }

    func testTruncatedAndRandomFiles() throws {
        var generator = SystemRandomNumberGenerator()
        for name in ["tiny_res.keras", "tiny_res.h5", "tiny_res.onnx"] {
            let bytes = try ModelLoadTests.bytes(name)
            for cut in [bytes.count / 2, bytes.count - 100, 64] {
                _ = loadError(try write(Array(bytes.prefix(cut)), "cut-\(cut)-\(name)"))
            }
            // The format's first bytes, then noise.
            let noise = Array(bytes.prefix(8)) + (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
            _ = loadError(try write(noise, "noise-\(name)"))
        }
    }

    func testModelOverTheMemoryCapIsRefused() {
        let saved = Limits.maxPixels
        Limits.maxPixels = 16        // 64 elements per tensor: tiny_seq's 3x3x3x4 kernel has 108
        defer { Limits.maxPixels = saved }
        for name in ["tiny_seq.keras", "tiny_seq.h5", "tiny_seq.onnx"] {
            let message = loadError(reference(name))
            XCTAssertTrue(message.contains("cap") || message.contains("too large") || message.contains("limit"), message)
        }
    }

    func testMembersAndOptionsNameWhatExists() throws {
        let model = Model(try ModelLoadTests.load("tiny_res.keras"))
        XCTAssertThrowsError(try model.member("conv_c")) {
            XCTAssertEqual(($0 as? OpError)?.message, "'conv_c' is not a layer of 'tiny_res'; did you mean conv_a?")
        }
        guard case .model(let layer) = try model.member("conv_a") else { return XCTFail("conv_a is no layer") }
        XCTAssertEqual(layer.memberNames, ["kernel", "bias"])
        XCTAssertThrowsError(try layer.member("gamma")) {
            XCTAssertEqual(($0 as? OpError)?.message, "'gamma' is not a weight of layer 'conv_a' (Conv2D); it has kernel, bias")
        }
        XCTAssertThrowsError(try registry.call("forward", [Argument(.model(model)), Argument(.tensor(try Tensor(shape: [9, 9, 3])))],
                                               options: [(key: "upto", value: Argument(.string("cat2")))], context: context)) {
            XCTAssertEqual(($0 as? OpError)?.description, "forward: option upto: 'cat2' is not a layer of 'tiny_res'; did you mean cat?")
        }
    }
}
