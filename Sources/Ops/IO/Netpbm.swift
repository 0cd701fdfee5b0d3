/// Netpbm gray and colour maps: PGM (`P2` plain, `P5` raw) and PPM (`P3` plain, `P6` raw), per netpbm.sourceforge.net.
///
/// Header: the magic, then width, height and maxval as ASCII decimals separated by whitespace, where `#` starts
/// a comment that runs to the end of the line (and counts as whitespace); raw files then have exactly one
/// whitespace character before the samples. maxval is 1...65535; raw samples are 1 byte when maxval < 256,
/// else 2 bytes, most significant first. A sample `x` means `x / maxval`. Only the first image of a file is read.
enum Netpbm {
    /// `P2`, `P3`, `P5`, `P6`: plain or raw, gray or colour.
    struct Kind {
        let plain: Bool, channels: Int
    }

    /// The kind that the bytes `P<digit>` name, nil for other bytes; throws for Netpbm kinds we do not read.
    static func kind(_ bytes: [UInt8]) throws -> Kind? {
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "P") else { return nil }
        switch bytes[1] {
        case UInt8(ascii: "2"): return Kind(plain: true, channels: 1)
        case UInt8(ascii: "3"): return Kind(plain: true, channels: 3)
        case UInt8(ascii: "5"): return Kind(plain: false, channels: 1)
        case UInt8(ascii: "6"): return Kind(plain: false, channels: 3)
        case UInt8(ascii: "1"), UInt8(ascii: "4"):
            throw OpError("a PBM bitmap (P1/P4), which load does not read; convert it to PGM (pbmtopgm)")
        case UInt8(ascii: "7"): throw OpError("a PAM file (P7), which load does not read; convert it to PGM or PPM")
        case UInt8(ascii: "F"), UInt8(ascii: "f"): throw OpError("a PFM float map (PF/Pf), which load does not read")
        default: return nil
        }
    }

    // MARK: - Reading

    /// Decodes the first image of a PGM or PPM file. Checks the size against `Limits` before reading samples.
    static func decode(_ bytes: [UInt8]) throws -> PixelImage {
        guard let kind = try kind(bytes) else { throw OpError("not a Netpbm file") }
        var reader = Reader(bytes: bytes, offset: 2)
        let width = try reader.header("width"), height = try reader.header("height")
        let maxValue = try reader.header("maxval")
        guard width > 0, height > 0 else { throw OpError("bad Netpbm header: size \(width) x \(height)") }
        guard (1...65535).contains(maxValue) else {
            throw OpError("bad Netpbm header: maxval \(maxValue) is not in 1...65535")
        }
        try Limits.checkImage(width: width, height: height, channels: kind.channels)
        let count = width * height * kind.channels
        let wide = maxValue > 255
        if kind.plain {
            // Each plain sample takes at least one digit and one separator: refuse a short file before allocating.
            guard bytes.count - reader.offset >= 2 * count - 1 else {
                throw OpError("truncated Netpbm data: \(width) x \(height) x \(kind.channels) plain samples cannot "
                    + "fit in the \(bytes.count - reader.offset) bytes left")
            }
            var samples = [UInt16](repeating: 0, count: count)
            for i in 0..<count { samples[i] = try reader.sample(maxValue, index: i, of: count) }
            return PixelImage(width: width, height: height, channels: kind.channels, maxValue: maxValue,
                              samples: wide ? .words(samples) : .bytes(samples.map { UInt8($0) }))
        }
        try reader.delimiter()
        let needed = count * (wide ? 2 : 1)
        guard bytes.count - reader.offset >= needed else {
            throw OpError("truncated Netpbm data: \(width) x \(height) x \(kind.channels) samples need \(needed) "
                + "bytes, the file holds \(bytes.count - reader.offset)")
        }
        let start = reader.offset
        let samples: PixelImage.Samples = wide
            ? .words((0..<count).map { UInt16(bytes[start + 2 * $0]) << 8 | UInt16(bytes[start + 2 * $0 + 1]) })
            : .bytes(Array(bytes[start..<(start + count)]))
        if let bad = largest(samples), bad > maxValue {
            throw OpError("corrupt Netpbm data: sample \(bad) exceeds maxval \(maxValue)")
        }
        return PixelImage(width: width, height: height, channels: kind.channels, maxValue: maxValue, samples: samples)
    }

    private static func largest(_ samples: PixelImage.Samples) -> Int? {
        switch samples {
        case .bytes(let s): return s.max().map(Int.init)
        case .words(let s): return s.max().map(Int.init)
        }
    }

    /// Reads header numbers and plain samples, skipping whitespace and comments. Numbers saturate at 2^40, so
    /// a run of digits cannot overflow.
    struct Reader {
        let bytes: [UInt8]
        var offset: Int

        private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (0x09...0x0D).contains(b) }

        /// Skips whitespace and `#` comments (a comment runs to the next CR or LF).
        mutating func skipSpace() {
            while offset < bytes.count {
                if bytes[offset] == UInt8(ascii: "#") {
                    while offset < bytes.count, bytes[offset] != 0x0A, bytes[offset] != 0x0D { offset += 1 }
                } else if Reader.isSpace(bytes[offset]) {
                    offset += 1
                } else {
                    return
                }
            }
        }

        /// The next decimal number, or nil at the end of the data or before a non-digit.
        mutating func number() -> Int? {
            skipSpace()
            var value = 0, digits = 0
            while offset < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[offset]) {
                value = min(value * 10 + Int(bytes[offset] - UInt8(ascii: "0")), 1 << 40)
                offset += 1
                digits += 1
            }
            return digits > 0 ? value : nil
        }

        mutating func header(_ field: String) throws -> Int {
            guard let n = number() else {
                throw OpError(offset >= bytes.count ? "truncated Netpbm header (no \(field))"
                    : "bad Netpbm header: \(field) is not a number")
            }
            guard n <= Int(Int32.max) else { throw OpError("bad Netpbm header: \(field) is over \(Int32.max)") }
            return n
        }

        /// The single whitespace character (or comment ending in one) between a raw header and its samples.
        mutating func delimiter() throws {
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "#") {
                while offset < bytes.count, bytes[offset] != 0x0A, bytes[offset] != 0x0D { offset += 1 }
            }
            guard offset < bytes.count, Reader.isSpace(bytes[offset]) else {
                throw OpError(offset >= bytes.count ? "truncated Netpbm data (no samples)"
                    : "bad Netpbm header: no whitespace after maxval")
            }
            offset += 1
        }

        mutating func sample(_ maxValue: Int, index: Int, of count: Int) throws -> UInt16 {
            guard let n = number() else {
                throw OpError(offset >= bytes.count ? "truncated Netpbm data: \(index) of \(count) samples"
                    : "corrupt Netpbm data: sample \(index + 1) is not a number")
            }
            guard n <= maxValue else { throw OpError("corrupt Netpbm data: sample \(n) exceeds maxval \(maxValue)") }
            return UInt16(n)
        }
    }

    // MARK: - Writing

    /// Encodes raw PGM (1 channel) or PPM (3 channels), maxval 255 or 65535 as the image's samples are.
    static func encode(_ image: PixelImage) throws -> [UInt8] {
        guard image.channels == 1 || image.channels == 3 else { throw OpError("Netpbm holds gray or RGB") }
        var bytes = Array("P\(image.channels == 1 ? 5 : 6)\n\(image.width) \(image.height)\n\(image.maxValue)\n".utf8)
        switch image.samples {
        case .bytes(let samples):
            bytes += samples
        case .words(let samples):
            bytes.reserveCapacity(bytes.count + 2 * samples.count)
            for s in samples { bytes.append(UInt8(s >> 8)); bytes.append(UInt8(s & 0xFF)) }
        }
        return bytes
    }
}
