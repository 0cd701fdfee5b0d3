/// Paths as bare command-form words: `my file.png` is written `my\ file.png` (Tab completion inserts the one and
/// reads the other back).
enum PathWords {
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
