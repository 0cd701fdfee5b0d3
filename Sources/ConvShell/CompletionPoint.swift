/// Where Tab was pressed, in the language's own terms: the statement the cursor is in is read with the lexer's
/// rules (quotes, `\` escapes, `;`, `#` comments, brackets and parentheses, command form or expression —
/// LANGUAGE.md §2), tolerating the unfinished end of the line, so that completion agrees with what the parser
/// will make of the line once it is done.
struct CompletionPoint: Equatable {
    enum Place: Equatable {
        /// The first word of a statement or of a parenthesised right side: a command, or a name to start an
        /// expression with.
        case command
        /// Argument `position` (from 1; `key=value` options do not count) of the command-form command `command`.
        case argument(command: String, position: Int)
        /// A name inside an expression.
        case expression
        /// A member after `NAME.` (`m.block1_conv1.`): the dotted chain before the word.
        case member(of: [String])
        /// Inside an unfinished string of an expression (`load("photos/c`): a path.
        case path
        /// Inside a comment, or somewhere nothing can be offered.
        case nothing
    }

    let place: Place
    /// Byte offset in the line where the word being completed starts; the word runs to the cursor.
    let wordStart: Int

    /// The point at the end of `line` (the text before the cursor).
    init(_ line: String, isCommand: @escaping (String) -> Bool) {
        let scanner = Scanner(bytes: Array(line.utf8), isCommand: isCommand)
        if let start = scanner.lastStatementStart() {
            (place, wordStart) = scanner.statement(from: start)
        } else {
            (place, wordStart) = (.nothing, scanner.end)
        }
    }

    init(place: Place, wordStart: Int) {
        self.place = place
        self.wordStart = wordStart
    }
}

/// The walk behind `CompletionPoint`: each method reads one part of the grammar from a byte offset and either
/// finds the cursor (the end of the bytes) inside it, or hands on to what follows.
private struct Scanner {
    let bytes: [UInt8]
    let isCommand: (String) -> Bool

    var end: Int { bytes.count }

    func byte(_ i: Int) -> UInt8? { i < bytes.count ? bytes[i] : nil }
    func skipSpaces(_ i: Int) -> Int {
        var i = i
        while let b = byte(i), Lexer.isSpace(b) { i += 1 }
        return i
    }
    func nameEnd(_ i: Int) -> Int {
        var i = i
        while let b = byte(i), Lexer.isNameByte(b) { i += 1 }
        return i
    }
    func name(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

    /// Where the statement the cursor is in starts: after the last `;` outside quotes and brackets; nil when a
    /// `#` comment has started.
    func lastStatementStart() -> Int? {
        var start = 0
        var i = 0
        var depth = 0
        while i < end {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                guard let close = closingQuote(from: i) else { return start }
                i = close + 1
                continue
            }
            switch b {
            case UInt8(ascii: "\\"): i += 1
            case UInt8(ascii: "("), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: ")"), UInt8(ascii: "]"): depth = max(0, depth - 1)
            case UInt8(ascii: ";") where depth == 0: start = i + 1
            case UInt8(ascii: "#") where i == 0 || Lexer.isSpace(bytes[i - 1]) || bytes[i - 1] == UInt8(ascii: ";"):
                return nil
            default: break
            }
            i += 1
        }
        return start
    }

    /// The offset of the quote that closes the string opening at `open`, nil when the line ends first.
    func closingQuote(from open: Int) -> Int? {
        let quote = bytes[open]
        var i = open + 1
        while i < end {
            if bytes[i] == quote { return i }
            if quote == UInt8(ascii: "\""), bytes[i] == UInt8(ascii: "\\") { i += 1 }
            i += 1
        }
        return nil
    }

    /// The offset of the bracket closing the one at `open` (`(` or `[`), skipping strings; nil when the
    /// line ends first.
    func closingBracket(from open: Int) -> Int? {
        var depth = 0
        var i = open
        while i < end {
            switch bytes[i] {
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                guard let close = closingQuote(from: i) else { return nil }
                i = close
            case UInt8(ascii: "("), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: ")"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return i }
            default: break
            }
            i += 1
        }
        return nil
    }

    // MARK: - Statements

    /// `[time ...] [NAME =] RHS`, or a block header (`for NAME in EXPR`, `if EXPR`).
    func statement(from start: Int) -> (CompletionPoint.Place, Int) {
        var i = skipSpaces(start)
        while true {
            let wordEnd = nameEnd(i)
            guard wordEnd < end, wordEnd > i else { break }
            let word = name(i..<wordEnd)
            let next = skipSpaces(wordEnd)
            switch word {
            case "time" where next > wordEnd && byte(next) != UInt8(ascii: "="):
                i = next
                continue
            case "if":
                return expression(from: next)
            case "for", "parallel":
                guard let inEnd = loopHeader(from: next) else { return (.nothing, end) }
                return expression(from: inEnd)
            case "def", "else", "end", "break", "continue":
                return (.nothing, end)
            default:
                break
            }
            if byte(next) == UInt8(ascii: "="), byte(next + 1) != UInt8(ascii: "=") {
                i = skipSpaces(next + 1)
            }
            break
        }
        return rightSide(from: i)
    }

    /// After `for`/`parallel`: the offset just past `in`, nil while the header is still being typed.
    func loopHeader(from start: Int) -> Int? {
        var i = start
        for expected in ["for", nil, "in"] as [String?] {
            i = skipSpaces(i)
            let wordEnd = nameEnd(i)
            guard wordEnd < end, wordEnd > i else { return nil }
            let word = name(i..<wordEnd)
            if expected == "for", word != "for" { continue }  // `for` itself was the statement's first word
            if let expected, word != expected { return nil }
            i = wordEnd
        }
        return i
    }

    /// What stands right of `=`, or inside `( )` in command form: a command with its arguments, or an expression.
    func rightSide(from start: Int) -> (CompletionPoint.Place, Int) {
        let i = skipSpaces(start)
        let wordEnd = nameEnd(i)
        if wordEnd == end { return (.command, i) }
        if wordEnd > i, isCommand(name(i..<wordEnd)), let b = byte(wordEnd), Lexer.isSpace(b) {
            return arguments(of: name(i..<wordEnd), from: wordEnd)
        }
        return expression(from: i)
    }

    // MARK: - Command form

    /// The arguments of `command` from `start`: the one the cursor is in, or the next one after a space.
    func arguments(of command: String, from start: Int) -> (CompletionPoint.Place, Int) {
        var i = start
        var position = 1
        while true {
            i = skipSpaces(i)
            if i == end { return (.argument(command: command, position: position), i) }
            let argumentStart = i
            let keyEnd = nameEnd(i)
            let isOption = keyEnd > i && byte(keyEnd) == UInt8(ascii: "=") && byte(keyEnd + 1) != UInt8(ascii: "=")
            if isOption { i = keyEnd + 1 }
            if i == end { return (.argument(command: command, position: position), argumentStart) }  // `key=`
            switch byte(i) {
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                guard let close = closingQuote(from: i) else {
                    return (.argument(command: command, position: position), argumentStart)
                }
                i = close + 1
            case UInt8(ascii: "("):
                guard let close = closingBracket(from: i) else { return rightSide(from: i + 1) }
                i = close + 1
            case UInt8(ascii: "["):
                guard let close = closingBracket(from: i) else { return expression(from: i + 1) }
                i = close + 1
            default:
                // A stray `)`, `]` or `;` is passed over as a word of its own (the parser will refuse it).
                i = max(bareWordEnd(from: i), i + 1)
                if i == end { return (.argument(command: command, position: position), argumentStart) }
                if byte(i) == UInt8(ascii: "[") {  // an indexed name, `maps[..., 3]`
                    guard let close = closingBracket(from: i) else { return expression(from: i + 1) }
                    i = close + 1
                }
            }
            if i == end { return (.nothing, end) }  // right after a closing quote or bracket: no word to extend
            if !isOption { position += 1 }
        }
    }

    /// The end of a bare command-form word starting at `start` (`\` keeps the next byte in the word).
    func bareWordEnd(from start: Int) -> Int {
        var i = start
        while let b = byte(i), !Lexer.endsWord(b) { i += b == UInt8(ascii: "\\") ? 2 : 1 }
        return min(i, end)
    }

    // MARK: - Expressions

    /// An expression from `start` to the cursor: the name being typed, a member after `.`, or a path in an
    /// unfinished string.
    func expression(from start: Int) -> (CompletionPoint.Place, Int) {
        var i = start
        while i < end {
            if bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") {
                guard let close = closingQuote(from: i) else { return (.path, i) }
                i = close
            }
            i += 1
        }
        var wordStart = end
        while wordStart > start, Lexer.isNameByte(bytes[wordStart - 1]) { wordStart -= 1 }
        if wordStart < end, Lexer.isDigit(bytes[wordStart]) { return (.nothing, end) }
        let chain = memberChain(endingAt: wordStart, after: start)
        if chain.isEmpty, wordStart > start, bytes[wordStart - 1] == UInt8(ascii: ".") { return (.nothing, end) }
        return (chain.isEmpty ? .expression : .member(of: chain), wordStart)
    }

    /// `m.block1_conv1.` before `offset`: the names `["m", "block1_conv1"]`; empty when no `.` is there.
    func memberChain(endingAt offset: Int, after start: Int) -> [String] {
        var names: [String] = []
        var dot = offset - 1
        while dot > start, bytes[dot] == UInt8(ascii: ".") {
            var nameStart = dot
            while nameStart > start, Lexer.isNameByte(bytes[nameStart - 1]) { nameStart -= 1 }
            guard nameStart < dot, Lexer.isNameStart(bytes[nameStart]) else { return [] }
            names.insert(name(nameStart..<dot), at: 0)
            dot = nameStart - 1
        }
        return names
    }
}
