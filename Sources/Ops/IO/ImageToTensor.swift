import Foundation

/// Decoded integer samples to a float32 `[H,W,C]` tensor in [0,1].
///
/// A sample `x` of an image whose maximum is `m` becomes `Float(x) * Float(1/m)`: for m = 255 and 65535 this is
/// bit for bit what `tf.image.convert_image_dtype(x, tf.float32)` computes (TF multiplies by the float32
/// constant `1/m`; dividing by `m` instead differs in the last bit for some values).
enum ImageToTensor {
    /// ITU-R BT.601 luma weights as `tf.image.rgb_to_grayscale` uses them.
    static let lumaWeights: (r: Float, g: Float, b: Float) = (0.2989, 0.5870, 0.1140)

    /// Below this many samples the conversion runs on one thread.
    static let parallelThreshold = 1 << 20

    /// Converts `image` to a tensor with the channels `options` ask for: alpha dropped unless kept, gray
    /// replicated for `rgb`, RGB reduced to BT.601 luma for `gray` (computed on the float values, as
    /// `rgb_to_grayscale(convert_image_dtype(x))` does).
    static func tensor(_ image: PixelImage, _ options: LoadOptions) throws -> Tensor {
        var tensor = try emptyTensor(height: image.height, width: image.width, channels: image.channels,
                                     options)
        try tensor.withUnsafeMutableBufferPointer { fill($0, from: image, options) }
        return tensor
    }

    /// The uninitialised `[height, width, C]` tensor for an image of `channels` stored channels, C being the
    /// channels `options` ask for; `fill` then writes its rows.
    static func emptyTensor(height: Int, width: Int, channels: Int, _ options: LoadOptions) throws -> Tensor {
        let map = ChannelMap(channels, options)
        let tensor = try Tensor(uninitializedShape: [height, width, map.output])
        LargePages.advise(tensor.buffer.pointer, bytes: tensor.byteCount)
        return tensor
    }

    /// Converts the rows of `image` into `out`, which holds exactly those rows of the tensor (`emptyTensor`):
    /// a decoder that reads a file in bands of rows fills the tensor band by band.
    static func fill(_ out: UnsafeMutableBufferPointer<Float>, from image: PixelImage, _ options: LoadOptions) {
        let scale = Float(1.0 / Double(image.maxValue))
        let map = ChannelMap(image.channels, options)
        switch image.samples {
        case .bytes(let samples):
            samples.withUnsafeBufferPointer { convert($0.baseAddress!, map, scale, image, out, options.threads) }
        case .words(let samples):
            samples.withUnsafeBufferPointer { convert($0.baseAddress!, map, scale, image, out, options.threads) }
        }
    }

    /// Which input samples make each output pixel.
    struct ChannelMap {
        let input: Int, inputColor: Int, outputColor: Int, alpha: Bool
        var output: Int { outputColor + (alpha ? 1 : 0) }
        /// The map from an image's `channels` (alpha last, if any) to what `options` ask for.
        init(_ channels: Int, _ options: LoadOptions) {
            let hasAlpha = channels == 2 || channels == 4
            let alpha = hasAlpha && options.keepsAlpha
            let storedColor = hasAlpha ? channels - 1 : channels
            let color: Int
            switch options.color {
            case .stored: color = storedColor
            case .gray: color = 1
            case .rgb: color = 3
            }
            input = channels
            inputColor = storedColor
            outputColor = color
            self.alpha = alpha
        }

        /// True when every sample is copied in order (no channel is added, dropped or mixed).
        var isIdentity: Bool { input == output && inputColor == outputColor }
    }

    private static func convert<T: BinaryInteger & SendableMetatype>(
        _ source: UnsafePointer<T>, _ map: ChannelMap, _ scale: Float, _ image: PixelImage,
        _ out: UnsafeMutableBufferPointer<Float>, _ threads: Int
    ) {
        let pixels = image.width * image.height
        let parts = image.count < parallelThreshold ? 1 : max(1, min(threads, 8)) * 4
        nonisolated(unsafe) let source = source
        nonisolated(unsafe) let target = out.baseAddress!
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let start = pixels * part / parts, end = pixels * (part + 1) / parts
            if map.isIdentity {
                widen(source + start * map.input, target + start * map.input, (end - start) * map.input, scale)
            } else {
                remap(source, target, start..<end, map, scale)
            }
        }
    }

    /// `out[i] = Float(source[i]) * scale` for `count` samples; a plain loop the compiler vectorises.
    @inline(__always)
    private static func widen<T: BinaryInteger>(_ source: UnsafePointer<T>, _ out: UnsafeMutablePointer<Float>,
                                                _ count: Int, _ scale: Float) {
        for i in 0..<count { out[i] = Float(source[i]) * scale }
    }

    /// Converts the pixels in `range`, adding, dropping or mixing channels as `map` says.
    private static func remap<T: BinaryInteger>(_ source: UnsafePointer<T>, _ out: UnsafeMutablePointer<Float>,
                                                _ range: Range<Int>, _ map: ChannelMap, _ scale: Float) {
        let w = lumaWeights
        for p in range {
            let s = source + p * map.input, o = out + p * map.output
            let first = Float(s[0]) * scale
            switch (map.inputColor, map.outputColor) {
            case (1, 3): o[0] = first; o[1] = first; o[2] = first
            case (3, 1):
                let g = Float(s[1]) * scale, b = Float(s[2]) * scale
                o[0] = first * w.r + g * w.g + b * w.b
            default: for c in 0..<map.outputColor { o[c] = Float(s[c]) * scale }
            }
            if map.alpha { o[map.outputColor] = Float(s[map.input - 1]) * scale }
        }
    }
}
