@testable import Ops

/// SplitMix64: a small seeded generator, so every random case can be replayed from its seed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A tensor of `shape` with values uniform in [-1, 1).
func randomTensor(_ shape: [Int], _ rng: inout SeededGenerator) throws -> Tensor {
    let count = shape.reduce(1, *)
    return try Tensor(shape: shape, values: (0..<count).map { _ in Float.random(in: -1..<1, using: &rng) })
}

/// The element-wise absolute value, for error bounds.
func absolute(_ t: Tensor) throws -> Tensor {
    try Tensor(shape: t.shape, values: t.scalars.map { abs($0) })
}

/// Checks `got` against `ConvReference` within the float32 accumulation bound of each output.
///
/// An output summing `n` products differs from the exact sum by at most `n·u·Σ|x·w|` (`u = 2⁻²⁴`) in any
/// summation order, FMA or not; `Σ|x·w|` is the reference conv of `|x|` with `|w|`. The bound is rigorous, so a
/// correct schedule never fails it, while a wrong tap, border or channel is off by about `|x·w|` — far outside.
/// Returns a description of the first violation, or nil.
func referenceMismatch(_ got: Tensor, _ input: Tensor, _ kernel: Tensor, _ g: ConvGeometry) throws -> String? {
    let expected = try ConvReference.convolve(input, kernel, g)
    var plain = g
    plain.relu = false
    let magnitude = try ConvReference.convolve(try absolute(input), try absolute(kernel), plain)
    guard got.shape == expected.shape else { return "shape \(got.shape), expected \(expected.shape)" }
    let terms = Float(g.kernelHeight * g.kernelWidth * (g.depthwise ? 1 : g.inChannels))
    let u = Float(1) / Float(1 << 24)
    let (a, b, m) = (got.scalars, expected.scalars, magnitude.scalars)
    for i in a.indices {
        let bound = (terms + 2) * u * m[i] + 1e-30
        if !(abs(a[i] - b[i]) <= bound) {
            return "element \(i) of \(got.shape): got \(a[i]), expected \(b[i]) (bound \(bound))"
        }
    }
    return nil
}

extension ConvGeometry {
    /// A one-line description for failure messages.
    var summary: String {
        "N\(batch) \(height)x\(width)x\(inChannels) k\(kernelHeight)x\(kernelWidth)"
            + (depthwise ? " dw" : "→\(outChannels)")
            + " s\(strideY)x\(strideX) d\(dilationY)x\(dilationX) pad \(padTop),\(padBottom),\(padLeft),\(padRight)"
            + " \(border.rawValue)\(relu ? " relu" : "")"
    }
}
