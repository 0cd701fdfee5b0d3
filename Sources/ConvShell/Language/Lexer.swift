/// Reads the tokens of one line, on demand, in the mode the parser asks for.
///
/// The language has two lexical modes (LANGUAGE.md §2): in an expression `out/x.png` is a division, in command
/// form it is one bare word. The parser knows which mode it is in, so it asks either for the next expression
/// `token()` or for the next command-form `word()`; each byte is still read once (a `peek` re-reads one token).
/// The line is UTF-8 bytes without its line end; offsets into it become columns only in errors.
struct Lexer {
    let bytes: [UInt8]
    /// `$0`, `$1`, ...: the script (or `-c`), then its arguments.
    let scriptArguments: [String]
    var position = 0

    init(_ line: String, scriptArguments: [String] = []) {
        bytes = Array(line.utf8)
        self.scriptArguments = scriptArguments
    }

    func error(_ message: String, at offset: Int? = nil) -> SyntaxError {
        SyntaxError(message, at: offset ?? position, in: bytes)
    }

    var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    func byte(at offset: Int) -> UInt8? { offset < bytes.count ? bytes[offset] : nil }

    // MARK: - Spaces and statement ends

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (0x09...0x0D).contains(b) }
    static func isNameStart(_ b: UInt8) -> Bool { b == 0x5F || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) }
    static func isNameByte(_ b: UInt8) -> Bool { isNameStart(b) || isDigit(b) }
    static func isDigit(_ b: UInt8) -> Bool { (0x30...0x39).contains(b) }
    /// Letters, digits and `_`, not starting with a digit (`Registry.isValidName`, on bytes).
    static func isName(_ text: String) -> Bool {
        guard let first = text.utf8.first, isNameStart(first) else { return false }
        return text.utf8.allSatisfy(isNameByte)
    }

    /// Skips white space; true when there was some.
    @discardableResult
    mutating func skipSpaces() -> Bool {
        let start = position
        while let b = current, Lexer.isSpace(b) { position += 1 }
        return position > start
    }

    /// After `skipSpaces`: the end of the line, a `;` or a comment.
    var atStatementEnd: Bool { current == nil || current == UInt8(ascii: ";") || current == UInt8(ascii: "#") }

    /// Moves past the `;` that ends a statement, or to the end of the line after a comment.
    mutating func finishStatement() {
        if current == UInt8(ascii: ";") { position += 1 } else { position = bytes.count }
    }

    // MARK: - Expr tokens

    /// The next expression token, without moving past it.
    mutating func peek() throws -> Token {
        let saved = position
        defer { position = saved }
        return try token()
    }

    /// The next expression token.
    mutating func token() throws -> Token {
        let space = skipSpaces()
        let start = position
        func make(_ kind: Token.Kind) -> Token { Token(kind: kind, start: start, end: position, spaceBefore: space) }
        guard let b = current, !atStatementEnd else { return make(.end) }
        if Lexer.isDigit(b) || (b == UInt8(ascii: ".") && byte(at: position + 1).map(Lexer.isDigit) == true) {
            return make(.number(try number()))
        }
        if Lexer.isNameStart(b) {
            let name = identifier()
            switch name {
            case "inf": return make(.number(.infinity))
            case "nan": return make(.number(.nan))
            default: return make(.identifier(name))
            }
        }
        if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") { return make(.string(try quoted())) }
        if b == UInt8(ascii: "$") {
            // Outside quotes `$NAME` is the name, `$1` the script's argument (a number when it reads as one).
            switch try dollar() {
            case .variable(let name): return make(.identifier(name))
            case .text(let text): return make(Lexer.number(text).map(Token.Kind.number) ?? .string(StringLiteral(text)))
            }
        }
        for symbol in Symbol.byLength where matches(symbol.rawValue) {
            position += symbol.rawValue.utf8.count
            return make(.symbol(symbol))
        }
        if b == UInt8(ascii: "^") { throw error("'^' is not a power: use ** for powers") }
        throw error("unexpected '\(Lexer.character(at: position, in: bytes))'")
    }

    private func matches(_ text: String) -> Bool {
        var i = position
        for b in text.utf8 {
            guard i < bytes.count, bytes[i] == b else { return false }
            i += 1
        }
        return true
    }

    /// Letters, digits and `_` from here.
    mutating func identifier() -> String {
        let start = position
        while let b = current, Lexer.isNameByte(b) { position += 1 }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    /// `12`, `.5`, `1e-3`, `2.5E+4`; a letter or digit glued to it (`1x`, `0x10`) is an error.
    private mutating func number() throws -> Double {
        let start = position
        while let b = current, Lexer.isDigit(b) { position += 1 }
        if current == UInt8(ascii: "."), byte(at: position + 1) != UInt8(ascii: ".") {
            position += 1
            while let b = current, Lexer.isDigit(b) { position += 1 }
        }
        if let e = current, e | 0x20 == UInt8(ascii: "e") {
            var i = position + 1
            if let sign = byte(at: i), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { i += 1 }
            if let d = byte(at: i), Lexer.isDigit(d) {
                position = i
                while let b = current, Lexer.isDigit(b) { position += 1 }
            }
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        if let b = current, Lexer.isNameByte(b) || b == UInt8(ascii: ".") {
            while let b = current, Lexer.isNameByte(b) || b == UInt8(ascii: ".") { position += 1 }
            let word = String(decoding: bytes[start..<position], as: UTF8.self)
            throw error("bad number '\(SyntaxError.excerpt(word))'", at: start)
        }
        guard let value = Double(text) else { throw error("bad number '\(text)'", at: start) }
        return value
    }

    /// A decimal number as a whole word (`2`, `-0.5`, `1e-3`, `inf`, `nan`); nil for `1x`, `0x10`, `e`.
    static func number(_ word: String) -> Double? {
        let lower = word.lowercased()
        if ["inf", "+inf", "-inf", "nan"].contains(lower) { return Double(lower) }
        guard let first = word.first, first.isNumber || "+-.".contains(first),
              word.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }) else { return nil }
        return Double(word)
    }

    /// The character at byte `offset`, for messages (a whole UTF-8 sequence, not one byte of it).
    static func character(at offset: Int, in bytes: [UInt8]) -> String {
        var end = offset + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return String(decoding: bytes[offset..<end], as: UTF8.self)
    }
}
