/// Quoted strings, command-form bare words and `$` interpolation (LANGUAGE.md §3, "Interpolation").
///
/// - `"..."` expands `$NAME`, `${NAME}` (read when the statement runs) and the script's `$0`…`$9`,
///   `${N:-DEFAULT}` (replaced now); `\"` and `\\` are escapes; `$$` is a `$`.
/// - `'...'` is literal: it expands nothing and has no escapes.
/// - A bare word runs to white space, `;`, a quote, a bracket or a parenthesis; `\` makes the next character
///   literal (`a\ b.png` is one word); it expands `$` like a double-quoted string.
extension Lexer {
    /// A string in single or double quotes, starting at the quote.
    mutating func quoted() throws -> StringLiteral {
        let start = position
        let quote = bytes[position]
        position += 1
        var builder = PartsBuilder()
        while let b = current, b != quote {
            if quote == UInt8(ascii: "\"") {
                if b == UInt8(ascii: "\\"), let next = byte(at: position + 1),
                   next == UInt8(ascii: "\"") || next == UInt8(ascii: "\\") {
                    builder.append(byte: next)
                    position += 2
                    continue
                }
                if b == UInt8(ascii: "$") { builder.append(try dollar()); continue }
            }
            builder.append(byte: b)
            position += 1
        }
        guard current == quote else {
            throw error("unterminated string: missing \(quote == UInt8(ascii: "\"") ? "\"" : "'")", at: start)
        }
        position += 1
        return builder.literal
    }

    /// Bytes that end a bare word.
    static func endsWord(_ b: UInt8) -> Bool {
        isSpace(b) || ";\"'[]()".utf8.contains(b)
    }

    /// A bare command-form word from here (possibly empty), and whether any of it was quoted by `\`.
    mutating func word() throws -> (literal: StringLiteral, escaped: Bool) {
        var builder = PartsBuilder()
        var escaped = false
        while let b = current, !Lexer.endsWord(b) {
            if b == UInt8(ascii: "\\"), let next = byte(at: position + 1) {
                builder.append(byte: next)
                escaped = true
                position += 2
            } else if b == UInt8(ascii: "$") {
                builder.append(try dollar())
            } else {
                builder.append(byte: b)
                position += 1
            }
        }
        return (builder.literal, escaped)
    }

    /// What a `$` at the current position stands for; moves past it.
    mutating func dollar() throws -> StringLiteral.Part {
        let start = position
        position += 1
        guard let next = current else { return .text("$") }
        if next == UInt8(ascii: "$") { position += 1; return .text("$") }
        if Lexer.isDigit(next) {
            position += 1
            return .text(try argument(Int(next - 0x30), fallback: nil, at: start))
        }
        if Lexer.isNameStart(next) { return .variable(identifier()) }
        guard next == UInt8(ascii: "{") else { return .text("$") }
        guard let close = bytes[position...].firstIndex(of: UInt8(ascii: "}")) else {
            throw error("bad substitution: missing '}'", at: start)
        }
        let inside = String(decoding: bytes[(position + 1)..<close], as: UTF8.self)
        position = close + 1
        if Lexer.isName(inside) { return .variable(inside) }
        let parts = inside.split(separator: ":-", maxSplits: 1, omittingEmptySubsequences: false)
        guard let digit = Int(parts[0]), (0...9).contains(digit) else {
            throw error("bad substitution ${\(SyntaxError.excerpt(inside))}: expected ${NAME}, ${N} or ${N:-DEFAULT} "
                + "with N from 0 to 9", at: start)
        }
        return .text(try argument(digit, fallback: parts.count == 2 ? String(parts[1]) : nil, at: start))
    }

    /// Script argument `digit` (`$0` is the script), else `fallback`, else an error.
    private func argument(_ digit: Int, fallback: String?, at offset: Int) throws -> String {
        if digit < scriptArguments.count { return scriptArguments[digit] }
        if let fallback { return fallback }
        throw error("$\(digit) is not set (the script has \(max(scriptArguments.count - 1, 0)) argument(s))", at: offset)
    }
}

/// Collects literal bytes and `$NAME` parts into a `StringLiteral`.
struct PartsBuilder {
    private var parts: [StringLiteral.Part] = []
    private var pending: [UInt8] = []

    mutating func append(byte: UInt8) { pending.append(byte) }

    mutating func append(_ part: StringLiteral.Part) {
        switch part {
        case .text(let text): pending += Array(text.utf8)
        case .variable:
            flush()
            parts.append(part)
        }
    }

    private mutating func flush() {
        if !pending.isEmpty { parts.append(.text(String(decoding: pending, as: UTF8.self))) }
        pending = []
    }

    var literal: StringLiteral {
        mutating get {
            flush()
            return StringLiteral(parts)
        }
    }
}
