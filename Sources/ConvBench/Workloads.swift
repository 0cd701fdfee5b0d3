import Ops

/// One benchmark workload of the project's bench README: inputs made once, then a call to time.
struct Workload {
    let id: String
    let title: String
    /// `gflops` or `gbps`.
    let unit: String
    /// Flops, or bytes read + written, per call.
    let work: Double
    /// Bytes of the call's inputs and output, for the extra-memory figure.
    let dataBytes: Int
    /// Variants to time: name and call.
    let variants: [(name: String, call: () throws -> Void)]
}

/// Fills a tensor of `shape` with seeded values uniform in `range`, without a temporary array.
func filled(_ shape: [Int], seed: UInt64, range: ClosedRange<Float>) throws -> Tensor {
    var tensor = try Tensor(uninitializedShape: shape)
    var state = seed
    try tensor.withUnsafeMutableBufferPointer { values in
        for i in values.indices {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            let unit = Float((z ^ (z >> 31)) >> 40) / Float(1 << 24)
            values[i] = range.lowerBound + unit * (range.upperBound - range.lowerBound)
        }
    }
    return tensor
}

/// Holds a tensor between timed calls so an in-place op can be handed its only reference.
final class Holder {
    var tensor: Tensor?
    init(_ tensor: Tensor) { self.tensor = tensor }
}

enum Workloads {
    static let ids = ["W1", "W2", "W3", "W4", "W5", "W6", "W7", "W8"]

    /// The workload `id` on `threads` threads with the kernels of `isa`.
    static func make(_ id: String, threads: Int, isa: ISA) throws -> Workload {
        switch id {
        case "W1":
            let x = try filled([1, 4096, 4096, 1], seed: 1, range: 0...1)
            let k = try Tensor(shape: [3, 3], values: [-1, -1, -1, -1, 8, -1, -1, -1, -1])
            let g = try ConvGeometry(input: x.shape, kernel: k.shape, padding: .same)
            return Workload(id: id, title: "3x3 edge filter SAME on 4096x4096x1", unit: "gbps",
                            work: Double(2 * x.byteCount), dataBytes: 2 * x.byteCount,
                            variants: [("conv2d", {
                                _ = try Convolution.convolve(x, k, g, threads: threads, isa: isa)
                            })])
        case "W2": return try conv(id, [1, 224, 224, 3], 64, stride: 1, threads: threads, isa: isa)
        case "W3": return try conv(id, [1, 224, 224, 64], 64, stride: 1, threads: threads, isa: isa)
        case "W4": return try conv(id, [1, 112, 112, 128], 128, stride: 1, threads: threads, isa: isa)
        case "W5": return try conv(id, [8, 224, 224, 64], 64, stride: 1, threads: threads, isa: isa)
        case "W6": return try conv(id, [1, 224, 224, 64], 64, stride: 2, threads: threads, isa: isa)
        case "W7":
            let x = try filled([4096, 4096, 16], seed: 7, range: -1...1)
            let holder = Holder(try filled([4096, 4096, 16], seed: 7, range: -1...1))
            return Workload(id: id, title: "relu on 4096x4096x16 (1 GiB)", unit: "gbps", work: Double(2 * x.byteCount),
                            dataBytes: 3 * x.byteCount, variants: [
                                ("relu (new tensor)", { _ = try Activation.relu(x, threads: threads, isa: isa) }),
                                ("relu (in place)", {
                                    let t = holder.tensor.take()!
                                    holder.tensor = try Activation.relu(consume t, threads: threads, isa: isa)
                                }),
                            ])
        case "W8":
            let x = try filled([1, 224, 224, 64], seed: 8, range: -1...1)
            let g = try ConvGeometry(input: x.shape, kernel: [2, 2], padding: .valid, stride: (2, 2))
            let bytes = x.byteCount + g.outputShape.reduce(4, *)
            return Workload(id: id, title: "max pool 2x2/2 on 1x224x224x64", unit: "gbps", work: Double(bytes),
                            dataBytes: bytes,
                            variants: [("maxpool", { _ = try Pooling.maxPool(x, g, threads: threads, isa: isa) })])
        default:
            if let workload = try MathWorkloads.make(id, threads: threads, isa: isa) { return workload }
            if let workload = try ModelWorkloads.make(id, threads: threads) { return workload }
            // `conv:N,H,W,Cin,Cout`: any 3x3 SAME stride-1 conv, direct and Winograd (for `auto`'s measurements).
            let sizes = id.hasPrefix("conv:") ? id.dropFirst(5).split(separator: ",").compactMap { Int($0) } : []
            if sizes.count == 5, sizes.allSatisfy({ $0 > 0 }) {
                return try conv(id, Array(sizes[0..<4]), sizes[4], stride: 1, threads: threads, isa: isa)
            }
            return try CourseWorkloads.make(id, threads: threads, isa: isa)
        }
    }

    /// A 3x3 SAME conv of `input` to `cout` channels with weights like a fresh Keras layer's.
    private static func conv(_ id: String, _ input: [Int], _ cout: Int, stride: Int, threads: Int,
                             isa: ISA) throws -> Workload {
        let x = try filled(input, seed: 2, range: 0...1)
        let limit = (6 / Float(9 * (input[3] + cout))).squareRoot()
        let k = try filled([3, 3, input[3], cout], seed: 3, range: -limit...limit)
        let g = try ConvGeometry(input: input, kernel: k.shape, padding: .same, stride: (stride, stride))
        let title = "conv \(input.map(String.init).joined(separator: "x")) → \(cout), 3x3"
            + (stride > 1 ? " stride \(stride)" : "") + " SAME"
        return Workload(id: id, title: title, unit: "gflops", work: g.flops,
                        dataBytes: x.byteCount + k.byteCount + g.outputShape.reduce(4, *),
                        variants: [("conv2d", { _ = try Convolution.convolve(x, k, g, threads: threads, isa: isa) })]
                            + (stride == 1 && input[3] >= 8 ? winograd(x, k, g, threads: threads, isa: isa) : []))
    }

    /// `algo=winograd` (F(4,3)) and F(6,3), with the kernel's transform cached as in repeated conv2d calls.
    private static func winograd(_ x: Tensor, _ k: Tensor, _ g: ConvGeometry, threads: Int,
                                 isa: ISA) -> [(name: String, call: () throws -> Void)] {
        [4, 6].map { m in
            (m == ConvAlgorithm.winogradTile ? "conv2d algo=winograd" : "conv2d winograd F(\(m),3)", {
                _ = try Convolution.convolve(x, k, g, threads: threads, isa: isa, algorithm: .winograd, winogradTile: m)
            })
        }
    }
}
