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
    /// F(m×m, 3×3)'s m when the path is `winograd`. `bias` `[Cout]` is added before `g.relu`: `relu(conv + b)`,
    /// rounded as `tf.nn.bias_add` then `tf.nn.relu`.
    public static func convolve(_ input: Tensor, _ kernel: Tensor, _ g: ConvGeometry, threads: Int,
                                isa: ISA = .selected, algorithm: ConvAlgorithm = .direct,
                                winogradTile: Int = ConvAlgorithm.winogradTile, bias: Tensor? = nil) throws -> Tensor {
        try convolve(input, kernel, g, threads: threads, isa: isa, limits: .standard, algorithm: algorithm,
                     winogradTile: winogradTile, bias: bias)
    }

    /// True when `path` adds a bias as it stores the output (`convolve(bias:)`); the others add it in one more
    /// pass over the output, on one thread, so callers keep their own bias pass for them.
    public static func fusesBias(_ path: Path) -> Bool { path == .direct || path == .winograd }

    /// `convolve` with the schedules' size thresholds set (tests lower them to reach every branch).
    static func convolve(_ input: Tensor, _ kernel: Tensor, _ g: ConvGeometry, threads: Int, isa: ISA,
                         limits: ScheduleLimits, algorithm: ConvAlgorithm = .direct,
                         winogradTile: Int = ConvAlgorithm.winogradTile, bias: Tensor? = nil) throws -> Tensor {
        guard ISA.supported.contains(isa) else { throw OpError("this CPU cannot run the \(isa.rawValue) kernels") }
        precondition(bias.map { $0.count == g.outChannels } ?? true, "a bias needs one value per output channel")
        let path = path(for: g, algorithm: algorithm)
        if let bias, !fusesBias(path) || Self.takesReference(kernel, g) {
            var plain = g
            plain.relu = false
            var output = try convolve(input, kernel, plain, threads: threads, isa: isa, limits: limits,
                                      algorithm: algorithm, winogradTile: winogradTile)
            let channels = g.outChannels
            try output.withUnsafeMutableBufferPointer { y in
                guard let start = y.baseAddress, channels > 0 else { return }
                OutputBias.add(UnsafePointer(bias.buffer.pointer), to: start, pixels: y.count / channels,
                               step: channels, count: channels, relu: g.relu)
            }
            return output
        }
        if takesReference(kernel, g) { return try ConvReference.convolve(input, kernel, g) }
        var output = try Tensor(uninitializedShape: g.outputShape)
        guard output.count > 0 else { return output }
        let x = UnsafePointer(input.buffer.pointer), k = UnsafePointer(kernel.buffer.pointer)
        let y = try output.withUnsafeMutableBufferPointer { $0.baseAddress! }
        let kernels = isa.kernels
        let b = bias.map { UnsafePointer($0.buffer.pointer) }
        switch path {
        case .depthwise:
            try DepthwiseConv(g, input: x, kernel: k, output: y, kernels: kernels, limits: limits).run(threads: threads)
        case .pointwise:
            try PointwiseConv(g, input: x, kernel: k, output: y, kernels: kernels, limits: limits).run(threads: threads)
        case .direct:
            try DirectConv(g, input: x, kernel: k, bias: b, output: y, kernels: kernels, limits: limits)
                .run(threads: threads)
        case .winograd:
            let weights = try WinogradWeightCache.shared.weights(kernel, tile: winogradTile, kernels: kernels,
                                                                 threads: threads)
            try WinogradConv(g, input: x, weights: weights, bias: b, output: y, kernels: kernels)
                .run(threads: threads)
        }
        return output
    }

    /// The fast paths pad with zeros, which equals TensorFlow's skipping of padded taps only while every weight
    /// is finite (0 · NaN and 0 · inf are NaN): a kernel holding NaN or inf takes the reference loop, which
    /// skips them (pinned by Reference/nonfinite).
    private static func takesReference(_ kernel: Tensor, _ g: ConvGeometry) -> Bool {
        g.border == .zero && g.padTop + g.padBottom + g.padLeft + g.padRight > 0 && kernel.nonFinite.total > 0
    }
}
