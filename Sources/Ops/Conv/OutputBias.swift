/// A conv's bias added where the output is stored, then relu: `y = relu?(y + b[c])`, in the order and rounding of
/// `tf.nn.bias_add` followed by the activation, so a fused bias equals the separate pass bit for bit.
///
/// The direct conv calls it on each output row right after the row's last input-channel block, while the row is
/// still in L1/L2 (instead of another pass over the whole output through memory); Winograd adds the bias in its
/// output transform instead.
enum OutputBias {
    /// Channels `0 ..< count` of `pixels` pixels from `out`, `step` floats apart: `out[p·step + c] += bias[c]`,
    /// then `max(0, ·)` when `relu` (NaN stays NaN, -0 becomes +0, as `tf.nn.relu`).
    static func add(_ bias: UnsafePointer<Float>, to out: UnsafeMutablePointer<Float>, pixels: Int, step: Int,
                    count: Int, relu: Bool) {
        var row = out
        for _ in 0..<pixels {
            if relu {
                for c in 0..<count { let v = row[c] + bias[c]; row[c] = v <= 0 ? 0 : v }
            } else {
                for c in 0..<count { row[c] += bias[c] }
            }
            row += step
        }
    }
}
