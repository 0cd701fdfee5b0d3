import CJPEG

/// JPEG through libjpeg-turbo's TurboJPEG API (2.1): the only file that imports CJPEG.
///
/// Decoding is TensorFlow's `decode_jpeg`: libjpeg-turbo with fancy upsampling, the accurate integer IDCT by
/// default (`dct_method="INTEGER_ACCURATE"`) or the fast one (`TJFLAG_FASTDCT`, TF's default); `gray` asks
/// libjpeg for its own luma plane (TF's `channels=1`). CMYK and YCCK files are converted to RGB as TF does.
enum JPEG {
    static let magic: [UInt8] = [0xFF, 0xD8, 0xFF]

    // MARK: - Decoding

    /// Decodes a whole JPEG file to 8-bit samples: 1 channel (gray file, or `gray` asked) or 3 (RGB).
    /// Checks the size against `Limits` from the header, before decoding.
    static func decode(_ bytes: [UInt8], _ options: LoadOptions) throws -> PixelImage {
        guard let handle = tjInitDecompress() else { throw OpError("cannot start the JPEG decoder") }
        defer { tjDestroy(handle) }
        return try bytes.withUnsafeBufferPointer { data in
            var width: Int32 = 0, height: Int32 = 0, subsampling: Int32 = 0, colorspace: Int32 = 0
            guard tjDecompressHeader3(handle, data.baseAddress, UInt(data.count), &width, &height, &subsampling,
                                      &colorspace) == 0 else {
                throw OpError("not a valid JPEG: \(message(handle))")
            }
            let isCMYK = colorspace == Int32(TJCS_CMYK.rawValue) || colorspace == Int32(TJCS_YCCK.rawValue)
            let isGray = options.color == .gray || (colorspace == Int32(TJCS_GRAY.rawValue) && options.color != .rgb)
            let format = isCMYK ? TJPF_CMYK : isGray ? TJPF_GRAY : TJPF_RGB
            let channels = Int(pixelSize(format))
            try Limits.checkImage(width: Int(width), height: Int(height), channels: isGray ? 1 : 3)
            let flags = TJFLAG_LIMITSCANS | (options.fastDCT ? TJFLAG_FASTDCT : TJFLAG_ACCURATEDCT)
            let count = Int(width) * Int(height) * channels
            var failure: String?
            let samples = [UInt8](unsafeUninitializedCapacity: count) { out, initialized in
                LargePages.advise(out.baseAddress, bytes: count)
                if tjDecompress2(handle, data.baseAddress, UInt(data.count), out.baseAddress, width, 0, height,
                                 format.rawValue, flags) != 0 {
                    failure = decodeFailure(handle)
                }
                initialized = count
            }
            if let failure { throw OpError(failure) }
            let image = PixelImage(width: Int(width), height: Int(height), channels: channels, maxValue: 255,
                                   samples: .bytes(samples))
            return isCMYK ? cmykToRGB(image, inverted: hasAdobeMarker(data)) : image
        }
    }

    private static func pixelSize(_ format: TJPF) -> Int32 {
        switch format {
        case TJPF_GRAY: return 1
        case TJPF_CMYK: return 4
        default: return 3
        }
    }

    /// The reason a decode failed, or nil for a warning that still left a whole image.
    ///
    /// NOTE: TurboJPEG returns -1 for warnings too. Like TensorFlow, a file whose data ends early is refused;
    /// "extraneous bytes before marker" (common in camera files, harmless) is accepted; any other corrupt-data
    /// warning is refused so that no half-decoded image is ever returned.
    private static func decodeFailure(_ handle: tjhandle) -> String? {
        let text = message(handle)
        if tjGetErrorCode(handle) == Int32(TJERR_WARNING.rawValue) && text.contains("extraneous bytes") { return nil }
        if text.contains("Premature end") { return "truncated JPEG data (\(text))" }
        return "corrupt JPEG data: \(text)"
    }

    private static func message(_ handle: tjhandle) -> String {
        String(cString: tjGetErrorStr2(handle))
    }

    // MARK: - CMYK

    /// True when the file has Adobe's APP14 marker, whose CMYK samples are stored inverted.
    static func hasAdobeMarker(_ data: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 2
        while i + 4 <= data.count, data[i] == 0xFF {
            let marker = data[i + 1]
            if marker == 0xDA || marker == 0xD9 { return false }
            let length = Int(data[i + 2]) << 8 | Int(data[i + 3])
            if marker == 0xEE, length >= 7, i + 9 <= data.count,
               Array(data[(i + 4)..<(i + 9)]) == Array("Adobe".utf8) {
                return true
            }
            i += 2 + length
        }
        return false
    }

    /// CMYK to RGB as TensorFlow's `decode_jpeg` does it: `r = c·k/255` for Adobe's inverted samples, else
    /// `r = (255−c)(255−k)/255` (integer division), likewise g from m and b from y.
    static func cmykToRGB(_ image: PixelImage, inverted: Bool) -> PixelImage {
        guard case .bytes(let cmyk) = image.samples else { return image }
        let pixels = image.width * image.height
        let rgb = [UInt8](unsafeUninitializedCapacity: pixels * 3) { out, initialized in
            for p in 0..<pixels {
                let k = Int(cmyk[p * 4 + 3])
                for c in 0..<3 {
                    let v = Int(cmyk[p * 4 + c])
                    out[p * 3 + c] = UInt8(inverted ? v * k / 255 : (255 - v) * (255 - k) / 255)
                }
            }
            initialized = pixels * 3
        }
        return PixelImage(width: image.width, height: image.height, channels: 3, maxValue: 255, samples: .bytes(rgb))
    }

    // MARK: - Encoding

    /// Encodes 8-bit gray or RGB samples at `quality` (1...100): 4:4:4 chroma from quality 90 up, else 4:2:0
    /// (ImageMagick's rule: little colour is lost where little is lost anyway).
    static func encode(_ image: PixelImage, quality: Int) throws -> [UInt8] {
        guard case .bytes(let samples) = image.samples, image.channels == 1 || image.channels == 3 else {
            throw OpError("a JPEG holds 8-bit gray or RGB")
        }
        guard let handle = tjInitCompress() else { throw OpError("cannot start the JPEG encoder") }
        defer { tjDestroy(handle) }
        let gray = image.channels == 1
        let subsampling = gray ? TJSAMP_GRAY : quality >= 90 ? TJSAMP_444 : TJSAMP_420
        var output: UnsafeMutablePointer<UInt8>?
        var size: UInt = 0
        defer { tjFree(output) }
        let status = samples.withUnsafeBufferPointer { data in
            tjCompress2(handle, data.baseAddress, Int32(image.width), 0, Int32(image.height),
                        (gray ? TJPF_GRAY : TJPF_RGB).rawValue, &output, &size, Int32(subsampling.rawValue),
                        Int32(quality), TJFLAG_ACCURATEDCT)
        }
        guard status == 0, let output else { throw OpError("JPEG encoding failed: \(message(handle))") }
        return Array(UnsafeBufferPointer(start: output, count: Int(size)))
    }
}
