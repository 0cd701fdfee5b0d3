/// The words of a line as Tab completion sees them: split at white space outside quotes and not escaped by a
/// backslash, so that `load "my photos/a` and `load my\ photos/a` complete one path, not two words.
enum PathWords {
    /// The complete words before the last one, and the last one as typed (empty after white space); an open
    /// quote starts the last word at the quote.
    static func split(_ text: String) -> (words: [String], last: String) {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var escaped = false
        for c in text {
            if escaped {
                escaped = false
            } else if let open = quote {
                if c == open { quote = nil } else if c == "\\", open == "\"" { escaped = true }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "\\" {
                escaped = true
            } else if c.isWhitespace {
                if !current.isEmpty { words.append(current) }
                current = ""
                continue
            }
            current.append(c)
        }
        return (words, current)
    }

    /// Characters a bare path word cannot hold as themselves: white space, quotes, the backslash, `;` and `#`.
    static let special: Set<Character> = [" ", "\t", "\"", "'", "\\", ";", "#"]

    /// `my file.png` as a bare word: `my\ file.png`.
    static func escape(_ path: String) -> String {
        String(path.flatMap { special.contains($0) ? ["\\", $0] : [$0] })
    }

    /// The path a bare word names: `my\ fi` is `my fi`.
    static func unescape(_ word: String) -> String {
        var out = ""
        var escaped = false
        for c in word {
            if !escaped, c == "\\" { escaped = true; continue }
            escaped = false
            out.append(c)
        }
        return out
    }
}
