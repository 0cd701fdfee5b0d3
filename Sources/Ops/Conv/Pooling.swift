import ConvKernels

/// Max pooling over a depthwise `ConvGeometry` whose kernel is the pooling window.
///
/// One task per output row of one image. The row's interior pixels — windows wholly inside the image — go to the
/// ISA's `runMaxPool`, vectorised along the channels; the few pixels whose windows cross the left or right edge
/// take the scalar loop below. Both start at the lowest float and keep `x` when `x >= max`, window row by row, so
/// they agree with each other and with TensorFlow's MaxPool, which also starts at `lowest()`: NaN is skipped, and
/// a window holding only NaN and -∞ gives -3.4028235e38, not -∞ (pinned by `Reference/nonfinite`, which
/// scripts/make-nonfinite-reference.py writes with TensorFlow).
public enum Pooling {
    /// `[N,H,W,C]` → `g.outputShape`; out-of-image window positions are skipped (TensorFlow's -inf padding).
    public static func maxPool(_ input: Tensor, _ g: ConvGeometry, threads: Int,
                               isa: ISA = .selected) throws -> Tensor {
        guard ISA.supported.contains(isa) else { throw OpError("this CPU cannot run the \(isa.rawValue) kernels") }
        var output = try Tensor(uninitializedShape: g.outputShape)
        guard output.count > 0 else { return output }
        let x = UnsafePointer(input.buffer.pointer)
        let y = try output.withUnsafeMutableBufferPointer { $0.baseAddress! }
        let interiorStart = min((g.padLeft + g.strideX - 1) / g.strideX, g.outWidth)
        let last = g.width + g.padLeft - g.kernelWidth
        let interiorEnd = last < 0 ? interiorStart : max(interiorStart, min(g.outWidth, last / g.strideX + 1))
        let kernels = isa.kernels
        let tasks = g.batch * g.outHeight
        let scratch = try Scratch(workers: min(threads, tasks),
                                  perWorker: g.kernelHeight * MemoryLayout<UnsafePointer<Float>>.stride)
        WorkerPool.shared.run(threads: threads, tasks: tasks) { task, worker in
            let n = task / g.outHeight, oy = task % g.outHeight
            let c = g.inChannels
            let image = x + n * g.height * g.width * c
            let out = y + task * g.outWidth * c
            let y0 = oy * g.strideY - g.padTop
            let ys = max(y0, 0)..<min(y0 + g.kernelHeight, g.height)
            if interiorEnd > interiorStart {
                let rows = scratch.memory(worker).assumingMemoryBound(to: UnsafePointer<Float>.self)
                for (r, iy) in ys.enumerated() {
                    rows[r] = image + (iy * g.width + interiorStart * g.strideX - g.padLeft) * c
                }
                var args = PoolArgs(rows: rows, rowCount: ys.count, windowWidth: g.kernelWidth,
                                    out: out + interiorStart * c, pixels: interiorEnd - interiorStart, channels: c,
                                    pixelStep: g.strideX * c)
                kernels.maxPool(&args)
            }
            for ox in Array(0..<interiorStart) + Array(interiorEnd..<g.outWidth) {
                let x0 = ox * g.strideX - g.padLeft
                let xs = max(x0, 0)..<min(x0 + g.kernelWidth, g.width)
                for ch in 0..<c {
                    var m = -Float.greatestFiniteMagnitude
                    for iy in ys {
                        for ix in xs {
                            let v = image[(iy * g.width + ix) * c + ch]
                            if v >= m { m = v }
                        }
                    }
                    out[ox * c + ch] = m
                }
            }
        }
        return output
    }
}
