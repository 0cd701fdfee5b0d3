/// The entry point every conv goes through: picks a path for the geometry and a kernel set for the CPU.
///
/// Paths (each compared with `ConvReference` by the tests, for every kernel set the machine supports):
/// - `depthwise`: a 2-D kernel on each channel, or one filter on one channel; vectorised along the row.
/// - `pointwise`: a 1x1 kernel with stride 1, as one matrix product over all pixels of the batch.
/// - `direct`: every other filter bank — small Cin (merged taps), large Cin·Cout (input-channel blocks),
///   strides and dilations (in the tile's pixel step and tap offsets), batches, every border.
/// - `winograd`: only when asked for (`ConvAlgorithm`): stride-1, dilation-1 3x3 filter banks by F(m×m, 3×3).
public enum Convolution {
    public enum Path: String, Sendable {
        case depthwise, pointwise, direct, winograd
    }

    /// The path `convolve` takes for `g` with `algorithm`.
    public static func path(for g: ConvGeometry, algorithm: ConvAlgorithm = .direct) -> Path {
        if algorithm.usesWinograd(g) { return .winograd }
        if DepthwiseConv.accepts(g) { return .depthwise }
        if PointwiseConv.accepts(g) { return .pointwise }
        return .direct
    }

    /// `input` `[N,H,W,Cin]` conv `kernel` (`[kh,kw]` or `[kh,kw,Cin,Cout]`) → `g.outputShape`, on up to
    /// `threads` threads with the kernels of `isa` (which must be in `ISA.supported`). `winogradTile` (4 or 6) is
    /// F(m×m, 3×3)'s m when the path is `winograd`.
    public static func convolve(_ input: Tensor, _ kernel: Tensor, _ g: ConvGeometry, threads: Int,
                                isa: ISA = .selected, algorithm: ConvAlgorithm = .direct,
                                winogradTile: Int = ConvAlgorithm.winogradTile) throws -> Tensor {
        try convolve(input, kernel, g, threads: threads, isa: isa, limits: .standard, algorithm: algorithm,
                     winogradTile: winogradTile)
    }

    /// `convolve` with the schedules' size thresholds set (tests lower them to reach every branch).
    static func convolve(_ input: Tensor, _ kernel: Tensor, _ g: ConvGeometry, threads: Int, isa: ISA,
                         limits: ScheduleLimits, algorithm: ConvAlgorithm = .direct,
                         winogradTile: Int = ConvAlgorithm.winogradTile) throws -> Tensor {
        guard ISA.supported.contains(isa) else { throw OpError("this CPU cannot run the \(isa.rawValue) kernels") }
        // The fast paths pad with zeros, which equals TensorFlow's skipping of padded taps only while every weight
        // is finite (0 · NaN and 0 · inf are NaN): a kernel holding NaN or inf takes the reference loop, which
        // skips them (pinned by Reference/nonfinite).
        if g.border == .zero, g.padTop + g.padBottom + g.padLeft + g.padRight > 0, kernel.nonFinite.total > 0 {
            return try ConvReference.convolve(input, kernel, g)
        }
        var output = try Tensor(uninitializedShape: g.outputShape)
        guard output.count > 0 else { return output }
        let x = UnsafePointer(input.buffer.pointer), k = UnsafePointer(kernel.buffer.pointer)
        let y = try output.withUnsafeMutableBufferPointer { $0.baseAddress! }
        let kernels = isa.kernels
        switch path(for: g, algorithm: algorithm) {
        case .depthwise:
            try DepthwiseConv(g, input: x, kernel: k, output: y, kernels: kernels, limits: limits).run(threads: threads)
        case .pointwise:
            try PointwiseConv(g, input: x, kernel: k, output: y, kernels: kernels, limits: limits).run(threads: threads)
        case .direct:
            try DirectConv(g, input: x, kernel: k, output: y, kernels: kernels, limits: limits).run(threads: threads)
        case .winograd:
            let weights = try WinogradWeightCache.shared.weights(kernel, tile: winogradTile, kernels: kernels,
                                                                 threads: threads)
            try WinogradConv(g, input: x, weights: weights, bias: nil, output: y, kernels: kernels)
                .run(threads: threads)
        }
        return output
    }
}
