/// Seeded random augmentation: each image of a batch gets its own draw of flips and factors, then the fixed ops
/// (`Orientation`, `KerasTransforms` + `ProjectiveTransform`, `Intensity.contrast`) in Keras' usual order:
/// flip, rotate, zoom, translate, contrast.
///
/// The draws come from `SplitMix64` (the generator of `kernel random`) seeded with `seed`, so the same seed gives the same pictures on every machine.
/// TensorFlow's random streams are not reproduced: only its transforms are.
public struct Augmentation: Sendable {
    public enum FlipMode: String, Sendable, CaseIterable { case none, horizontal, vertical, both }

    public var flip = FlipMode.none
    /// Keras' factors: rotation in fractions of a full turn, zoom and translation in fractions of the size,
    /// contrast as the half-width of [1-c, 1+c]. Each drawn uniformly in ±factor.
    public var rotate = 0.0, zoom = 0.0, translate = 0.0, contrast = 0.0
    public var fill = ProjectiveTransform.Fill.reflect
    public var interpolation = ProjectiveTransform.Interpolation.bilinear

    public init() {}

    /// One image's draw, in the order the generator is consumed.
    public struct Draw: Sendable, Equatable {
        public var flipHorizontal = false, flipVertical = false
        public var degrees = 0.0, zoom = 0.0, dy = 0.0, dx = 0.0, contrast = 1.0
    }

    /// The draws for `count` images of `height x width` from `seed`.
    public func draws(count: Int, height: Int, width: Int, seed: UInt64) -> [Draw] {
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            var d = Draw()
            d.flipHorizontal = (flip == .horizontal || flip == .both) && generator.unit() < 0.5
            d.flipVertical = (flip == .vertical || flip == .both) && generator.unit() < 0.5
            d.degrees = generator.symmetric(rotate) * 360
            d.zoom = generator.symmetric(zoom)
            d.dy = generator.symmetric(translate) * Double(height)
            d.dx = generator.symmetric(translate) * Double(width)
            d.contrast = 1 + generator.symmetric(contrast)
            return d
        }
    }

    /// `[N,H,W,C]` augmented image by image.
    public func apply(_ input: Tensor, seed: UInt64, threads: Int) throws -> Tensor {
        let (n, h, w, c) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
        var output = try Tensor(uninitializedShape: input.shape)
        let per = h * w * c
        for (b, d) in draws(count: n, height: h, width: w, seed: seed).enumerated() {
            var x = try Tensor(shape: [1, h, w, c], values: Array(UnsafeBufferPointer(start: input.buffer.pointer + b * per,
                                                                                       count: per)))
            if d.flipHorizontal { x = try Orientation.flip(x, .horizontal) }
            if d.flipVertical { x = try Orientation.flip(x, .vertical) }
            for matrix in [rotate != 0 ? KerasTransforms.rotation(degrees: d.degrees, height: h, width: w) : nil,
                           zoom != 0 ? KerasTransforms.zoom(factor: d.zoom, height: h, width: w) : nil,
                           translate != 0 ? KerasTransforms.translation(dy: d.dy, dx: d.dx, height: h, width: w) : nil]
            {
                guard let matrix else { continue }
                x = try ProjectiveTransform.apply(x, matrix, fill: fill, interpolation: interpolation, value: 0,
                                                  threads: threads)
            }
            if contrast != 0 { x = try Intensity.contrast(x, factor: Float(d.contrast)) }
            let source = x.buffer.pointer
            try output.withUnsafeMutableBufferPointer { out in
                for i in 0..<per { out[b * per + i] = source[i] }
            }
        }
        return output
    }
}

extension SplitMix64 {
    /// Uniform in [0, 1) from the top 53 bits.
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Uniform in [-r, r]; 0 without consuming a draw when r is 0, so adding a factor changes only its own draws.
    mutating func symmetric(_ r: Double) -> Double { r == 0 ? 0 : (2 * unit() - 1) * r }
}
