/// One token of an expression, with where it stands in its line (byte offsets, for columns in errors).
struct Token: Equatable {
    enum Kind: Equatable {
        case number(Double)
        /// A name or keyword (`img`, `and`, `for`); `$NAME` outside quotes is the name too.
        case identifier(String)
        case string(StringLiteral)
        case symbol(Symbol)
        /// The statement is over: the end of the line, a `;` or a `#` comment.
        case end
    }

    let kind: Kind
    /// Byte offsets of the token in its line: `start..<end`.
    let start: Int
    let end: Int
    /// Whether white space comes right before the token (`maps[0]` indexes, `show [1,2]` is a list).
    let spaceBefore: Bool

    var identifier: String? {
        if case .identifier(let name) = kind { return name }
        return nil
    }

    func isSymbol(_ symbol: Symbol) -> Bool { kind == .symbol(symbol) }
}

/// The punctuation of expressions.
enum Symbol: String, CaseIterable {
    case power = "**", lessEqual = "<=", greaterEqual = ">=", equal = "==", notEqual = "!=", ellipsis = "..."
    case plus = "+", minus = "-", star = "*", slash = "/", percent = "%", less = "<", greater = ">"
    case assign = "=", openParen = "(", closeParen = ")", openBracket = "[", closeBracket = "]"
    case comma = ",", colon = ":", dot = "."

    /// Longest first, so that `**` is never read as two `*`.
    static let byLength: [Symbol] = allCases.sorted { $0.rawValue.utf8.count > $1.rawValue.utf8.count }
}

/// A quoted string or a bare command-form word, as parts: literal text and `$NAME` references that are read
/// when the statement runs. Script arguments (`$1`, `${2:-x}`) are already replaced when the line is lexed.
struct StringLiteral: Equatable {
    enum Part: Equatable {
        case text(String)
        case variable(String)
    }

    var parts: [Part]

    init(_ parts: [Part]) { self.parts = parts }
    init(_ text: String) { parts = text.isEmpty ? [] : [.text(text)] }

    /// The text when nothing in it is read at run time.
    var constant: String? {
        if parts.isEmpty { return "" }
        if parts.count == 1, case .text(let text) = parts[0] { return text }
        return nil
    }
}
