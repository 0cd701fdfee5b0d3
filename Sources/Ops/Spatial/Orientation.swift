/// Flips and quarter turns of `[N,H,W,C]`: `tf.image.flip_left_right`, `flip_up_down` and `rot90`.
public enum Orientation {
    public enum Axis: String, Sendable, CaseIterable { case horizontal, vertical }

    /// `horizontal` mirrors left-right (`out(y,x) = in(y, W-1-x)`), `vertical` up-down (`in(H-1-y, x)`).
    public static func flip(_ input: Tensor, _ axis: Axis) throws -> Tensor {
        let (h, w) = (input.shape[1], input.shape[2])
        return try remap(input, outHeight: h, outWidth: w) { y, x in
            axis == .horizontal ? (y, w - 1 - x) : (h - 1 - y, x)
        }
    }

    /// `k` counter-clockwise quarter turns (any integer; k mod 4 is used), as `tf.image.rot90`:
    /// k=1: `out(y,x) = in(x, W-1-y)` with output `[W,H]`; k=2: `in(H-1-y, W-1-x)`; k=3: `in(H-1-x, y)`.
    public static func rot90(_ input: Tensor, _ k: Int) throws -> Tensor {
        let (h, w) = (input.shape[1], input.shape[2])
        let turns = ((k % 4) + 4) % 4
        let (oh, ow) = turns % 2 == 0 ? (h, w) : (w, h)
        return try remap(input, outHeight: oh, outWidth: ow) { y, x in
            switch turns {
            case 1: return (x, w - 1 - y)
            case 2: return (h - 1 - y, w - 1 - x)
            case 3: return (h - 1 - x, y)
            default: return (y, x)
            }
        }
    }

    /// `out(n,y,x,:) = in(n, source(y,x), :)`: whole pixels copied.
    static func remap(_ input: Tensor, outHeight: Int, outWidth: Int,
                      _ source: (Int, Int) -> (Int, Int)) throws -> Tensor {
        let (n, h, w, c) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
        var output = try Tensor(uninitializedShape: [n, outHeight, outWidth, c])
        let x = input.buffer.pointer
        try output.withUnsafeMutableBufferPointer { out in
            var o = 0
            for b in 0..<n {
                for y in 0..<outHeight {
                    for xo in 0..<outWidth {
                        let (sy, sx) = source(y, xo)
                        let p = x + ((b * h + sy) * w + sx) * c
                        for ch in 0..<c { out[o + ch] = p[ch] }
                        o += c
                    }
                }
            }
        }
        return output
    }
}
