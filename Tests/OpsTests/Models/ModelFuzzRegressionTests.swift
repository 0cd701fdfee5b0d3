import Foundation
import Testing
@testable import Ops

/// Replays the inputs kept from fuzzing the model readers (`scripts/fuzz onnx|kerasconfig`) through the fuzz
/// targets' entry points: each must load or fail with a one-line error. Among them, an ONNX graph whose op type
/// holds a newline (`onnx-crash-88345566...`), which once made a two-line error.
@Suite struct ModelFuzzRegressionTests {
    @Test func onnxInputsLoadOrFailInOneLine() throws {
        let files = try FuzzRegressionTests.inputs("onnx")
        #expect(files.contains { $0.lastPathComponent.hasPrefix("onnx-crash-") })
        for file in files {
            try expectOneLine(file) {
                guard let proto = ONNXImporter.parse(Array(try Data(contentsOf: file))) else { return }
                let graph = try ONNXImporter.load(proto)
                if let shape = graph.inputShape, !shape.contains(nil) {
                    _ = try LayersTable.render(graph, input: shape.map { $0! })
                }
            }
        }
    }

    @Test func kerasConfigInputsLoadOrFailInOneLine() throws {
        let files = try FuzzRegressionTests.inputs("kerasconfig")
        #expect(!files.isEmpty, "no kept kerasconfig inputs")
        for file in files {
            try expectOneLine(file) {
                let graph = try KerasConfig.graph(try JSON.parse(try Data(contentsOf: file), what: "config.json"))
                let shape = (graph.inputShape ?? []).map { $0 ?? 8 }
                if !shape.isEmpty { _ = try LayersTable.render(graph, input: shape) }
            }
        }
    }

    /// A layer named with a newline and an escape code: its errors stay on one line, the codes escaped.
    @Test func controlCharactersInNamesAreEscaped() throws {
        let error = Model.unknown("x", in: "'m'", ["a\nb", "c\u{1B}[31m"], what: "layer")
        #expect(!error.message.contains("\n") && !error.message.contains("\u{1B}"))
        #expect(error.message.contains("a\\nb") && error.message.contains("c\\u{1B}[31m"))
    }

    private func expectOneLine(_ file: URL, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as OpError {
            #expect(!error.message.isEmpty && !error.message.contains("\n"), "\(file.lastPathComponent): \(error.message)")
        }
    }
}
