import Foundation

/// The arithmetic of the dense-network layers, on flat row-major tensors whose last axis is the channel axis.
public enum LayerMath {
    /// `tf.nn.bias_add`: `out[..., c] = x[..., c] + b[c]`, then `max(0, ·)` when `relu` (Keras adds the bias
    /// before the activation). Threaded over chunks of whole pixels.
    public static func addBias(_ input: Tensor, _ bias: Tensor, relu: Bool = false, threads: Int) throws -> Tensor {
        let c = bias.count
        var output = try Tensor(uninitializedShape: input.shape)
        guard output.count > 0 else { return output }
        let x = UnsafePointer(input.buffer.pointer), b = UnsafePointer(bias.buffer.pointer)
        let y = try output.withUnsafeMutableBufferPointer { $0.baseAddress! }
        let pixels = input.count / c
        let chunk = max(1, 16384 / c)
        WorkerPool.shared.run(threads: threads, tasks: (pixels + chunk - 1) / chunk) { task, _ in
            for p in (task * chunk)..<min(pixels, (task + 1) * chunk) {
                let i = x + p * c, o = y + p * c
                if relu {
                    for ch in 0..<c { let v = i[ch] + b[ch]; o[ch] = v <= 0 ? 0 : v }
                } else {
                    for ch in 0..<c { o[ch] = i[ch] + b[ch] }
                }
            }
        }
        return output
    }

    /// `tf.nn.batch_normalization(x, mean, var, offset, scale, ε)` per channel, in float32 as TensorFlow:
    /// `inv = rsqrt(var + ε)·scale`, `out = x·inv + (offset - mean·inv)`.
    public static func batchNorm(_ input: Tensor, mean: Tensor, variance: Tensor, offset: Tensor?, scale: Tensor?,
                                 epsilon: Float) throws -> Tensor {
        let c = mean.count
        var inv = [Float](repeating: 0, count: c), shift = [Float](repeating: 0, count: c)
        for ch in 0..<c {
            var factor = 1 / (variance.buffer.pointer[ch] + epsilon).squareRoot()
            if let scale { factor *= scale.buffer.pointer[ch] }
            inv[ch] = factor
            shift[ch] = (offset?.buffer.pointer[ch] ?? 0) - mean.buffer.pointer[ch] * factor
        }
        var output = try Tensor(uninitializedShape: input.shape)
        let x = input.buffer.pointer
        try output.withUnsafeMutableBufferPointer { out in
            for p in 0..<(input.count / max(c, 1)) {
                for ch in 0..<c { out[p * c + ch] = x[p * c + ch] * inv[ch] + shift[ch] }
            }
        }
        return output
    }

    /// `tf.nn.softmax` along `axis` (non-negative): `exp(x - max) / Σ exp(x - max)` over that axis.
    public static func softmax(_ input: Tensor, axis: Int) throws -> Tensor {
        let length = input.shape[axis]
        let inner = input.shape[(axis + 1)...].reduce(1, *)
        let outer = input.count / max(length * inner, 1)
        var output = try Tensor(uninitializedShape: input.shape)
        let x = input.buffer.pointer
        try output.withUnsafeMutableBufferPointer { out in
            for o in 0..<outer {
                for i in 0..<inner {
                    let base = o * length * inner + i
                    var m = -Float.infinity
                    for k in 0..<length { m = max(m, x[base + k * inner]) }
                    var sum: Float = 0
                    for k in 0..<length {
                        let e = expf(x[base + k * inner] - m)
                        out[base + k * inner] = e
                        sum += e
                    }
                    for k in 0..<length { out[base + k * inner] /= sum }
                }
            }
        }
        return output
    }

    /// Keras `Dense` without its activation: `x [..., in] · W [in, out] (+ b)` → `[..., out]`, as a 1x1
    /// convolution of the rows (the pointwise conv schedule, one matrix product).
    public static func dense(_ input: Tensor, _ weights: Tensor, bias: Tensor?, relu: Bool, threads: Int) throws -> Tensor {
        let (inputs, outputs) = (weights.shape[0], weights.shape[1])
        let rows = input.count / max(inputs, 1)
        let g = try ConvGeometry(input: [1, 1, rows, inputs], kernel: [1, 1, inputs, outputs], padding: .valid,
                                 relu: relu && bias == nil)
        var product = try Convolution.convolve(try input.reshaped([1, 1, rows, inputs]),
                                               try weights.reshaped([1, 1, inputs, outputs]), g, threads: threads)
        if let bias { product = try addBias(product, bias, relu: relu, threads: threads) }
        return try product.reshaped(Array(input.shape.dropLast()) + [outputs])
    }
}
