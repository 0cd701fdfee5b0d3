/// `tf.pad` on the two spatial axes of `[N,H,W,C]`.
///
/// Output `[N, top+H+bottom, left+W+right, C]`. An out-of-image index `i` on an axis of length `n` reads:
/// constant → `value`; reflect → the mirror without repeating the edge (`c b | a b c d | c b`, needs pad ≤ n-1);
/// symmetric → the mirror repeating the edge (`b a | a b c d | d c`, needs pad ≤ n). Those limits are TensorFlow's.
public enum SpatialPadding {
    public enum Mode: String, Sendable, CaseIterable { case constant, reflect, symmetric }

    /// The widest padding `mode` allows on an axis of `length`, or nil when unbounded.
    public static func limit(_ mode: Mode, _ length: Int) -> Int? {
        switch mode {
        case .constant: return nil
        case .reflect: return length - 1
        case .symmetric: return length
        }
    }

    /// The source index of output index `i` on an axis of `n` with `before` padding, or nil for the constant.
    @inline(__always)
    static func source(_ i: Int, before: Int, _ n: Int, _ mode: Mode) -> Int? {
        let j = i - before
        if j >= 0 && j < n { return j }
        switch mode {
        case .constant: return nil
        case .reflect: return j < 0 ? -j : 2 * (n - 1) - j
        case .symmetric: return j < 0 ? -j - 1 : 2 * n - 1 - j
        }
    }

    /// Pads `input` `[N,H,W,C]`; the caller has checked the pads against `limit`.
    public static func pad(_ input: Tensor, top: Int, bottom: Int, left: Int, right: Int, mode: Mode,
                           value: Float) throws -> Tensor {
        let (n, h, w, c) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
        let oh = top + h + bottom, ow = left + w + right
        var output = try Tensor(uninitializedShape: [n, oh, ow, c])
        let x = input.buffer.pointer
        try output.withUnsafeMutableBufferPointer { out in
            var o = 0
            for b in 0..<n {
                for oy in 0..<oh {
                    let iy = source(oy, before: top, h, mode)
                    for ox in 0..<ow {
                        let ix = source(ox, before: left, w, mode)
                        if let iy, let ix {
                            let p = x + ((b * h + iy) * w + ix) * c
                            for ch in 0..<c { out[o + ch] = p[ch] }
                        } else {
                            for ch in 0..<c { out[o + ch] = value }
                        }
                        o += c
                    }
                }
            }
        }
        return output
    }
}
