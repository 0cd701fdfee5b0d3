/// Reads one line into statements (LANGUAGE.md §2); each line is lexed and parsed once.
///
/// A line holds statements separated by `;`; `#` at the start of a token begins a comment. A statement is a
/// block word (`for`, `parallel for`, `if`, `else`, `end`, `break`, `continue`, `def`), an assignment
/// `NAME = RHS`, or a bare `RHS`, optionally after `time`. The right side is in command form when it starts with
/// a word that names a command (`isCommand`: an op, a defined command, a shell word) not followed by `(`, or with
/// a word that is followed by a space and something that cannot continue an expression (`conv img k`, so that
/// the evaluator can say "unknown command 'conv'; did you mean conv2d?"). Everything else is an expression.
struct Parser {
    var lexer: Lexer
    /// Whether a bare word names something run in command form.
    let isCommand: (String) -> Bool
    /// Current nesting of brackets, calls and operators (`nest()`).
    var depth = 0

    /// Most `time` prefixes a statement may carry (`time time ... x` 30,000 deep is refused, not a crash).
    static let maxTimePrefixes = 8

    /// Words of the language that are not shell words or ops; no variable may take these names either.
    static let keywords: Set<String> = ["for", "parallel", "in", "if", "else", "break", "continue", "and", "or", "not"]
    /// Keywords that are operators inside expressions.
    static let operatorWords: Set<String> = ["and", "or", "not", "in"]

    init(_ line: String, scriptArguments: [String] = [], isCommand: @escaping (String) -> Bool) {
        lexer = Lexer(line, scriptArguments: scriptArguments)
        self.isCommand = isCommand
    }

    /// Every statement on `line`.
    static func parse(_ line: String, scriptArguments: [String] = [],
                      isCommand: @escaping (String) -> Bool) throws -> [ParsedStatement] {
        var parser = Parser(line, scriptArguments: scriptArguments, isCommand: isCommand)
        var statements: [ParsedStatement] = []
        while let statement = try parser.statement() { statements.append(statement) }
        return statements
    }

    /// The next statement, nil at the end of the line; empty statements (`;;`) are skipped.
    mutating func statement() throws -> ParsedStatement? {
        while true {
            lexer.skipSpaces()
            guard let b = lexer.current, b != UInt8(ascii: "#") else { return nil }
            if b == UInt8(ascii: ";") { lexer.position += 1; continue }
            break
        }
        var parsed = ParsedStatement(statement: .end)
        var prefixes = 0
        // `time time ... STATEMENT`, read in a loop: no recursion per prefix.
        while try wordAhead() == "time", try !followedByAssignmentOrEnd(afterWord: "time") {
            guard prefixes < Parser.maxTimePrefixes else {
                throw lexer.error("more than \(Parser.maxTimePrefixes) 'time' prefixes", at: try lexer.peek().start)
            }
            _ = try lexer.token()
            prefixes += 1
            parsed.isTimed = true
        }
        parsed.statement = try body()
        lexer.skipSpaces()
        guard lexer.atStatementEnd else {
            let token = try lexer.peek()
            throw lexer.error("unexpected \(describe(token))", at: token.start)
        }
        lexer.finishStatement()
        return parsed
    }

    private mutating func body() throws -> Statement {
        let word = try wordAhead()
        switch word {
        case "for": _ = try lexer.token(); return try loop(parallel: false)
        case "parallel":
            _ = try lexer.token()
            guard try lexer.token().identifier == "for" else { throw lexer.error("expected 'for' after 'parallel'") }
            return try loop(parallel: true)
        case "if":
            _ = try lexer.token()
            return .conditional(try expression())
        case "else", "end", "break", "continue":
            _ = try lexer.token()
            lexer.skipSpaces()
            guard lexer.atStatementEnd else { throw lexer.error("'\(word!)' takes nothing after it") }
            return ["else": .otherwise, "end": .end, "break": .breakLoop, "continue": .continueLoop][word!]!
        case "def":
            _ = try lexer.token()
            return try definition()
        default: break
        }
        let start = lexer.position
        if let name = try lexer.peek().identifier, try keyBeforeEquals() != nil {
            let column = SyntaxError.column(of: start, in: lexer.bytes)
            lexer.skipSpaces()
            guard !lexer.atStatementEnd else { throw lexer.error("expected a value after '\(name) ='") }
            return .assign(name, try rightSide(), column: column)
        }
        return .evaluate(try rightSide())
    }

    /// The identifier the next token is, if it is one.
    private mutating func wordAhead() throws -> String? { try lexer.peek().identifier }

    /// After `word`: `=` (`time = 3` binds, refused later) or nothing (`time` alone is a usage error).
    private mutating func followedByAssignmentOrEnd(afterWord word: String) throws -> Bool {
        let saved = lexer.position
        defer { lexer.position = saved }
        _ = try lexer.token()
        let next = try lexer.peek()
        return next.kind == .end || next.isSymbol(.assign)
    }

    /// `for NAME in EXPR`, after `for`.
    private mutating func loop(parallel: Bool) throws -> Statement {
        let name = try lexer.token()
        guard let variable = name.identifier, !Parser.keywords.contains(variable) else {
            throw lexer.error("expected a name after 'for'", at: name.start)
        }
        guard try lexer.token().identifier == "in" else { throw lexer.error("expected 'in' after 'for \(variable)'") }
        return .loop(variable: variable, over: try expression(), parallel: parallel)
    }

    /// `def NAME PARAM...`, after `def`: words, checked as names by the session (`'2x' is not a valid name`).
    private mutating func definition() throws -> Statement {
        var names: [String] = []
        while true {
            lexer.skipSpaces()
            if lexer.atStatementEnd { break }
            let start = lexer.position
            let (word, _) = try lexer.word()
            guard let name = word.constant, !name.isEmpty else {
                throw lexer.error("def: expected a name (usage: def NAME [PARAM ...])", at: start)
            }
            names.append(name)
        }
        guard let name = names.first else { throw lexer.error("usage: def NAME [PARAM ...], then the statements, then end") }
        return .define(name, Array(names.dropFirst()))
    }

    // MARK: - The right side: command form or expression

    /// What stands right of `=`, or a whole statement.
    mutating func rightSide() throws -> Expr {
        if let (name, start) = try commandAhead() { return .command(try command(named: name, at: start)) }
        return try expression()
    }

    /// The command word starting here, when the right side is in command form (the word is not consumed).
    private mutating func commandAhead() throws -> (name: String, start: Int)? {
        lexer.skipSpaces()
        let start = lexer.position
        guard let b = lexer.current, Lexer.isNameStart(b) else { return nil }
        defer { lexer.position = start }
        let name = lexer.identifier()
        guard let after = lexer.current else { return isCommand(name) ? (name, start) : nil }
        if after == UInt8(ascii: "(") || Parser.keywords.contains(name) { return nil }
        if isCommand(name) {
            // `relu.x`, `relu[0]`, `relu=`: not a command word.
            return Lexer.isSpace(after) || after == UInt8(ascii: ";") ? (name, start) : nil
        }
        guard lexer.skipSpaces(), let next = lexer.current, !lexer.atStatementEnd else { return nil }
        if Lexer.isNameStart(next) {
            let word = lexer.identifier()
            return Parser.operatorWords.contains(word) ? nil : (name, start)
        }
        return Lexer.isDigit(next) || "\"'$[(".utf8.contains(next) ? (name, start) : nil
    }
}
