/// One output element of a convolution taken apart: every tap it reads, its weight, their product and the sum.
///
/// Follows `ConvGeometry`'s formula: output `(n, oy, ox, co)` reads input row `oy·sy + ky·dy - top` and column
/// `ox·sx + kx·dx - left` for each kernel tap `(ky, kx)`; a coordinate outside the image reads the border fill
/// (0 for `zero`). The sum is accumulated in Double, as `ConvReference` does.
public struct ConvExplanation {
    /// One kernel tap of one input channel.
    public struct Tap: Equatable, Sendable {
        /// Input coordinates before border handling (negative or ≥ size for padding).
        public var row, column: Int
        /// The value read: the pixel, or the border fill for padding.
        public var value: Float
        public var isPadding: Bool
        public var weight: Float
        /// `value · weight` in Double.
        public var product: Double
    }

    /// The taps of one input channel, `kh·kw` of them in row-major kernel order.
    public struct Channel: Sendable {
        public var index: Int
        public var taps: [Tap]
        public var sum: Double { taps.reduce(0) { $0 + $1.product } }
    }

    public let geometry: ConvGeometry
    public let batchIndex, row, column, outChannel: Int
    /// The input channels the output reads: one for a depthwise (2-D) kernel, every one for a 4-D bank.
    public let channels: [Channel]

    /// Σ over channels and taps of `value · weight`.
    public var sum: Double { channels.reduce(0) { $0 + $1.sum } }
    /// The output as the conv stores it: `Float(sum)`, through `max(0, ·)` when relu is fused.
    public var output: Float { geometry.relu ? max(0, Float(sum)) : Float(sum) }

    /// Takes apart output `(n, y, x, co)` of `input` `[N,H,W,Cin]` conv `kernel` under `g`; the indices must lie
    /// inside `g.outputShape`.
    public init(input: Tensor, kernel: Tensor, geometry g: ConvGeometry, n: Int, y: Int, x: Int, outChannel co: Int) {
        precondition(n < g.batch && y < g.outHeight && x < g.outWidth && co < g.outChannels, "output out of range")
        (geometry, batchIndex, row, column, outChannel) = (g, n, y, x, co)
        let pixels = input.buffer.pointer, weights = kernel.buffer.pointer
        let inputChannels = g.depthwise ? [co] : Array(0..<g.inChannels)
        channels = inputChannels.map { ci in
            var taps: [Tap] = []
            for ky in 0..<g.kernelHeight {
                for kx in 0..<g.kernelWidth {
                    let iy = y * g.strideY + ky * g.dilationY - g.padTop
                    let ix = x * g.strideX + kx * g.dilationX - g.padLeft
                    let sy = g.border.source(iy, g.height), sx = g.border.source(ix, g.width)
                    var value: Float = 0
                    if let sy, let sx { value = pixels[((n * g.height + sy) * g.width + sx) * g.inChannels + ci] }
                    let weight = g.depthwise ? weights[ky * g.kernelWidth + kx]
                        : weights[((ky * g.kernelWidth + kx) * g.inChannels + ci) * g.outChannels + co]
                    let isPadding = iy < 0 || iy >= g.height || ix < 0 || ix >= g.width
                    taps.append(Tap(row: iy, column: ix, value: value, isPadding: isPadding, weight: weight,
                                    product: Double(value) * Double(weight)))
                }
            }
            return Channel(index: ci, taps: taps)
        }
    }
}
