import ConvKernels
import ConvKernelsAVX2
import ConvKernelsAVX512
import ConvKernelsGeneric

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

    /// The threaded schedule: one task per output row of one image, as `Pooling.maxPool`.
    ///
    /// The row's interior pixels (windows wholly inside the image) go to the ISA's `averagePool` kernel,
    /// vectorised along the channels (`Σ` in window order, times `1/(kh·kw)`); the pixels whose windows cross
    /// the left or right edge, and rows whose windows cross the top or bottom, divide by their own count in the
    /// scalar loop.
    public static func pool(_ input: Tensor, _ g: ConvGeometry, threads: Int, isa: ISA = .selected) throws -> Tensor {
        guard ISA.supported.contains(isa) else { throw OpError("this CPU cannot run the \(isa.rawValue) kernels") }
        var output = try Tensor(uninitializedShape: g.outputShape)
        guard output.count > 0 else { return output }
        let x = UnsafePointer(input.buffer.pointer)
        let y = try output.withUnsafeMutableBufferPointer { $0.baseAddress! }
        let c = g.inChannels
        let interiorStart = min((g.padLeft + g.strideX - 1) / g.strideX, g.outWidth)
        let last = g.width + g.padLeft - g.kernelWidth
        let interiorEnd = last < 0 ? interiorStart : max(interiorStart, min(g.outWidth, last / g.strideX + 1))
        let kernel: (UnsafePointer<PoolArgs>, Float) -> Void
        switch isa {
        case .avx512: kernel = AVX512Kernels.averagePool
        case .avx2: kernel = AVX2Kernels.averagePool
        case .generic: kernel = GenericKernels.averagePool
        }
        let tasks = g.batch * g.outHeight
        let scratch = try Scratch(workers: min(threads, tasks),
                                  perWorker: g.kernelHeight * MemoryLayout<UnsafePointer<Float>>.stride)
        let taps = g.kernelHeight * g.kernelWidth
        WorkerPool.shared.run(threads: threads, tasks: tasks) { task, worker in
            let n = task / g.outHeight, oy = task % g.outHeight
            let image = x + n * g.height * g.width * c
            let out = y + task * g.outWidth * c
            let ys = window(oy, g.strideY, g.padTop, g.kernelHeight, g.height)
            // Rows whose window crosses the top or bottom go wholly to the edge loop.
            let kernelTakes = ys.count == g.kernelHeight && interiorEnd > interiorStart
            if kernelTakes {
                let rows = scratch.memory(worker).assumingMemoryBound(to: UnsafePointer<Float>.self)
                for (r, iy) in ys.enumerated() {
                    rows[r] = image + (iy * g.width + interiorStart * g.strideX - g.padLeft) * c
                }
                var args = PoolArgs(rows: rows, rowCount: ys.count, windowWidth: g.kernelWidth,
                                    out: out + interiorStart * c, pixels: interiorEnd - interiorStart, channels: c,
                                    pixelStep: g.strideX * c)
                kernel(&args, 1 / Float(taps))
            }
            /// One edge pixel: its window's in-image pixels summed in window order, divided by their count.
            func edgePixel(_ ox: Int) {
                let xs = window(ox, g.strideX, g.padLeft, g.kernelWidth, g.width)
                let o = out + ox * c
                o.initialize(repeating: 0, count: c)
                for iy in ys {
                    var p = image + (iy * g.width + xs.lowerBound) * c
                    for _ in xs {
                        for ch in 0..<c { o[ch] += p[ch] }
                        p += c
                    }
                }
                let count = Float(ys.count * xs.count)
                for ch in 0..<c { o[ch] /= count }
            }
            // The pixels the kernel did not take, without building a list of them (no allocation per row).
            let (left, right) = kernelTakes ? (interiorStart, interiorEnd) : (g.outWidth, g.outWidth)
            for ox in 0..<left { edgePixel(ox) }
            for ox in right..<g.outWidth { edgePixel(ox) }
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
