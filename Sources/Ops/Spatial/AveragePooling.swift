/// Average pooling over a depthwise `ConvGeometry` whose kernel is the window, as `tf.nn.avg_pool2d`.
///
/// `out(n,oy,ox,c) = Σ x(n,iy,ix,c) / count` over the window's pixels that lie inside the image: SAME padding
/// averages only real pixels (TensorFlow never counts padding). Input `[N,H,W,C]`, output `g.outputShape`.
public enum AveragePooling {
    /// The oracle: the formula one output element at a time, summing in Double.
    public static func reference(_ input: Tensor, _ g: ConvGeometry) throws -> Tensor {
        var output = try Tensor(uninitializedShape: g.outputShape)
        let x = input.buffer.pointer
        try output.withUnsafeMutableBufferPointer { out in
            var index = 0
            for n in 0..<g.batch {
                for oy in 0..<g.outHeight {
                    let ys = window(oy, g.strideY, g.padTop, g.kernelHeight, g.height)
                    for ox in 0..<g.outWidth {
                        let xs = window(ox, g.strideX, g.padLeft, g.kernelWidth, g.width)
                        for c in 0..<g.inChannels {
                            var sum = 0.0
                            for iy in ys {
                                for ix in xs { sum += Double(x[((n * g.height + iy) * g.width + ix) * g.inChannels + c]) }
                            }
                            out[index] = Float(sum / Double(ys.count * xs.count))
                            index += 1
                        }
                    }
                }
            }
        }
        return output
    }

    /// The threaded schedule: one task per output row of one image.
    ///
    /// Loop nest per task: `for ox { acc[0..<C] = Σ_{iy,ix} x[iy,ix,0..<C]; out[ox,0..<C] = acc · (1/count) }`,
    /// the channel loop innermost and contiguous (vectorised by the compiler), summing in float in window order.
    public static func pool(_ input: Tensor, _ g: ConvGeometry, threads: Int) throws -> Tensor {
        var output = try Tensor(uninitializedShape: g.outputShape)
        guard output.count > 0 else { return output }
        let x = UnsafePointer(input.buffer.pointer)
        let y = try output.withUnsafeMutableBufferPointer { $0.baseAddress! }
        let c = g.inChannels
        WorkerPool.shared.run(threads: threads, tasks: g.batch * g.outHeight) { task, _ in
            let n = task / g.outHeight, oy = task % g.outHeight
            let image = x + n * g.height * g.width * c
            let ys = window(oy, g.strideY, g.padTop, g.kernelHeight, g.height)
            var out = y + task * g.outWidth * c
            for ox in 0..<g.outWidth {
                let xs = window(ox, g.strideX, g.padLeft, g.kernelWidth, g.width)
                out.initialize(repeating: 0, count: c)
                for iy in ys {
                    var p = image + (iy * g.width + xs.lowerBound) * c
                    for _ in xs {
                        for ch in 0..<c { out[ch] += p[ch] }
                        p += c
                    }
                }
                let scale = Float(ys.count * xs.count)
                for ch in 0..<c { out[ch] /= scale }
                out += c
            }
        }
        return output
    }

    /// The in-image input coordinates of output coordinate `o`'s window on one axis.
    @inline(__always)
    static func window(_ o: Int, _ stride: Int, _ pad: Int, _ size: Int, _ length: Int) -> Range<Int> {
        let start = o * stride - pad
        return max(start, 0)..<min(start + size, length)
    }
}
