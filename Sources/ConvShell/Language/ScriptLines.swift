/// A script's text as lines: `\n`, `\r\n` (Windows) and a lone `\r` (old Mac) all end a line.
///
/// In Swift `"\r\n"` is one `Character`, so splitting a `String` on `"\n"` leaves a CRLF file as one line;
/// splitting the UTF-8 bytes does not. Each line must be valid UTF-8; a bad byte is reported by its line.
enum ScriptLines {
    /// The lines of `bytes`, without their line ends (a final line end makes no empty last line).
    static func split(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = 0, i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0A || b == 0x0D {
                lines.append(bytes[start..<i])
                if b == 0x0D, i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
                start = i + 1
            }
            i += 1
        }
        if start < bytes.count { lines.append(bytes[start...]) }
        return lines
    }

    /// The lines as strings; throws naming the first line that is not valid UTF-8 (1-based) and its column.
    static func decode(_ bytes: [UInt8], file: String) throws -> [String] {
        try split(bytes).enumerated().map { number, line in
            guard let text = String(validating: line, as: UTF8.self) else {
                throw ScriptError(location: SourceLocation(file: file, line: number + 1),
                                  message: "not valid UTF-8 (byte \(badByte(line) + 1) of the line)")
            }
            return text
        }
    }

    /// The offset of the first byte that does not decode.
    private static func badByte(_ line: ArraySlice<UInt8>) -> Int {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = line.makeIterator()
        var offset = 0
        while case .valid(let scalar) = parser.parseScalar(from: &iterator) { offset += scalar.count }
        return offset
    }
}
