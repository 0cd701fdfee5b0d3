import Foundation
import Ops

/// The trained-model workload M1 of the bench README (issue 11), against Keras and ONNX Runtime in
/// `scripts/bench-model`: M1-forward, `forward m x` through VGG16's blocks 1-2 (the bundled
/// `examples/vgg16_block12.keras`, read from the current folder) on a 224x224x3 image, with `conv_algo` auto and
/// direct; M1-load, `load` of that file in this process. M1-forward's rate is GFLOP/s of its four convs'
/// direct-conv flops, M1-load's GB/s of file bytes read. (The math workloads' M1 is a memory copy.)
enum ModelWorkloads {
    static let ids = ["M1-forward", "M1-load"]
    static let path = "examples/vgg16_block12.keras"

    /// `2·OH·OW·Cin·Cout·9` summed over block1_conv1 (224², 3 → 64), block1_conv2 (224², 64 → 64),
    /// block2_conv1 (112², 64 → 128) and block2_conv2 (112², 128 → 128).
    static let flops: Double = {
        let layers: [(size: Int, cin: Int, cout: Int)] = [(224, 3, 64), (224, 64, 64), (112, 64, 128), (112, 128, 128)]
        return layers.map { Double(2 * $0.size * $0.size * $0.cin * $0.cout * 9) }.reduce(0, +)
    }()

    /// The workload `id`, or nil when it is not one of `ids`.
    static func make(_ id: String, threads: Int) throws -> Workload? {
        guard ids.contains(id) else { return nil }
        let registry = Registry()
        let context = Context(threads: threads) { _ in }
        let load = { try registry.call("load", [Argument(.string(path))], context: context) }
        if id == "M1-load" {
            let bytes = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
            return Workload(id: id, title: "load \(path)", unit: "gbps", work: Double(bytes), dataBytes: bytes,
                            variants: [("load", { _ = try load() })])
        }
        guard case .model(let model)? = try load() else { throw OpError("\(path) is not a model") }
        // Caffe-preprocessed pixels span about -124 ... 152 (x·255 minus the ImageNet mean).
        let x = try filled([224, 224, 3], seed: 11, range: -124...152)
        let forward = { (algorithm: ConvAlgorithm) in
            {
                context.convAlgorithm = algorithm
                _ = try registry.call("forward", [Argument(.model(model)), Argument(.tensor(x))], context: context)
            }
        }
        return Workload(id: id, title: "forward VGG16 blocks 1-2 on 224x224x3", unit: "gflops", work: flops,
                        dataBytes: x.byteCount + 112 * 112 * 128 * 4 * 2,
                        variants: [("forward conv_algo=auto", forward(.auto)),
                                   ("forward conv_algo=direct", forward(.direct))])
    }
}
