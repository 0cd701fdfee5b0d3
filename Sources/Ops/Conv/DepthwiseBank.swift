/// `tf.nn.depthwise_conv2d`: every input channel filtered by its own `m` filters (Keras' DepthwiseConv2D with
/// depth multiplier `m`), zero padding, any stride and dilation.
///
/// Input `[N,H,W,C]`, kernel `[kh,kw,C,m]`, output `[N,OH,OW,C·m]` with (TF's padding split, `ConvGeometry`)
///
///     out(n, oy, ox, c·m + j) = Σ_ky,kx x(n, oy·sy + ky·dy - top, ox·sx + kx·dx - left, c) · K(ky, kx, c, j)
///
/// taps outside the image skipped. The loop nest keeps the channels innermost, where NHWC stores them one after
/// another, so the multiply-adds vectorise across channels:
///
///     parallel for (n, oy) in rows
///       for ox:  acc[0 ..< C·m] = 0
///         for (ky, kx) whose input pixel exists:  acc[c·m + j] += x[c] · K(ky, kx, c, j)
///
/// `C·kh·kw·m` multiply-adds per output pixel, against `C²·kh·kw·m` for the block-diagonal filter bank that
/// computes the same sums through the direct conv.
enum DepthwiseBank {
    static func convolve(_ x: Tensor, _ kernel: Tensor, padding: Padding, stride: (Int, Int), dilation: (Int, Int),
                         threads: Int) throws -> Tensor {
        let spatial = try SpatialInput(x)
        let input = spatial.batch
        guard kernel.rank == 4, kernel.shape[2] == input.shape[3] else {
            throw OpError("a depthwise kernel [kh,kw,\(input.shape[3]),m] was expected, got \(Tensor.describe(kernel.shape))")
        }
        let (kh, kw, c, m) = (kernel.shape[0], kernel.shape[1], kernel.shape[2], kernel.shape[3])
        let g = try ConvGeometry(input: input.shape, kernel: [kh, kw, c, c * m], padding: padding, stride: stride,
                                 dilation: dilation, given: x.shape)
        var output = try Tensor(shape: g.outputShape, repeating: 0)
        let channels = c * m
        let xs = UnsafePointer(input.buffer.pointer), ks = UnsafePointer(kernel.buffer.pointer)
        nonisolated(unsafe) let out = try output.withUnsafeMutableBufferPointer { $0.baseAddress! }
        WorkerPool.shared.run(threads: threads, tasks: g.batch * g.outHeight) { task, _ in
            let n = task / g.outHeight, oy = task % g.outHeight
            for ox in 0..<g.outWidth {
                let acc = out + ((n * g.outHeight + oy) * g.outWidth + ox) * channels
                for ky in 0..<kh {
                    let iy = oy * g.strideY + ky * g.dilationY - g.padTop
                    guard iy >= 0, iy < g.height else { continue }
                    for kx in 0..<kw {
                        let ix = ox * g.strideX + kx * g.dilationX - g.padLeft
                        guard ix >= 0, ix < g.width else { continue }
                        let pixel = xs + ((n * g.height + iy) * g.width + ix) * c
                        let w = ks + (ky * kw + kx) * channels
                        if m == 1 {
                            for ch in 0..<c { acc[ch] += pixel[ch] * w[ch] }
                        } else {
                            for ch in 0..<c { for j in 0..<m { acc[ch * m + j] += pixel[ch] * w[ch * m + j] } }
                        }
                    }
                }
            }
        }
        return try spatial.restoringRank(output)
    }
}
