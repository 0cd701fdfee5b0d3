/// The bytes of a Netpbm file as its decoder walks them: a whole file in memory, or a file read a buffer at a
/// time (`bufferSize`), so that decoding needs the tensor and this buffer, never the whole file.
///
/// Header numbers and plain samples are parsed from it byte by byte (whitespace and `#` comments skipped;
/// numbers saturate at 2^40, so a run of digits cannot overflow); raw samples are copied out in bulk (`take`).
struct NetpbmReader {
    /// Bytes read from a file at a time.
    static let bufferSize = 1 << 20

    /// Bytes `position..<end` of `buffer` are still to be walked.
    private var buffer: [UInt8]
    private var position = 0
    private var end: Int
    /// Bytes of the file that came before `buffer[0]`.
    private var dropped = 0
    private let file: InputFile?

    /// A reader of `bytes`, the whole file.
    init(bytes: [UInt8]) {
        buffer = bytes
        end = bytes.count
        file = nil
    }

    /// A reader of `file`, whose first bytes `head` were already read from it.
    init(file: InputFile, head: [UInt8]) {
        buffer = head
        end = head.count
        self.file = file
    }

    /// Bytes of the file before the next one.
    var offset: Int { dropped + position }

    /// Bytes left after `offset`, when the file's size is known (nil for a pipe).
    var remaining: Int? {
        guard let file else { return end - position }
        return file.size.map { $0 - offset }
    }

    /// The next byte without taking it; nil at the end of the file. Refills the one buffer from the file.
    mutating func peek() throws -> UInt8? {
        if position == end, let file {
            dropped += end
            if buffer.count < NetpbmReader.bufferSize { buffer = [UInt8](repeating: 0, count: NetpbmReader.bufferSize) }
            end = try buffer.withUnsafeMutableBytes { try file.read(into: $0.baseAddress!, count: $0.count) }
            position = 0
        }
        return position < end ? buffer[position] : nil
    }

    /// Copies up to `count` bytes to `target`, fewer only at the end of the file; returns how many.
    mutating func take(_ count: Int, into target: UnsafeMutableRawPointer) throws -> Int {
        let buffered = min(count, end - position)
        buffer.withUnsafeBytes { target.copyMemory(from: $0.baseAddress! + position, byteCount: buffered) }
        position += buffered
        guard buffered < count, let file else { return buffered }
        let direct = try file.read(into: target + buffered, count: count - buffered)
        dropped += direct
        return buffered + direct
    }

    // MARK: - Header and plain samples

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (0x09...0x0D).contains(b) }

    /// Skips a `#` comment, which runs to the next CR or LF.
    private mutating func skipComment() throws {
        while let b = try peek(), b != 0x0A, b != 0x0D { position += 1 }
    }

    /// Skips whitespace and comments.
    mutating func skipSpace() throws {
        while let b = try peek() {
            if b == UInt8(ascii: "#") {
                try skipComment()
            } else if NetpbmReader.isSpace(b) {
                position += 1
            } else {
                return
            }
        }
    }

    /// The next decimal number, or nil at the end of the data or before a non-digit.
    mutating func number() throws -> Int? {
        try skipSpace()
        var value = 0, digits = 0
        while let b = try peek(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) {
            value = min(value * 10 + Int(b - UInt8(ascii: "0")), 1 << 40)
            position += 1
            digits += 1
        }
        return digits > 0 ? value : nil
    }

    mutating func header(_ field: String) throws -> Int {
        guard let n = try number() else {
            throw OpError(try peek() == nil ? "truncated Netpbm header (no \(field))"
                : "bad Netpbm header: \(field) is not a number")
        }
        guard n <= Int(Int32.max) else { throw OpError("bad Netpbm header: \(field) is over \(Int32.max)") }
        return n
    }

    /// The single whitespace character (or comment ending in one) between a raw header and its samples.
    mutating func delimiter() throws {
        if try peek() == UInt8(ascii: "#") { try skipComment() }
        guard let b = try peek(), NetpbmReader.isSpace(b) else {
            throw OpError(try peek() == nil ? "truncated Netpbm data (no samples)"
                : "bad Netpbm header: no whitespace after maxval")
        }
        position += 1
    }

    mutating func sample(_ maxValue: Int, index: Int, of count: Int) throws -> UInt16 {
        guard let n = try number() else {
            throw OpError(try peek() == nil ? "truncated Netpbm data: \(index) of \(count) samples"
                : "corrupt Netpbm data: sample \(index + 1) is not a number")
        }
        guard n <= maxValue else { throw OpError("corrupt Netpbm data: sample \(n) exceeds maxval \(maxValue)") }
        return UInt16(n)
    }
}
