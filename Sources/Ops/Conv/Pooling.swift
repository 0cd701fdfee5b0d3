/// Max pooling over a depthwise `ConvGeometry` whose kernel is the pooling window.
public enum Pooling {
    /// `[N,H,W,C]` → `g.outputShape`; out-of-image window positions are skipped (TensorFlow's -inf padding).
    public static func maxPool(_ input: Tensor, _ g: ConvGeometry, threads: Int) throws -> Tensor {
        var output = try Tensor(uninitializedShape: g.outputShape)
        let x = input.buffer.pointer
        let c = g.inChannels
        try output.withUnsafeMutableBufferPointer { out in
            for n in 0..<g.batch {
                for oy in 0..<g.outHeight {
                    let y0 = oy * g.strideY - g.padTop
                    let ys = max(y0, 0)..<min(y0 + g.kernelHeight, g.height)
                    for ox in 0..<g.outWidth {
                        let x0 = ox * g.strideX - g.padLeft
                        let xs = max(x0, 0)..<min(x0 + g.kernelWidth, g.width)
                        let base = ((n * g.outHeight + oy) * g.outWidth + ox) * c
                        for ch in 0..<c { out[base + ch] = -.infinity }
                        for iy in ys {
                            for ix in xs {
                                let pixel = ((n * g.height + iy) * g.width + ix) * c
                                for ch in 0..<c { out[base + ch] = max(out[base + ch], x[pixel + ch]) }
                            }
                        }
                    }
                }
            }
        }
        return output
    }
}
