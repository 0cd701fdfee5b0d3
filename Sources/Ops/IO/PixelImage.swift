/// An image as a file stores it: `height` rows of `width` pixels, each `channels` interleaved integer samples.
///
/// Channels are 1 gray, 2 gray+alpha, 3 RGB, 4 RGBA. A sample's value is `sample / maxValue` in [0,1]; the
/// codecs keep 8-bit samples in `bytes` (maxValue ≤ 255) and wider ones in `words` (maxValue ≤ 65535).
struct PixelImage {
    enum Samples {
        case bytes([UInt8])
        case words([UInt16])
    }

    let width: Int
    let height: Int
    let channels: Int
    /// The sample value that means 1.0: 255 or 65535, or a Netpbm file's maxval.
    let maxValue: Int
    var samples: Samples

    /// Number of samples: width·height·channels.
    var count: Int { width * height * channels }

    var hasAlpha: Bool { channels == 2 || channels == 4 }
}

/// What `load` asks of an image: its colour channels, its alpha, and the JPEG IDCT.
public struct LoadOptions: Sendable, Equatable {
    public enum Color: Sendable, Equatable {
        /// As the file stores it: 1 channel for gray files, 3 for colour.
        case stored
        /// One channel: a JPEG's own luma plane; for other files ITU-R BT.601 luma of RGB.
        case gray
        /// Three channels; gray files replicate their one channel.
        case rgb
    }

    public var color: Color
    /// Keep an alpha channel as the last channel (PNG only has one); by default it is dropped.
    public var keepsAlpha: Bool
    /// libjpeg-turbo's fast integer IDCT (TensorFlow's default `decode_jpeg`) instead of the accurate one.
    public var fastDCT: Bool
    /// Threads the sample-to-float conversion may use.
    public var threads: Int

    public init(color: Color = .stored, keepsAlpha: Bool = false, fastDCT: Bool = false, threads: Int = 1) {
        self.color = color
        self.keepsAlpha = keepsAlpha
        self.fastDCT = fastDCT
        self.threads = threads
    }
}
