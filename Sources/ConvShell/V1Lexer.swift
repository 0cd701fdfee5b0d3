import Ops

/// Splits a line into tokens, one statement at a time.
struct V1Lexer {
    let text: [Character]
    let scriptArguments: [String]
    private var index = 0

    init(text: [Character], scriptArguments: [String]) {
        self.text = text
        self.scriptArguments = scriptArguments
    }

    /// The tokens up to the next `;`, a comment or the end of the line; nil when the line is used up.
    mutating func nextStatement() throws -> [V1Token]? {
        guard index < text.count else { return nil }
        var tokens: [V1Token] = []
        while true {
            skipSpaces()
            guard index < text.count, text[index] != "#" else { index = text.count; return tokens }
            if text[index] == ";" { index += 1; return tokens }
            tokens.append(try token())
        }
    }

    private mutating func skipSpaces() {
        while index < text.count, text[index].isWhitespace { index += 1 }
    }

    private static func isDelimiter(_ c: Character) -> Bool { c.isWhitespace || c == ";" }

    // MARK: - Tokens

    private mutating func token() throws -> V1Token {
        switch text[index] {
        case "\"", "'": return .quoted(try quoted())
        case "[": return .list(try list())
        case "]": throw OpError("unexpected ']'")
        case "=":
            index += 1
            return .equals
        default:
            let word = try expand(bareWord())
            if let equals = word.firstIndex(of: "="), equals != word.startIndex,
               Registry.isValidName(String(word[..<equals])) {
                let key = String(word[..<equals])
                let value = String(word[word.index(after: equals)...])
                if value.isEmpty, index < text.count, !V1Lexer.isDelimiter(text[index]) {
                    // `key="quoted"` or `key=[list]`: the value is the next token, glued to the `=`.
                    switch try token() {
                    case .quoted(let s): return .option(key: key, value: .quoted(s))
                    case .list(let l): return .option(key: key, value: l)
                    case let other: throw OpError("bad value for \(key)= : \(other.text)")
                    }
                }
                if value.isEmpty { throw OpError("missing value after '\(key)='") }
                if let n = V1Lexer.number(value) { return .option(key: key, value: .number(n)) }
                return .option(key: key, value: .word(value))
            }
            if let n = V1Lexer.number(word) { return .number(n) }
            return .word(word)
        }
    }

    /// A run of characters up to a delimiter, a quote or a bracket.
    private mutating func bareWord() -> String {
        let start = index
        while index < text.count, !V1Lexer.isDelimiter(text[index]), !"\"'[]".contains(text[index]) { index += 1 }
        return String(text[start..<index])
    }

    /// A string in single or double quotes; in double quotes `\"` and `\\` are escapes.
    private mutating func quoted() throws -> String {
        let quote = text[index]
        index += 1
        var value = ""
        while index < text.count, text[index] != quote {
            if quote == "\"", text[index] == "\\", index + 1 < text.count, "\"\\".contains(text[index + 1]) {
                index += 1
            }
            value.append(text[index])
            index += 1
        }
        guard index < text.count else { throw OpError("unterminated string: missing \(quote)") }
        index += 1
        return try expand(value)
    }

    /// Deepest nesting of a list literal (NumPy's limit on dimensions); deeper input would overflow the stack.
    static let maxListDepth = 32

    /// A nested list of numbers: `[[-1, 0, 1], [2 3 4]]` (commas or spaces between items).
    private mutating func list(depth: Int = 1) throws -> Syntax {
        guard depth <= V1Lexer.maxListDepth else {
            throw OpError("list nested more than \(V1Lexer.maxListDepth) deep")
        }
        index += 1  // the `[`
        var items: [Syntax] = []
        while true {
            while index < text.count, text[index].isWhitespace || text[index] == "," { index += 1 }
            guard index < text.count else { throw OpError("unterminated list: missing ]") }
            switch text[index] {
            case "]":
                index += 1
                return .list(items)
            case "[":
                items.append(try list(depth: depth + 1))
            default:
                let start = index
                while index < text.count, !text[index].isWhitespace, !",[]".contains(text[index]) { index += 1 }
                let item = try expand(String(text[start..<index]))
                guard let n = V1Lexer.number(item) else { throw OpError("list items must be numbers, got '\(item)'") }
                items.append(.number(n))
            }
        }
    }

    // MARK: - Numbers and script arguments

    /// A decimal number (`2`, `-0.5`, `.5`, `1e-3`, `inf`, `nan`); nil for anything else, such as `1x` or `0x10`.
    static func number(_ word: String) -> Double? {
        let lower = word.lowercased()
        if ["inf", "+inf", "-inf", "nan"].contains(lower) { return Double(lower) }
        guard let first = word.first, first.isNumber || "+-.".contains(first),
              word.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }) else { return nil }
        return Double(word)
    }

    /// `$0`…`$9` replaced by the script path and arguments, `${N:-DEFAULT}` by argument N or DEFAULT when it
    /// is not given; `$$` is a literal `$`.
    private func expand(_ word: String) throws -> String {
        guard word.contains("$") else { return word }
        var out = ""
        var characters = word[...]
        while let c = characters.popFirst() {
            guard c == "$", let next = characters.first else { out.append(c); continue }
            if next == "$" { out.append("$"); characters.removeFirst(); continue }
            if next == "{", let close = characters.firstIndex(of: "}") {
                let inside = characters[characters.index(after: characters.startIndex)..<close]
                characters = characters[characters.index(after: close)...]
                out += try defaulted(inside)
                continue
            }
            guard let digit = next.wholeNumberValue else { out.append(c); continue }
            characters.removeFirst()
            out += try argument(digit, fallback: nil)
        }
        return out
    }

    /// The inside of `${N}` or `${N:-DEFAULT}`.
    private func defaulted(_ inside: Substring) throws -> String {
        let parts = inside.split(separator: ":-", maxSplits: 1, omittingEmptySubsequences: false)
        guard let digit = Int(parts[0]), (0...9).contains(digit) else {
            throw OpError("bad substitution ${\(inside)}: expected ${N} or ${N:-DEFAULT} with N from 0 to 9")
        }
        return try argument(digit, fallback: parts.count == 2 ? String(parts[1]) : nil)
    }

    /// Script argument `digit` (`$0` is the script), else `fallback`, else an error.
    private func argument(_ digit: Int, fallback: String?) throws -> String {
        if digit < scriptArguments.count { return scriptArguments[digit] }
        if let fallback { return fallback }
        throw OpError("$\(digit) is not set (the script has \(max(scriptArguments.count - 1, 0)) argument(s))")
    }
}
