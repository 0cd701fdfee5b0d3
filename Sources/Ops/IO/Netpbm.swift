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

    /// Decodes the first image of a PGM or PPM file held in memory to a float32 `[H,W,C]` tensor
    /// (`ImageToTensor`: `x / maxval`, channels as `options` ask).
    static func decode(_ bytes: [UInt8], _ options: LoadOptions) throws -> Tensor {
        var reader = NetpbmReader(bytes: bytes)
        return try decode(&reader, options)
    }

    /// Reads a PGM or PPM file straight into the tensor, whose first bytes `head` were already read: a band of
    /// rows at a time through a 1 MiB buffer, so the peak memory is the tensor's and about 2 MiB, never the
    /// file's.
    static func read(_ file: InputFile, head: [UInt8], _ options: LoadOptions) throws -> Tensor {
        var reader = NetpbmReader(file: file, head: head)
        return try decode(&reader, options)
    }

    /// The header, checked against `Limits` before the tensor is allocated, then the samples band by band.
    private static func decode(_ reader: inout NetpbmReader, _ options: LoadOptions) throws -> Tensor {
        var magic: [UInt8] = [0, 0]
        let got = try magic.withUnsafeMutableBytes { try reader.take(2, into: $0.baseAddress!) }
        guard got == 2, let kind = try kind(magic) else { throw OpError("not a Netpbm file") }
        let width = try reader.header("width"), height = try reader.header("height")
        let maxValue = try reader.header("maxval")
        guard width > 0, height > 0 else { throw OpError("bad Netpbm header: size \(width) x \(height)") }
        guard (1...65535).contains(maxValue) else {
            throw OpError("bad Netpbm header: maxval \(maxValue) is not in 1...65535")
        }
        try Limits.checkImage(width: width, height: height, channels: kind.channels)
        let count = width * height * kind.channels
        let wide = maxValue > 255
        /// A raw file whose samples end after `left` bytes.
        func truncated(_ left: Int) -> OpError {
            OpError("truncated Netpbm data: \(width) x \(height) x \(kind.channels) samples need "
                + "\(count * (wide ? 2 : 1)) bytes, the file holds \(left)")
        }
        if kind.plain {
            // Each plain sample takes at least one digit and one separator: refuse a short file before allocating.
            if let left = reader.remaining, left < 2 * count - 1 {
                throw OpError("truncated Netpbm data: \(width) x \(height) x \(kind.channels) plain samples cannot "
                    + "fit in the \(left) bytes left")
            }
        } else {
            try reader.delimiter()
            if let left = reader.remaining, left < count * (wide ? 2 : 1) { throw truncated(left) }
        }
        var tensor = try ImageToTensor.emptyTensor(height: height, width: width, channels: kind.channels, options)
        let rowSamples = width * kind.channels
        let bandRows = max(1, bandSamples / rowSamples)
        let outRow = tensor.count / height
        var band = Band()
        try tensor.withUnsafeMutableBufferPointer { out in
            for top in stride(from: 0, to: height, by: bandRows) {
                let rows = min(bandRows, height - top)
                try band.read(rows * rowSamples, first: top * rowSamples, of: count, kind, maxValue, &reader, truncated)
                let image = PixelImage(width: width, height: rows, channels: kind.channels, maxValue: maxValue,
                                       samples: band.samples(wide: wide))
                ImageToTensor.fill(UnsafeMutableBufferPointer(rebasing: out[(top * outRow)..<((top + rows) * outRow)]),
                                   from: image, options)
            }
        }
        return tensor
    }

    /// Samples converted per band of rows (a band holds at least one row).
    static let bandSamples = 1 << 18

    /// One band's samples, in buffers reused from band to band (so a large file allocates them once).
    private struct Band {
        private var bytes: [UInt8] = []
        private var words: [UInt16] = []

        /// The band's samples as read: `bytes` for maxval < 256, `words` otherwise.
        func samples(wide: Bool) -> PixelImage.Samples { wide ? .words(words) : .bytes(bytes) }

        /// Reads the next `n` samples, sample `first` of `count` being the first of them; each checked against
        /// maxval. A raw file that ends early throws `truncated(bytes of samples it holds)`.
        mutating func read(_ n: Int, first: Int, of count: Int, _ kind: Kind, _ maxValue: Int,
                           _ reader: inout NetpbmReader, _ truncated: (Int) -> OpError) throws {
            let wide = maxValue > 255
            if wide { resize(&words, n) } else { resize(&bytes, n) }
            if kind.plain {
                for i in 0..<n {
                    let sample = try reader.sample(maxValue, index: first + i, of: count)
                    if wide { words[i] = sample } else { bytes[i] = UInt8(sample) }
                }
                return
            }
            let width = wide ? 2 : 1
            resize(&bytes, n * width)
            let got = try bytes.withUnsafeMutableBytes { try reader.take($0.count, into: $0.baseAddress!) }
            guard got == n * width else { throw truncated(first * width + got) }
            if wide { for i in 0..<n { words[i] = UInt16(bytes[2 * i]) << 8 | UInt16(bytes[2 * i + 1]) } }
            let largest = wide ? words.max().map(Int.init) : bytes.max().map(Int.init)
            if let bad = largest, bad > maxValue {
                throw OpError("corrupt Netpbm data: sample \(bad) exceeds maxval \(maxValue)")
            }
        }

        /// `buffer` with exactly `count` elements, reusing its storage.
        private func resize<T: FixedWidthInteger>(_ buffer: inout [T], _ count: Int) {
            if buffer.count > count { buffer.removeLast(buffer.count - count) }
            if buffer.count < count { buffer.append(contentsOf: repeatElement(0, count: count - buffer.count)) }
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
