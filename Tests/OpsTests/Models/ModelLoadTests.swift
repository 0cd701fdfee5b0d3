import Foundation
import XCTest
@testable import Ops

/// Loads the tiny models of `Reference/models` (written by scripts/make-model-reference.py) from `.keras` and
/// legacy `.h5` and checks what Keras itself recorded: parameter count, layer count, every weight.
final class ModelLoadTests: XCTestCase {
    struct Case: Decodable {
        let name: String
        let input: [Int]
        let layers: [String]
        let parameters: Int
        let layer_count: Int
        let weights: [String]
        /// Whether the script exported it to ONNX (`tiny_act` uses activations the ONNX importer lacks).
        let onnx: Bool
    }

    static let folder = Bundle.module.url(forResource: "Reference", withExtension: nil)!.appendingPathComponent("models")

    static func cases() throws -> [Case] {
        let cases = try JSONDecoder().decode([Case].self, from: Data(contentsOf: folder.appendingPathComponent("manifest.json")))
        XCTAssertEqual(cases.count, 4)
        return cases
    }

    static func bytes(_ file: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: folder.appendingPathComponent(file))) }

    static func npy(_ file: String) throws -> Tensor { try NPY.decode(bytes(file)) }

    static func load(_ file: String) throws -> ModelGraph { try ModelFile.load(bytes(file)) }

    func testKerasAndLegacyFilesGiveKerasWeightsAndCounts() throws {
        for entry in try Self.cases() {
            for suffix in ["keras", "h5"] {
                let graph = try Self.load("\(entry.name).\(suffix)")
                XCTAssertEqual(graph.name, entry.name)
                XCTAssertEqual(graph.parameterCount, entry.parameters, "\(entry.name).\(suffix)")
                XCTAssertEqual(graph.inputShape, entry.input)
                let keras = graph.className == "Sequential" ? graph.layers.count - 1 : graph.layers.count
                XCTAssertEqual(keras, entry.layer_count, "\(entry.name).\(suffix)")
                XCTAssertFalse(entry.weights.isEmpty)
                for weight in entry.weights {
                    let parts = weight.split(separator: ".").map(String.init)
                    let layer = try XCTUnwrap(graph.allLayers.first { $0.name == parts[0] }, weight)
                    let expected = try Self.npy("\(entry.name)_\(parts[0])_\(parts[1]).npy")
                    let got = try XCTUnwrap(layer.weight(parts[1]), "\(entry.name).\(suffix): \(weight)")
                    XCTAssertEqual(got.shape, expected.shape, weight)
                    XCTAssertEqual(got.scalars, expected.scalars, weight)
                }
            }
        }
    }

    func testLayersTableListsWindowsShapesAndParameters() throws {
        let graph = try Self.load("tiny_seq.keras")
        let table = try LayersTable.render(graph, input: [10, 10, 3])
        let lines = table.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, graph.layers.count + 2)
        XCTAssertTrue(lines[2].contains("conv_a") && lines[2].contains("Conv2D 4") && lines[2].contains("3x3 s1 same")
                      && lines[2].contains("relu") && lines[2].contains("[10,10,4]") && lines[2].hasSuffix("112"), lines[2])
        XCTAssertTrue(lines.contains { $0.contains("conv_s2") && $0.contains("2x2 s2 same") && $0.contains("[2,2,6]") })
        XCTAssertTrue(lines.contains { $0.contains("zpad") && $0.contains("pad 1,0,0,1") && $0.contains("[6,6,4]") })
        XCTAssertTrue(table.hasSuffix("total: \(LayersTable.grouped(graph.parameterCount)) parameters"))
        XCTAssertEqual(LayersTable.grouped(14714688), "14,714,688")
    }

    func testBundledVGG16Cut() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../examples/vgg16_block12.keras")
        let start = Date()
        let graph = try ModelFile.load([UInt8](Data(contentsOf: url)))
        let seconds = Date().timeIntervalSince(start)
        XCTAssertEqual(graph.parameterCount, 260_160)
        XCTAssertEqual(graph.layers.map(\.name), ["input_layer", "block1_conv1", "block1_conv2", "block1_pool",
                                                  "block2_conv1", "block2_conv2", "block2_pool"])
        XCTAssertEqual(graph.layer("block1_conv1")?.weight("kernel")?.shape, [3, 3, 3, 64])
        XCTAssertLessThan(seconds, 1.0, "debug-build load time; the release figure is in scripts/bench model")
    }
}
