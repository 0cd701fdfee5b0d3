import CPNG

/// PNG through libpng (the shim's `convsh_png_read`/`convsh_png_write`): the only file that imports CPNG.
///
/// Decoding gives the stored samples as TensorFlow's `decode_png` (with `dtype=uint16` for 16-bit files) does:
/// a palette expanded to RGB (its tRNS chunk to an alpha channel; a gray or RGB file's transparent colour is
/// ignored), 1/2/4-bit gray scaled to 8 bits, no gamma or colour conversion. Encoding writes no gamma chunk,
/// so every reader gets back the samples written.
///
/// Encoder settings, measured on a 1024x1024 8-bit feature map and photo (zlib 1.2.13, libpng 1.6.39): zlib
/// level 6 with adaptive filters (libpng's default) took 71–88 ms; libpng's simplified API with its FAST flag
/// (level 3, no filter) 17–20 ms; level 1 with no filter 10–16 ms; the run-length strategy with the Up filter
/// 8–9 ms and the smallest files of the fast settings (0.30–0.39 MB against 0.34–0.51 MB). That is the choice.
enum PNG {
    static let magic: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Decodes a whole PNG file: 1–4 channels of 8 or 16 bits. Checks the size against `Limits` from the
    /// header, before decoding.
    static func decode(_ bytes: [UInt8]) throws -> PixelImage {
        var info = convsh_png_info()
        return try bytes.withUnsafeBufferPointer { data in
            guard convsh_png_read(data.baseAddress, data.count, &info, nil, 0) != 0 else {
                throw OpError("not a valid PNG: \(message(&info))")
            }
            let width = Int(info.width), height = Int(info.height), channels = Int(info.channels)
            try Limits.checkImage(width: width, height: height, channels: channels)
            let count = width * height * channels
            if info.depth == 16 {
                let words = try read(data, count: count, of: UInt16.self, &info)
                return PixelImage(width: width, height: height, channels: channels, maxValue: 65535,
                                  samples: .words(words))
            }
            let bytes = try read(data, count: count, of: UInt8.self, &info)
            return PixelImage(width: width, height: height, channels: channels, maxValue: 255, samples: .bytes(bytes))
        }
    }

    private static func read<T: FixedWidthInteger>(_ data: UnsafeBufferPointer<UInt8>, count: Int, of: T.Type,
                                                   _ info: inout convsh_png_info) throws -> [T] {
        var ok = false
        let samples = [T](unsafeUninitializedCapacity: count) { out, initialized in
            ok = convsh_png_read(data.baseAddress, data.count, &info, out.baseAddress,
                                 count * MemoryLayout<T>.size) != 0
            initialized = count
        }
        guard ok else { throw OpError("corrupt PNG data: \(message(&info))") }
        return samples
    }

    private static func message(_ info: inout convsh_png_info) -> String {
        withUnsafeBytes(of: &info.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }

    // MARK: - Encoding

    /// Encodes 1–4 channels of 8-bit or 16-bit samples; or, with a `palette` (at most 256 colours), a one-channel
    /// image of 8-bit indices into it as an indexed-colour PNG, which every reader expands to those colours.
    static func encode(_ image: PixelImage, palette: [ColorMap.RGB]? = nil) throws -> [UInt8] {
        var info = convsh_png_info()
        var output: UnsafeMutablePointer<UInt8>?
        var size = 0
        defer { free(output) }
        let table = (palette ?? []).flatMap { [$0.r, $0.g, $0.b] }
        let status: Int32
        switch image.samples {
        case .bytes(let samples):
            status = samples.withUnsafeBytes { write($0, image, 8, table, &output, &size, &info) }
        case .words(let samples):
            status = samples.withUnsafeBytes { write($0, image, 16, table, &output, &size, &info) }
        }
        guard status != 0, let output else { throw OpError("PNG encoding failed: \(message(&info))") }
        return Array(UnsafeBufferPointer(start: output, count: size))
    }

    private static func write(_ samples: UnsafeRawBufferPointer, _ image: PixelImage, _ depth: UInt32,
                              _ palette: [UInt8], _ output: inout UnsafeMutablePointer<UInt8>?, _ size: inout Int,
                              _ info: inout convsh_png_info) -> Int32 {
        palette.withUnsafeBufferPointer { table in
            convsh_png_write(samples.baseAddress, UInt32(image.width), UInt32(image.height), UInt32(image.channels),
                             depth, table.baseAddress, UInt32(palette.count / 3), &output, &size, &info)
        }
    }
}
