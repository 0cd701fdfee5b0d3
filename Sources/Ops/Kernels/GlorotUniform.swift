import Foundation

/// Glorot-uniform initial weights, as a fresh Keras `Conv2D` draws them.
///
/// Shape `[kh,kw,Cin,Cout]`; each weight is uniform in `[-limit, limit)` with
/// `limit = sqrt(6 / (fan_in + fan_out))`, `fan_in = kh·kw·Cin`, `fan_out = kh·kw·Cout`.
/// The generator is SplitMix64 seeded by `seed`, so a seed gives the same bank on every machine (the values are
/// not TensorFlow's: its stream is not reproducible outside TensorFlow).
public enum GlorotUniform {
    public static func bank(kh: Int, kw: Int, cin: Int, cout: Int, seed: UInt64) throws -> Tensor {
        let limit = Float((6.0 / Double(kh * kw * (cin + cout))).squareRoot())
        var output = try Tensor(uninitializedShape: [kh, kw, cin, cout])
        var generator = SplitMix64(seed: seed)
        try output.withUnsafeMutableBufferPointer { values in
            for i in values.indices { values[i] = (generator.nextUnitFloat() * 2 - 1) * limit }
        }
        return output
    }
}

/// SplitMix64 (Steele, Lea, Flood 2014): a small, fast, well-mixed 64-bit generator.
public struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1) from the top 24 bits (every value exactly representable in Float).
    public mutating func nextUnitFloat() -> Float { Float(next() >> 40) * 0x1p-24 }
}
