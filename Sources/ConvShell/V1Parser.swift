import Ops

/// One statement of the language: `[NAME =] COMMAND ARG...`, or a bare `NAME`.
struct V1Statement: Equatable {
    /// The variable the result is bound to (`f` in `f = conv2d img k`), or nil.
    var target: String?
    /// The command word: an op, a shell word or (alone) a tensor name. For `NAME = [[...]]` it is empty and the
    /// literal is the only argument.
    var command: String
    var arguments: ArgumentList
    /// `time STATEMENT`: report how long the statement took.
    var isTimed = false
}

/// Reads lines of the language into statements (DESIGN.md §1).
///
/// A line holds statements separated by `;`; `#` starts a comment. Arguments are words, numbers, quoted strings,
/// nested list literals and `key=value` options. `$1`…`$9` (and `$0`, the script) are replaced by the script's
/// arguments before a word is read, also inside quotes.
struct V1Parser {
    /// The prefix that times a statement: `time f = conv2d img k`.
    static let timeWord = "time"

    /// `$0`, `$1`, ...: the script path, then its arguments.
    var scriptArguments: [String] = []

    /// The statements on one line.
    func parse(_ line: String) throws -> [V1Statement] {
        var lexer = V1Lexer(text: Array(line), scriptArguments: scriptArguments)
        var statements: [V1Statement] = []
        while let tokens = try lexer.nextStatement() {
            if !tokens.isEmpty { statements.append(try statement(tokens)) }
        }
        return statements
    }

    private func statement(_ tokens: [V1Token]) throws -> V1Statement {
        if tokens.first == .word(V1Parser.timeWord), tokens.count > 1 {
            var inner = try statement(Array(tokens.dropFirst()))
            inner.isTimed = true
            return inner
        }
        var tokens = tokens[...]
        var target: String?
        // `NAME = ...` and the spaceless `NAME=command ...`.
        if case .word(let name) = tokens.first, tokens.dropFirst().first == .equals {
            target = name
            tokens = tokens.dropFirst(2)
        } else if case .option(let name, let value) = tokens.first {
            target = name
            tokens = [value.token] + tokens.dropFirst()
        }
        if let target {
            guard Registry.isValidName(target) else {
                throw OpError("'\(target)' is not a valid name (letters, digits and _, not starting with a digit)")
            }
            guard !tokens.isEmpty else { throw OpError("expected a command after '\(target) ='") }
        }
        var statement = V1Statement(target: target, command: "", arguments: ArgumentList())
        switch tokens.first! {
        case .word(let command):
            statement.command = command
            tokens = tokens.dropFirst()
        case .list where target != nil:
            break  // `NAME = [[...]]`: the literal is the value
        case .equals:
            throw OpError("unexpected '='")
        case let token:
            throw OpError("expected a command, got \(token.text)")
        }
        for token in tokens {
            switch token {
            case .equals: throw OpError("unexpected '=' (write options as key=value, without spaces)")
            case .option(let key, let value): statement.arguments.options.append((key, value))
            case .word(let w): statement.arguments.positional.append(.word(w))
            case .number(let n): statement.arguments.positional.append(.number(n))
            case .quoted(let s): statement.arguments.positional.append(.quoted(s))
            case .list(let l): statement.arguments.positional.append(l)
            }
        }
        return statement
    }
}

/// A lexical token.
enum V1Token: Equatable {
    case word(String), number(Double), quoted(String), list(Syntax), equals
    case option(key: String, value: Syntax)

    var text: String {
        switch self {
        case .word(let w): return "'\(w)'"
        case .number(let n): return Syntax.number(n).text
        case .quoted(let s): return "\"\(s)\""
        case .list(let l): return l.text
        case .equals: return "'='"
        case .option(let key, let value): return "'\(key)=\(value.text)'"
        }
    }
}

extension Syntax {
    /// The token this value would have been on its own (for `NAME=command`).
    var token: V1Token {
        switch self {
        case .word(let w): return .word(w)
        case .number(let n): return .number(n)
        case .quoted(let s): return .quoted(s)
        case .list: return .list(self)
        }
    }
}
