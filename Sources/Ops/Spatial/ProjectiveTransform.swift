import Foundation

/// `tf.raw_ops.ImageProjectiveTransformV3` on `[N,H,W,C]`: what Keras' RandomRotation, RandomTranslation and
/// RandomZoom apply once they have drawn their factor.
///
/// A transform `[a0,a1,a2,b0,b1,b2,c0,c1]` maps output pixel `(x, y)` to the input point
/// `((a0·x + a1·y + a2) / k, (b0·x + b1·y + b2) / k)` with `k = c0·x + c1·y + 1` (in float32, as TensorFlow). The point
/// is mapped into the image by the fill mode per axis (TensorFlow's `MapCoordinate`), then read by nearest
/// (`round`, halves away from zero) or bilinear interpolation; a pixel still outside reads `value`.
public enum ProjectiveTransform {
    public enum Fill: String, Sendable, CaseIterable { case reflect, wrap, constant, nearest }
    public enum Interpolation: String, Sendable, CaseIterable { case bilinear, nearest }

    /// The input coordinate `c` maps to on an axis of `length`, as TensorFlow's `MapCoordinate<fill>`.
    @inline(__always)
    static func map(_ c: Float, _ length: Int, _ fill: Fill) -> Float {
        let len = Float(length)
        var v = c
        switch fill {
        case .constant:
            // Any point past the edge reads `value`; bounding it keeps the integer conversion defined (NaN too).
            return c > -2 ? min(c, len + 1) : -2
        case .nearest: return min(max(c, 0), len - 1)
        case .reflect:
            if v < 0 {
                if length <= 1 { v = 0 } else {
                    let size2 = 2 * len
                    if v < size2 { v = size2 * Float(Int(-v / size2)) + v }
                    v = v < -len ? v + size2 : -v - 1
                }
            } else if v > len - 1 {
                if length <= 1 { v = 0 } else {
                    let size2 = 2 * len
                    v -= size2 * Float(Int(v / size2))
                    if v >= len { v = size2 - v - 1 }
                }
            }
        case .wrap:
            if v < 0 {
                if length <= 1 { v = 0 } else { v += len * (Float(Int(-v / (len - 1))) + 1) }
            } else if v > len - 1 {
                if length <= 1 { v = 0 } else { v -= len * Float(Int(v / (len - 1))) }
            }
        }
        return min(max(v, 0), len - 1)
    }

    /// Applies `transform` (8 floats) to every image of `input`; one task per output row, threaded.
    public static func apply(_ input: Tensor, _ transform: [Float], fill: Fill, interpolation: Interpolation,
                             value: Float, threads: Int) throws -> Tensor {
        precondition(transform.count == 8)
        let (n, h, w, c) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
        var output = try Tensor(uninitializedShape: input.shape)
        guard output.count > 0 else { return output }
        let x = UnsafePointer(input.buffer.pointer)
        let y = try output.withUnsafeMutableBufferPointer { $0.baseAddress! }
        let t = transform
        WorkerPool.shared.run(threads: threads, tasks: n * h) { task, _ in
            let b = task / h, oy = Float(task % h)
            let image = x + b * h * w * c
            @inline(__always) func read(_ iy: Int, _ ix: Int, _ ch: Int) -> Float {
                iy >= 0 && iy < h && ix >= 0 && ix < w ? image[(iy * w + ix) * c + ch] : value
            }
            for ox in 0..<w {
                let out = y + (task * w + ox) * c
                let fx = Float(ox)
                let k = t[6] * fx + t[7] * oy + 1
                if k == 0 {
                    for ch in 0..<c { out[ch] = value }
                    continue
                }
                let sx = map((t[0] * fx + t[1] * oy + t[2]) / k, w, fill)
                let sy = map((t[3] * fx + t[4] * oy + t[5]) / k, h, fill)
                switch interpolation {
                case .nearest:
                    let iy = Int(sy.rounded(.toNearestOrAwayFromZero)), ix = Int(sx.rounded(.toNearestOrAwayFromZero))
                    for ch in 0..<c { out[ch] = read(iy, ix, ch) }
                case .bilinear:
                    let y0 = sy.rounded(.down), x0 = sx.rounded(.down)
                    let y1 = y0 + 1, x1 = x0 + 1
                    let iy0 = Int(y0), ix0 = Int(x0)
                    for ch in 0..<c {
                        let top = (x1 - sx) * read(iy0, ix0, ch) + (sx - x0) * read(iy0, ix0 + 1, ch)
                        let bottom = (x1 - sx) * read(iy0 + 1, ix0, ch) + (sx - x0) * read(iy0 + 1, ix0 + 1, ch)
                        out[ch] = (y1 - sy) * top + (sy - y0) * bottom
                    }
                }
            }
        }
        return output
    }
}
