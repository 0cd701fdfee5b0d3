/// Colour and intensity adjustments of `[N,H,W,C]`, as the `tf.image` functions named on each.
public enum Intensity {
    /// `tf.image.rgb_to_grayscale`: `0.2989·R + 0.5870·G + 0.1140·B` (float32, in that order); `[N,H,W,3]` →
    /// `[N,H,W,1]`.
    public static func gray(_ input: Tensor) throws -> Tensor {
        let pixels = input.count / 3
        var output = try Tensor(uninitializedShape: Array(input.shape.dropLast()) + [1])
        let x = input.buffer.pointer
        try output.withUnsafeMutableBufferPointer { out in
            for p in 0..<pixels {
                out[p] = x[3 * p] * 0.2989 + x[3 * p + 1] * 0.5870 + x[3 * p + 2] * 0.1140
            }
        }
        return output
    }

    /// `tf.image.grayscale_to_rgb`: the one channel repeated three times.
    public static func rgb(_ input: Tensor) throws -> Tensor {
        var output = try Tensor(uninitializedShape: Array(input.shape.dropLast()) + [3])
        let x = input.buffer.pointer
        try output.withUnsafeMutableBufferPointer { out in
            for p in 0..<input.count { (out[3 * p], out[3 * p + 1], out[3 * p + 2]) = (x[p], x[p], x[p]) }
        }
        return output
    }

    /// `tf.image.adjust_contrast`: `(x - mean) · factor + mean`, the mean per image and channel over H and W.
    public static func contrast(_ input: Tensor, factor: Float) throws -> Tensor {
        let means = try GlobalPooling.pool(input, .avg)
        let c = input.shape[3], perImage = input.shape[1] * input.shape[2] * c
        return try map(input) { i, v in
            let m = means.buffer.pointer[(i / perImage) * c + i % c]
            return (v - m) * factor + m
        }
    }

    /// `tf.image.adjust_brightness`: `x + delta`.
    public static func brightness(_ input: Tensor, delta: Float) throws -> Tensor {
        try map(input) { _, v in v + delta }
    }

    /// `tf.image.per_image_standardization`: `(x - mean) / max(std, 1/√(H·W·C))` per image.
    public static func standardize(_ input: Tensor) throws -> Tensor {
        let (mean, std) = moments(input)
        let perImage = input.count / max(input.shape[0], 1)
        let floor = 1 / Double(perImage).squareRoot()
        return try map(input) { i, v in
            let b = i / perImage
            return Float((Double(v) - mean[b]) / max(std[b], floor))
        }
    }

    /// Min..max of each image stretched to 0..1: `(x - min) / (max - min)`; a constant image gives zeros.
    public static func rescale(_ input: Tensor) throws -> Tensor {
        let perImage = input.count / max(input.shape[0], 1)
        var lows: [Float] = [], highs: [Float] = []
        let x = input.buffer.pointer
        for b in 0..<input.shape[0] {
            var low = Float.infinity, high = -Float.infinity
            for i in (b * perImage)..<((b + 1) * perImage) where !x[i].isNaN {
                low = min(low, x[i]); high = max(high, x[i])
            }
            lows.append(low); highs.append(high)
        }
        return try map(input) { i, v in
            let b = i / perImage
            return highs[b] > lows[b] ? (v - lows[b]) / (highs[b] - lows[b]) : 0
        }
    }

    /// Mean and population standard deviation of each image, in Double.
    static func moments(_ input: Tensor) -> (mean: [Double], std: [Double]) {
        let perImage = input.count / max(input.shape[0], 1)
        let x = input.buffer.pointer
        var means: [Double] = [], stds: [Double] = []
        for b in 0..<input.shape[0] {
            let range = (b * perImage)..<((b + 1) * perImage)
            let mean = range.reduce(0.0) { $0 + Double(x[$1]) } / Double(perImage)
            let variance = range.reduce(0.0) { $0 + (Double(x[$1]) - mean) * (Double(x[$1]) - mean) } / Double(perImage)
            means.append(mean); stds.append(variance.squareRoot())
        }
        return (means, stds)
    }

    /// `out[i] = f(i, x[i])` into a new tensor of the same shape.
    static func map(_ input: Tensor, _ f: (Int, Float) -> Float) throws -> Tensor {
        var output = try Tensor(uninitializedShape: input.shape)
        let x = input.buffer.pointer
        try output.withUnsafeMutableBufferPointer { out in
            for i in 0..<input.count { out[i] = f(i, x[i]) }
        }
        return output
    }
}
