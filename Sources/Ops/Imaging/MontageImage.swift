/// A montage as 8-bit samples: what `save X FILE.png grid` writes, ready to be written without going through
/// float32 (the Jupyter kernel sends it as a PNG, 30% of a 1024² cell's time went to that round trip).
///
/// `samples` holds `height·width·channels` bytes, row 0 first; `channels` is 1 (every tile a map drawn in `gray`)
/// or 3 (RGB).
public struct MontageImage: Sendable {
    public let width, height, channels: Int
    public let samples: [UInt8]

    /// `raster` with 1 channel (its red samples, which gray maps repeat in green and blue) or 3.
    init(_ raster: Raster, channels: Int) {
        (width, height, self.channels) = (raster.width, raster.height, channels)
        samples = raster.pixels.withUnsafeBufferPointer { pixels in
            guard channels == 3 else { return pixels.map(\.r) }
            // Raster.RGB is three bytes with no padding: the pixels already are the samples.
            return UnsafeRawBufferPointer(pixels).map { $0 }
        }
    }

    /// Float32 `[H,W,channels]` with every value `k/255`, so an 8-bit image stores exactly the colours drawn.
    public func tensor() throws -> Tensor {
        let out = try Tensor(uninitializedShape: [height, width, channels])
        let floats = out.buffer.pointer
        samples.withUnsafeBufferPointer { samples in
            for (i, sample) in samples.enumerated() { floats[i] = Float(sample) / 255 }
        }
        return out
    }

    /// The 8-bit PNG `save X FILE.png grid` writes for the same montage, byte for byte.
    public func png() throws -> [UInt8] {
        try PNG.encode(PixelImage(width: width, height: height, channels: channels, maxValue: 255,
                                  samples: .bytes(samples)))
    }
}
