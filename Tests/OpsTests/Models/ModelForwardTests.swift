import Foundation
import XCTest
@testable import Ops

/// `forward` through the registry on the tiny reference models: every layer's output against Keras'
/// (`Model(inputs, layer.output).predict`) for `.keras` and `.h5`, and the ONNX export's output against ONNX
/// Runtime's, within float32 tolerance: max |ours - ref| ≤ 1e-4 · max |ref| + 1e-6.
final class ModelForwardTests: XCTestCase {
    let registry = Registry()
    let context = Context(threads: 2, write: { _ in })

    func forward(_ graph: ModelGraph, _ x: Tensor, upto: String? = nil) throws -> Tensor {
        let options = upto.map { [(key: "upto", value: Argument(.string($0), text: $0, isBareWord: true))] } ?? []
        let result = try registry.call("forward", [Argument(.model(Model(graph))), Argument(.tensor(x))],
                                       options: options, context: context)
        guard case .tensor(let tensor)? = result else { throw OpError("forward gave no tensor") }
        return tensor
    }

    func assertClose(_ got: Tensor, _ expected: Tensor, _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(got.shape, expected.shape, label, file: file, line: line)
        guard got.shape == expected.shape else { return }
        let scale = expected.scalars.map(abs).max() ?? 0
        let error = zip(got.scalars, expected.scalars).map { abs($0 - $1) }.max() ?? 0
        XCTAssertLessThanOrEqual(error, 1e-4 * scale + 1e-6, "\(label): max error \(error), scale \(scale)", file: file, line: line)
    }

    func testEveryLayerMatchesKeras() throws {
        var compared = 0
        for entry in try ModelLoadTests.cases() {
            let x = try ModelLoadTests.npy("\(entry.name)_input.npy")
            for suffix in ["keras", "h5"] {
                let graph = try ModelLoadTests.load("\(entry.name).\(suffix)")
                for layer in entry.layers {
                    let expected = try ModelLoadTests.npy("\(entry.name)_\(layer).npy")
                    assertClose(try forward(graph, x, upto: layer), expected, "\(entry.name).\(suffix) upto \(layer)")
                    compared += 1
                }
                // A batch of two gives the same per-image result.
                let batch = try Tensor(shape: [2] + x.shape, values: x.scalars + x.scalars)
                let out = try forward(graph, batch)
                XCTAssertEqual(out.shape.first, 2)
            }
        }
        XCTAssertGreaterThanOrEqual(compared, 40)
    }

    func testONNXExportsMatchONNXRuntime() throws {
        let exported = try ModelLoadTests.cases().filter(\.onnx)
        XCTAssertEqual(exported.count, 3)
        for entry in exported {
            let x = try ModelLoadTests.npy("\(entry.name)_input.npy")
            guard case .model(let value)? = try ModelFile.value(ModelLoadTests.bytes("\(entry.name).onnx")),
                  let model = value as? Model else { return XCTFail("\(entry.name).onnx is no model") }
            XCTAssertEqual(model.graph.className, "ONNX")
            XCTAssertEqual(model.graph.inputShape, entry.input)
            let expected = try ModelLoadTests.npy("\(entry.name)_onnxruntime.npy")
            assertClose(try forward(model.graph, x), expected, "\(entry.name).onnx")
        }
    }

    /// A hand-written ONNX graph of the element-wise operators the exports lack (Clip from 0 with and without a
    /// maximum, Selu, Softplus, Softsign, Exp, with Elu, LeakyRelu, Sigmoid and Tanh), each branch and their sum
    /// against ONNX Runtime.
    func testONNXActivationsMatchONNXRuntime() throws {
        guard case .model(let value)? = try ModelFile.value(ModelLoadTests.bytes("onnx_act.onnx")),
              let model = value as? Model else { return XCTFail("onnx_act.onnx is no model") }
        XCTAssertEqual(model.graph.inputShape, [6, 6, 3])
        let x = try ModelLoadTests.npy("onnx_act_input.npy")
        for branch in ["clip6", "clip0", "selu", "softplus", "softsign", "exp", "elu", "leaky", "sigmoid", "tanh"] {
            assertClose(try forward(model.graph, x, upto: branch), try ModelLoadTests.npy("onnx_act_\(branch).npy"),
                        "onnx_act.onnx upto \(branch)")
        }
        assertClose(try forward(model.graph, x), try ModelLoadTests.npy("onnx_act_onnxruntime.npy"), "onnx_act.onnx")
    }

    /// The bundled VGG16 cut on a 32x32 photo crop, after `preprocess caffe`, against Keras.
    func testBundledVGG16MatchesKeras() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../examples/vgg16_block12.keras")
        let graph = try ModelFile.load([UInt8](Data(contentsOf: url)))
        guard case .tensor(let x)? = try registry.call("preprocess", [Argument(.tensor(try ModelLoadTests.npy("vgg_input.npy"))),
                                                                      .word("caffe")], context: context)
        else { return XCTFail("preprocess gave no tensor") }
        for layer in ["block1_conv1", "block2_pool"] {
            assertClose(try forward(graph, x, upto: layer), try ModelLoadTests.npy("vgg_\(layer).npy"), "vgg16 upto \(layer)")
        }
    }

    func testPreprocessModesFollowKeras() throws {
        let x = try Tensor(shape: [1, 1, 3], values: [0.2, 0.4, 1.0])
        func run(_ mode: String) throws -> [Float] {
            guard case .tensor(let t)? = try registry.call("preprocess", [Argument(.tensor(x)), .word(mode)], context: context)
            else { throw OpError("no tensor") }
            return t.scalars
        }
        // keras.applications.imagenet_utils.preprocess_input on [51, 102, 255]:
        let caffe = try run("caffe"), tf = try run("tf"), torch = try run("torch")
        for (a, b) in zip(caffe, [255 - 103.939, 102 - 116.779, 51 - 123.68] as [Float]) { XCTAssertEqual(a, b, accuracy: 1e-4) }
        for (a, b) in zip(tf, [51 / 127.5 - 1, 102 / 127.5 - 1, 255 / 127.5 - 1] as [Float]) { XCTAssertEqual(a, b, accuracy: 1e-6) }
        for (a, b) in zip(torch, [(0.2 - 0.485) / 0.229, (0.4 - 0.456) / 0.224, (1 - 0.406) / 0.225] as [Float]) {
            XCTAssertEqual(a, b, accuracy: 1e-5)
        }
    }
}
