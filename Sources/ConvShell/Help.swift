import Ops

/// `help [OP]`: generated from the op registry and the shell-word table.
enum Help {
    static func run(_ session: Session, _ topic: String?) throws {
        guard let topic else { return session.print(overview(session)) }
        if let op = session.registry.op(named: topic) {
            var text = "usage: \(op.usage)\n  \(op.summary)"
            if !op.details.isEmpty {
                text += "\n" + op.details.split(separator: "\n", omittingEmptySubsequences: false)
                    .map { "  " + $0 }.joined(separator: "\n")
            }
            return session.print(text)
        }
        if let word = ShellWords.word(named: topic) { return session.print("usage: \(word.usage)\n  \(word.summary)") }
        var message = "help: no op or shell word '\(topic)'"
        let names = session.registry.names + ShellWords.names
        if let guess = Suggest.closest(to: topic, among: names) { message += "; did you mean \(guess)?" }
        throw OpError(message)
    }

    /// Every op and shell word with its one-line summary.
    static func overview(_ session: Session) -> String {
        let ops = session.registry.ops.map { ($0.name, $0.summary) }
        let words = ShellWords.all.map { ($0.usage, $0.summary) }
        func rows(_ entries: [(String, String)]) -> String {
            let width = entries.map(\.0.count).max()! + 2
            return entries.map { "  " + $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + $0.1 }
                .joined(separator: "\n")
        }
        return """
            Ops (help OP for usage and details):
            \(rows(ops))
            Shell:
            \(rows(words))
            Statements: [NAME =] COMMAND ARG...   [NAME =] EXPRESSION   separate with ;   # starts a comment
            Blocks: for NAME in EXPR ... end, parallel for ..., if EXPR ... [else ...] end, def NAME ... end
            """
    }
}
