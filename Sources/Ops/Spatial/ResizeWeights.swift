import Foundation

/// The taps of a 1-D resampling: output coordinate `o` reads `weights[o·taps + t]` of input `starts[o] + t`.
///
/// `tf.image.resize` is separable for every method, so each method is one way of filling these per axis; the
/// formulas are TensorFlow's kernels', in float32 as they compute them (`scale = in/out` unless noted):
///
///     nearest   i = clamp(⌊(o+½)·scale⌋, 0, n-1)                                  (resize_nearest_neighbor)
///     bilinear  s = (o+½)·scale - ½;  ⌊s⌋ and ⌈s⌉ clamped, weights 1-f, f (f = s-⌊s⌋)  (resize_bilinear)
///     bicubic   Keys a = -½ from a 1024-entry table at lrint(f·1024); taps outside the image get weight 0
///               and the rest are renormalised                                      (resize_bicubic)
///     area      cell [o·scale, (o+1)·scale) covered by input cells; weight = overlap / scale (resize_area)
///     lanczos3 and antialiased bilinear/bicubic: scale_and_translate with kernels lanczos3/triangle/keyscubic,
///               kernel widened by 1/scale when downsampling with antialias, weights normalised to sum 1
public struct AxisWeights: Sendable {
    public let taps: Int
    public let starts: [Int]
    public let weights: [Float]

    public enum Method: String, Sendable, CaseIterable { case bilinear, nearest, bicubic, area, lanczos3 }

    public static func make(_ method: Method, antialias: Bool, from n: Int, to out: Int) -> AxisWeights {
        let scale = Float(n) / Float(out)
        switch method {
        case .nearest:
            let starts = (0..<out).map { o in max(0, min(Int(((Float(o) + 0.5) * scale).rounded(.down)), n - 1)) }
            return AxisWeights(taps: 1, starts: starts, weights: [Float](repeating: 1, count: out))
        case .bilinear where !antialias:
            return bilinear(scale, n, out)
        case .bicubic where !antialias:
            return ragged((0..<out).map { o in bicubic(o, scale, n) }, n)
        case .area:
            return area(n, out)
        case .bilinear: return scaleAndTranslate(n, out, radius: 1, antialias: true, triangle)
        case .bicubic: return scaleAndTranslate(n, out, radius: 2, antialias: true, keysCubic)
        case .lanczos3: return scaleAndTranslate(n, out, radius: 3, antialias: antialias, lanczos3)
        }
    }

    // MARK: - Bilinear (resize_bilinear, half-pixel centres)

    /// Taps `⌊s⌋` and `⌈s⌉` clamped, weights `1-f` and `f`; where they clamp to one pixel, weight 1 on it. Laid
    /// out as `ragged` lays out those rows (one tap when no row has two), written straight into the flat arrays:
    /// the op computes these per call, and one small array per output coordinate cost more than the resize.
    static func bilinear(_ scale: Float, _ n: Int, _ out: Int) -> AxisWeights {
        func taps(_ o: Int) -> (low: Int, high: Int, lerp: Float) {
            let s = (Float(o) + 0.5) * scale - 0.5
            let f = s.rounded(.down)
            return (max(Int(f), 0), min(Int(s.rounded(.up)), n - 1), s - f)
        }
        let count = (0..<out).contains { o in taps(o).low != taps(o).high } ? min(2, n) : 1
        var starts = [Int](repeating: 0, count: out), weights = [Float](repeating: 0, count: out * count)
        for o in 0..<out {
            let (low, high, lerp) = taps(o)
            let start = max(0, min(low, n - count))
            starts[o] = start
            if low == high {
                weights[o * count + low - start] = 1
            } else {
                weights[o * count + low - start] = 1 - lerp
                weights[o * count + high - start] = lerp
            }
        }
        return AxisWeights(taps: count, starts: starts, weights: weights)
    }

    // MARK: - Bicubic (resize_bicubic, half-pixel centres)

    static let cubicTable: [Float] = {
        let a: Float = -0.5, size = 1024
        var table = [Float](repeating: 0, count: (size + 1) * 2)
        for i in 0...size {
            var x = Float(Double(i) * 1.0 / Double(size))
            table[i * 2] = ((a + 2) * x - (a + 3)) * x * x + 1
            x += 1
            table[i * 2 + 1] = ((a * x - 5 * a) * x + 8 * a) * x - 4 * a
        }
        return table
    }()

    /// Four taps from `⌊s⌋-1`; a tap outside the image gets weight 0 (it may then be moved anywhere).
    static func bicubic(_ o: Int, _ scale: Float, _ n: Int) -> (Int, [Float]) {
        let s = (Float(o) + 0.5) * scale - 0.5
        let base = s.rounded(.down)
        let offset = Int(((s - base) * 1024).rounded(.toNearestOrEven))
        let table = cubicTable
        let w = [table[offset * 2 + 1], table[offset * 2], table[(1024 - offset) * 2], table[(1024 - offset) * 2 + 1]]
        var kept = [Float](repeating: 0, count: 4)
        let first = Int(base) - 1
        for t in 0..<4 where first + t >= 0 && first + t < n { kept[t] = w[t] }
        let sum = kept[0] + kept[1] + kept[2] + kept[3]
        if abs(sum) >= 1000 * Float.leastNormalMagnitude { kept = kept.map { $0 * (1 / sum) } }
        return (first, kept)
    }

    // MARK: - Area (resize_area, no half-pixel centres)

    static func area(_ n: Int, _ out: Int) -> AxisWeights {
        let scale = Float(n) / Float(out)
        var rows: [(Int, [Float])] = []
        for o in 0..<out {
            let a = Float(o) * scale, b = Float(o + 1) * scale
            let first = Int(a.rounded(.down)), end = Int(b.rounded(.up))
            var w: [Float] = []
            for i in first..<end {
                let fi = Float(i)
                let covered = fi < a ? (fi + 1 > b ? scale : fi + 1 - a) : (fi + 1 > b ? b - fi : 1)
                w.append(covered / scale)
            }
            rows.append((first, w))
        }
        return ragged(rows, n)
    }

    // MARK: - scale_and_translate

    static func triangle(_ x: Float) -> Float { x < 1 ? 1 - x : 0 }

    static func keysCubic(_ x: Float) -> Float {
        if x >= 2 { return 0 }
        if x >= 1 { return ((-0.5 * x + 2.5) * x - 4) * x + 2 }
        return ((1.5 * x - 2.5) * x) * x + 1
    }

    static func lanczos3(_ x: Float) -> Float {
        let pi: Float = 3.14159265359879028, r: Float = 3
        if x > r { return 0 }
        if x <= 1e-3 { return 1 }
        return r * sinf(pi * x) * sinf(pi / r * x) / (pi * pi * x * x)
    }

    static func scaleAndTranslate(_ n: Int, _ out: Int, radius: Float, antialias: Bool,
                                  _ kernel: (Float) -> Float) -> AxisWeights {
        let scale = Float(out) / Float(n)
        let inverse = Float(1.0 / Double(scale))
        let kernelScale = antialias ? max(inverse, 1) : 1
        let oneOverKernelScale = 1 / kernelScale
        var rows: [(Int, [Float])] = []
        for o in 0..<out {
            let sample = (Float(o) + 0.5) * inverse
            guard sample >= 0 && sample <= Float(n) else { rows.append((0, [])); continue }
            let first = min(max(Int((sample - radius * kernelScale - 0.5).rounded(.up)), 0), n - 1)
            let end = min(max(Int((sample + radius * kernelScale - 0.5).rounded(.down)), 0), n - 1) + 1
            var w: [Float] = [], total: Float = 0
            for i in first..<end {
                let weight = kernel(abs((Float(i) + 0.5 - sample) * oneOverKernelScale))
                total += weight
                w.append(weight)
            }
            if abs(total) >= 1000 * Float.leastNormalMagnitude {
                let one = 1 / total
                w = w.map { $0 * one }
            } else {
                w = w.map { _ in 0 }
            }
            rows.append((first, w))
        }
        return ragged(rows, n)
    }

    /// Pads ragged rows to one tap count ≤ n; a row that would run past the image is moved back, its weights
    /// re-placed. A tap outside the image reads the nearest edge pixel (area's BOUND; other methods give it 0).
    static func ragged(_ rows: [(Int, [Float])], _ n: Int) -> AxisWeights {
        let taps = max(1, min(rows.map(\.1.count).max() ?? 1, n))
        var starts: [Int] = [], weights: [Float] = []
        for (first, w) in rows {
            let start = max(0, min(first, n - taps))
            var placed = [Float](repeating: 0, count: taps)
            for (t, weight) in w.enumerated() {
                guard weight != 0 else { continue }
                placed[min(max(first + t, 0), n - 1) - start] += weight
            }
            starts.append(start)
            weights += placed
        }
        return AxisWeights(taps: taps, starts: starts, weights: weights)
    }
}
