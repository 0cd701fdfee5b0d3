/// Expressions by precedence climbing (a Pratt parser), LANGUAGE.md §3.
///
/// Binding powers, loosest first: `or` 1, `and` 2, `not` 3 (prefix), comparisons 4, `+ -` 5, `* / %` 6,
/// unary `-` 7, `**` 8 (right-associative; its right side is read at the unary level, so `2**-1` works and
/// `-2**2` is `-(2**2)`, as in Python), postfix call / index / member 9.
extension Parser {
    /// Deepest nesting of parentheses, brackets, calls and operators before a line is refused.
    static let maxNesting = 200

    private static let unaryPower = 7

    static func binding(_ op: BinaryOperator) -> Int {
        switch op {
        case .or: return 1
        case .and: return 2
        case .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual: return 4
        case .add, .subtract: return 5
        case .multiply, .divide, .remainder: return 6
        case .power: return 8
        }
    }

    /// An expression whose operators all bind at least as tightly as `minimum`.
    mutating func expression(_ minimum: Int = 0) throws -> Expr {
        try nest()
        // Each operator of a chain (`a+b+c+...`) deepens the tree by one: counted, so that a 1 MB chain is
        // refused rather than overflowing the stack when it is evaluated or freed.
        var levels = 1
        defer { depth -= levels }
        var left = try prefix()
        while let op = try infixOperator(), Parser.binding(op) >= minimum {
            try nest()
            levels += 1
            _ = try lexer.token()
            let right = op == .power ? try expression(Parser.unaryPower) : try expression(Parser.binding(op) + 1)
            left = .binary(op, left, right)
        }
        return left
    }

    /// Counts one level of nesting; refuses absurd depths before the stack does.
    mutating func nest() throws {
        depth += 1
        guard depth <= Parser.maxNesting else {
            throw lexer.error("nested more than \(Parser.maxNesting) deep")
        }
    }

    private mutating func infixOperator() throws -> BinaryOperator? {
        let token = try lexer.peek()
        switch token.kind {
        case .symbol(let symbol): return BinaryOperator(rawValue: symbol.rawValue)
        case .identifier("and"): return .and
        case .identifier("or"): return .or
        default: return nil
        }
    }

    private mutating func prefix() throws -> Expr {
        let token = try lexer.peek()
        switch token.kind {
        case .identifier("not"):
            _ = try lexer.token()
            return .unary(.not, try expression(3))
        case .symbol(.minus), .symbol(.plus):
            _ = try lexer.token()
            let operand = try expression(Parser.unaryPower)
            if case .number(let n) = operand { return .number(token.isSymbol(.minus) ? -n : n) }
            return .unary(token.isSymbol(.minus) ? .negate : .plus, operand)
        default:
            return try postfix(try primary())
        }
    }

    private mutating func primary() throws -> Expr {
        let token = try lexer.token()
        switch token.kind {
        case .number(let n): return .number(n)
        case .string(let s): return .string(s)
        case .identifier(let name) where !Parser.operatorWords.contains(name): return .name(name)
        case .symbol(.openParen):
            // Anything that could stand right of `=`, a command too: `conv2d(img, (kernel sobel_y), same)`.
            let inner = try rightSide()
            try expect(.closeParen, opening: token)
            return inner
        case .symbol(.openBracket):
            return try list(from: token)
        case .end:
            throw lexer.error("expected an expression", at: token.start)
        default:
            throw lexer.error("expected an expression, got \(describe(token))", at: token.start)
        }
    }

    /// `[...]` whose `[` is `open`: a tensor when it holds numbers only, else a list of expressions.
    mutating func list(from open: Token) throws -> Expr {
        if let (tensor, end) = try NumericList.scan(lexer, from: open.start) {
            lexer.position = end
            return .tensor(tensor)
        }
        try nest()
        defer { depth -= 1 }
        var items: [Expr] = []
        if try lexer.peek().isSymbol(.closeBracket) { _ = try lexer.token(); return .list([]) }
        while true {
            items.append(try expression())
            let next = try lexer.token()
            if next.isSymbol(.closeBracket) { return .list(items) }
            guard next.isSymbol(.comma) else {
                throw lexer.error(next.kind == .end ? "expected ']' to close the '[' at column "
                    + "\(column(of: open))" : "expected ',' or ']', got \(describe(next))", at: next.start)
            }
            if try lexer.peek().isSymbol(.closeBracket) { _ = try lexer.token(); return .list(items) }
        }
    }

    // MARK: - Postfix: calls, indexing, members

    private mutating func postfix(_ base: Expr) throws -> Expr {
        var value = base
        while true {
            let token = try lexer.peek()
            if token.isSymbol(.openParen) {
                guard case .name(let name) = value else { throw lexer.error("only a name can be called", at: token.start) }
                _ = try lexer.token()
                value = .call(name, try callArguments(open: token), column: column(of: token) - name.count)
            } else if token.isSymbol(.openBracket) {
                _ = try lexer.token()
                value = .index(value, try indexItems(open: token))
            } else if token.isSymbol(.dot) {
                _ = try lexer.token()
                let member = try lexer.token()
                guard let name = member.identifier, !member.spaceBefore else {
                    throw lexer.error("expected a name after '.'", at: member.start)
                }
                value = .member(value, name)
            } else {
                return value
            }
        }
    }

    /// `(a, b, key=value)` after the `(` that is `open`.
    private mutating func callArguments(open: Token) throws -> [ArgumentNode] {
        try nest()
        defer { depth -= 1 }
        var arguments: [ArgumentNode] = []
        if try lexer.peek().isSymbol(.closeParen) { _ = try lexer.token(); return [] }
        while true {
            let key = try keyBeforeEquals()
            lexer.skipSpaces()
            let start = lexer.position
            let value = try expression()
            arguments.append(ArgumentNode(key: key, value: value, text: text(from: start)))
            let next = try lexer.token()
            if next.isSymbol(.closeParen) { return arguments }
            guard next.isSymbol(.comma) else {
                throw lexer.error(next.kind == .end ? "expected ')'" : "expected ',' or ')', got \(describe(next))",
                                  at: next.start)
            }
        }
    }

    /// `key` of a `key=value` argument, consumed with its `=`; nil (nothing consumed) otherwise.
    mutating func keyBeforeEquals() throws -> String? {
        let saved = lexer.position
        let first = try lexer.token()
        if let name = first.identifier, try lexer.token().isSymbol(.assign) { return name }
        lexer.position = saved
        return nil
    }

    /// `[i, a:b:c, ...]` after the `[` that is `open`.
    mutating func indexItems(open: Token) throws -> [IndexItem] {
        try nest()
        defer { depth -= 1 }
        var items: [IndexItem] = []
        while true {
            let token = try lexer.peek()
            if token.isSymbol(.ellipsis) {
                _ = try lexer.token()
                items.append(.ellipsis)
            } else {
                items.append(try indexItem())
            }
            let next = try lexer.token()
            if next.isSymbol(.closeBracket) { return items }
            guard next.isSymbol(.comma) else {
                throw lexer.error(next.kind == .end ? "expected ']' to close the '[' at column \(column(of: open))"
                                  : "expected ',' or ']' in an index, got \(describe(next))", at: next.start)
            }
        }
    }

    /// `i`, or a slice `a:b`, `a:b:c` with any part left out.
    private mutating func indexItem() throws -> IndexItem {
        func endsPart(_ t: Token) -> Bool { t.isSymbol(.colon) || t.isSymbol(.comma) || t.isSymbol(.closeBracket) }
        var next = try lexer.peek()
        if next.isSymbol(.comma) || next.isSymbol(.closeBracket) {
            throw lexer.error("expected an index", at: next.start)
        }
        let start = endsPart(next) ? nil : try expression()
        guard try lexer.peek().isSymbol(.colon) else { return .at(start!) }
        _ = try lexer.token()
        next = try lexer.peek()
        let stop = endsPart(next) ? nil : try expression()
        var step: Expr?
        if try lexer.peek().isSymbol(.colon) {
            _ = try lexer.token()
            next = try lexer.peek()
            step = endsPart(next) ? nil : try expression()
        }
        return .slice(start, stop, step)
    }

    // MARK: - Helpers

    /// Consumes `symbol` or throws, naming the bracket it would close.
    mutating func expect(_ symbol: Symbol, opening: Token) throws {
        let token = try lexer.token()
        guard token.isSymbol(symbol) else {
            let what = token.kind == .end ? "" : ", got \(describe(token))"
            throw lexer.error("expected '\(symbol.rawValue)'\(what)", at: token.start)
        }
    }

    func describe(_ token: Token) -> String {
        switch token.kind {
        case .end: return "the end of the statement"
        case .string: return "a string"
        default:
            return "'" + SyntaxError.excerpt(String(decoding: lexer.bytes[token.start..<token.end], as: UTF8.self)) + "'"
        }
    }

    func column(of token: Token) -> Int { SyntaxError.column(of: token.start, in: lexer.bytes) }

    /// The source from `start` to here, without trailing spaces: what the user typed for an argument.
    func text(from start: Int) -> String {
        var end = lexer.position
        while end > start, Lexer.isSpace(lexer.bytes[end - 1]) { end -= 1 }
        return String(decoding: lexer.bytes[start..<end], as: UTF8.self)
    }
}
