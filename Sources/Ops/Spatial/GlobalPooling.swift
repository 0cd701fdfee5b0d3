/// Global pooling over the two spatial axes, as Keras' `GlobalAveragePooling2D` / `GlobalMaxPooling2D`.
///
/// Input `[N,H,W,C]`, output `[N,C]`: `avg(n,c) = Σ_{y,x} x(n,y,x,c) / (H·W)` (summed in Double, then rounded),
/// `max(n,c) = max_{y,x} x(n,y,x,c)` (NaN propagates, as `tf.reduce_max`).
public enum GlobalPooling {
    public enum Kind: String, Sendable, CaseIterable { case avg, max }

    public static func pool(_ input: Tensor, _ kind: Kind) throws -> Tensor {
        precondition(input.rank == 4, "GlobalPooling takes [N,H,W,C]")
        let (n, h, w, c) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
        guard h * w > 0 else { throw OpError("cannot pool an empty image \(Tensor.describe(input.shape))") }
        var output = try Tensor(uninitializedShape: [n, c])
        let x = input.buffer.pointer
        try output.withUnsafeMutableBufferPointer { out in
            for b in 0..<n {
                let image = x + b * h * w * c
                switch kind {
                case .avg:
                    var sums = [Double](repeating: 0, count: c)
                    for p in 0..<(h * w) {
                        for ch in 0..<c { sums[ch] += Double(image[p * c + ch]) }
                    }
                    for ch in 0..<c { out[b * c + ch] = Float(sums[ch] / Double(h * w)) }
                case .max:
                    for ch in 0..<c {
                        var m = -Float.infinity
                        for p in 0..<(h * w) {
                            let v = image[p * c + ch]
                            if v.isNaN || m.isNaN { m = .nan } else if v > m { m = v }
                        }
                        out[b * c + ch] = m
                    }
                }
            }
        }
        return output
    }
}
