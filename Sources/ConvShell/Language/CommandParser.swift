/// Command form: `[NAME =] COMMAND ARG... key=value...` (LANGUAGE.md §2, version 1 unchanged).
///
/// An argument is a bare word (a variable's name, a path, a choice word: the evaluator decides), a number, a
/// quoted string, a list literal (with a space before `[`), a name glued to `[` (an index: `maps[..., 3]`), or
/// anything in parentheses that could stand right of `=` (`(d / max(d))`, `(kernel sobel_x)`). `key=value`
/// is an option whose value is any of those.
extension Parser {
    /// The command `name` starting at byte `start`, with its arguments up to the end of the statement or a `)`.
    mutating func command(named name: String, at start: Int) throws -> Command {
        lexer.position = start + name.utf8.count
        let column = SyntaxError.column(of: start, in: lexer.bytes)
        var arguments: [ArgumentNode] = []
        while true {
            lexer.skipSpaces()
            if lexer.atStatementEnd || lexer.current == UInt8(ascii: ")") { break }
            arguments.append(try commandArgument())
        }
        return Command(name: name, arguments: arguments, column: column)
    }

    private mutating func commandArgument() throws -> ArgumentNode {
        var key: String?
        if let b = lexer.current, Lexer.isNameStart(b) {
            let saved = lexer.position
            let name = lexer.identifier()
            if lexer.current == UInt8(ascii: "="), lexer.byte(at: lexer.position + 1) != UInt8(ascii: "=") {
                lexer.position += 1
                guard let next = lexer.current, !Lexer.isSpace(next), next != UInt8(ascii: ";") else {
                    throw lexer.error("missing value after '\(name)='")
                }
                key = name
            } else {
                lexer.position = saved
            }
        }
        let start = lexer.position
        let value = try commandValue()
        return ArgumentNode(key: key, value: value, text: text(from: start))
    }

    private mutating func commandValue() throws -> Expr {
        let b = lexer.current!
        switch b {
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            return .string(try lexer.quoted())
        case UInt8(ascii: "["):
            return try list(from: try lexer.token())
        case UInt8(ascii: "("):
            let open = try lexer.token()
            try nest()
            defer { depth -= 1 }
            lexer.skipSpaces()
            if lexer.current == UInt8(ascii: ")") { throw lexer.error("expected an expression or a command in '()'") }
            let inner = try rightSide()
            try expect(.closeParen, opening: open)
            return inner
        case UInt8(ascii: "]"), UInt8(ascii: ")"):
            throw lexer.error("unexpected '\(Character(UnicodeScalar(b)))'")
        default:
            let (literal, escaped) = try lexer.word()
            if !escaped, let text = literal.constant {
                if let n = Lexer.number(text) { return .number(n) }
                if Lexer.isName(text), lexer.current == UInt8(ascii: "[") {
                    let open = try lexer.token()
                    return .index(.name(text), try indexItems(open: open))
                }
            }
            return .word(literal)
        }
    }
}
