import Ops

/// The course ops' workloads (issue 10), each against the same TensorFlow call in `scripts/bench-peers.py`:
/// CV1 average pooling, CV2 resizing, CV3/CV4 sigmoid and gelu through the element-wise engine (math's).
/// Rates are GB/s of bytes read + written.
enum CourseWorkloads {
    static let ids = ["CV1", "CV2", "CV3", "CV4"]

    static func make(_ id: String, threads: Int, isa: ISA) throws -> Workload {
        switch id {
        case "CV1":
            let x = try filled([1, 224, 224, 64], seed: 21, range: -1...1)
            let g = try ConvGeometry(input: x.shape, kernel: [2, 2], padding: .valid, stride: (2, 2))
            let bytes = x.byteCount + g.outputShape.reduce(4, *)
            return Workload(id: id, title: "avg pool 2x2/2 on 1x224x224x64", unit: "gbps", work: Double(bytes),
                            dataBytes: bytes,
                            variants: [("avgpool", { _ = try AveragePooling.pool(x, g, threads: threads, isa: isa) })])
        case "CV2":
            let x = try filled([1, 1024, 1024, 3], seed: 22, range: 0...1)
            let bytes = x.byteCount + 224 * 224 * 3 * 4
            // The weights are computed in the timed call, as the op (and TensorFlow's kernel) computes them.
            return Workload(id: id, title: "resize bilinear 1024x1024x3 → 224x224", unit: "gbps", work: Double(bytes),
                            dataBytes: bytes, variants: [("resize", {
                                let rows = AxisWeights.make(.bilinear, antialias: false, from: 1024, to: 224)
                                let cols = AxisWeights.make(.bilinear, antialias: false, from: 1024, to: 224)
                                _ = try Resampling.resample(x, rows: rows, cols: cols, threads: threads, isa: isa)
                            })])
        case "CV3", "CV4":
            let x = try filled([4096, 4096, 8], seed: 23, range: -4...4)
            let code: ElementwiseCode = id == "CV3" ? .sigmoid : .gelu
            let e = ElementwiseExpression.call(code, .tensor(x))
            return Workload(id: id, title: "\(id == "CV3" ? "sigmoid" : "gelu") on 4096x4096x8", unit: "gbps",
                            work: Double(2 * x.byteCount), dataBytes: 2 * x.byteCount,
                            variants: [(id == "CV3" ? "sigmoid" : "gelu", {
                                _ = try e.evaluate(threads: threads, isa: isa)
                            })])
        default:
            throw OpError("unknown workload '\(id)'; expected one of \((Workloads.ids + MathWorkloads.ids + ids).joined(separator: ","))")
        }
    }
}
