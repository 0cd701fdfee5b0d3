import Ops

/// The course ops' workloads (issue 10), each against the same TensorFlow call in `scripts/bench-peers.py`:
/// C1 average pooling, C2 resizing. Rates are GB/s of bytes read + written.
enum CourseWorkloads {
    static let ids = ["C1", "C2"]

    static func make(_ id: String, threads: Int) throws -> Workload {
        switch id {
        case "C1":
            let x = try filled([1, 224, 224, 64], seed: 21, range: -1...1)
            let g = try ConvGeometry(input: x.shape, kernel: [2, 2], padding: .valid, stride: (2, 2))
            let bytes = x.byteCount + g.outputShape.reduce(4, *)
            return Workload(id: id, title: "avg pool 2x2/2 on 1x224x224x64", unit: "gbps", work: Double(bytes),
                            dataBytes: bytes,
                            variants: [("avgpool", { _ = try AveragePooling.pool(x, g, threads: threads) })])
        case "C2":
            let x = try filled([1, 1024, 1024, 3], seed: 22, range: 0...1)
            let rows = AxisWeights.make(.bilinear, antialias: false, from: 1024, to: 224)
            let bytes = x.byteCount + 224 * 224 * 3 * 4
            return Workload(id: id, title: "resize bilinear 1024x1024x3 → 224x224", unit: "gbps", work: Double(bytes),
                            dataBytes: bytes, variants: [("resize", {
                                _ = try Resampling.resample(x, rows: rows, cols: rows, threads: threads)
                            })])
        default:
            throw OpError("unknown workload '\(id)'; expected one of \((Workloads.ids + MathWorkloads.ids + ids).joined(separator: ","))")
        }
    }
}
