import Foundation
import Ops

/// What Tab offers at a point in a line: op names, shell words, variable names, a model's layers and weights
/// after `m.`, kernel names, option keys and values, file paths — all read from the registry, the shell-word
/// table and the session. Where the cursor stands is read by `CompletionPoint` with the lexer's rules.
struct Completer {
    let session: Session

    /// The start of the word before the cursor and the candidates that extend it, sorted.
    func complete(_ textBeforeCursor: String) -> (wordStart: String.Index, candidates: [String]) {
        let point = CompletionPoint(textBeforeCursor, isCommand: session.isCommand)
        let utf8 = textBeforeCursor.utf8
        let wordStart = utf8.index(utf8.startIndex, offsetBy: point.wordStart)
        let word = String(textBeforeCursor[wordStart...])
        return (wordStart, candidates(at: point.place, word: word).filter { $0.hasPrefix(word) }.sorted())
    }

    private func candidates(at place: CompletionPoint.Place, word: String) -> [String] {
        switch place {
        case .command: return session.registry.names + ShellWords.names + session.variables.names
        case .expression: return session.registry.names + session.variables.names
        case .argument(let command, let position): return arguments(of: command, position: position, word: word)
        case .member(let chain): return members(of: chain)
        case .path: return paths(word)
        case .nothing: return []
        }
    }

    /// Argument `position` of `command` in command form: what its parameter or option takes.
    private func arguments(of command: String, position: Int, word: String) -> [String] {
        if let dot = word.lastIndex(of: "."), !word.hasPrefix("."), !word.contains("/") {
            // `show m.block1_conv1.ker`: a model's members, named in full as the word is.
            let chain = word[..<dot].split(separator: ".").map(String.init)
            let head = String(word[...dot])
            let names = members(of: chain)
            if !names.isEmpty { return names.map { head + $0 } }
        }
        if let shellWord = ShellWords.word(named: command) {
            // A shell word's parameters say what to offer; a word parameter (help's OP) offers the command names.
            let parameters = shellWord.parameters
            let index = min(position, parameters.count) - 1
            guard index >= 0, position <= parameters.count || parameters.last!.isRepeated else { return [] }
            if parameters[index].kind == .string { return session.registry.names + ShellWords.names }
            return values(of: parameters[index].kind, word: word)
        }
        guard let op = session.registry.op(named: command) else { return [] }
        if let equals = word.firstIndex(of: "=") {
            let key = String(word[..<equals])
            guard let option = op.options.first(where: { $0.key == key }) else { return [] }
            return values(of: option.kind, word: String(word[word.index(after: equals)...])).map { key + "=" + $0 }
        }
        let keys = op.options.map { $0.key + "=" }
        return values(of: op.kind(ofPosition: position), word: word) + keys
    }

    /// The members of the model value that `chain` names (`["m", "block1_conv1"]`), none when it names no model.
    private func members(of chain: [String]) -> [String] {
        guard let first = chain.first, var value = session.variables[first] else { return [] }
        for name in chain.dropFirst() {
            guard case .model(let model) = value, let member = try? model.member(name) else { return [] }
            value = member
        }
        guard case .model(let model) = value else { return [] }
        return model.memberNames
    }

    private func values(of kind: ParameterKind?, word: String) -> [String] {
        switch kind {
        case .tensor, .value: return session.variables.names
        case .path: return paths(word)
        case .choice(let words): return words
        case .text(let words): return words
        case .string, .model: return session.variables.names
        case .number, nil: return []
        }
    }

    /// Files and folders starting with `word` (folders end in `/`); hidden ones only when asked for.
    ///
    /// `word` is as typed: `"my fi` (inside quotes) offers `"my file.png"`, closed unless it is a folder;
    /// `my\ fi` or `my` offers `my\ file.png`, a name's spaces and quotes escaped (`PathWords.escape`).
    private func paths(_ word: String) -> [String] {
        let quote = word.first.flatMap { $0 == "\"" || $0 == "'" ? $0 : nil }
        let typed = quote == nil ? PathWords.unescape(word) : String(word.dropFirst())
        let slash = typed.lastIndex(of: "/")
        let folder = slash.map { String(typed[...$0]) } ?? ""
        let prefix = slash.map { String(typed[typed.index(after: $0)...]) } ?? typed
        let expanded = folder.hasPrefix("~") ? NSString(string: folder).expandingTildeInPath + "/" : folder
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: expanded.isEmpty ? "." : expanded)
        else { return [] }
        return names.filter { $0.hasPrefix(prefix) && (prefix.hasPrefix(".") || !$0.hasPrefix(".")) }.map { name in
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: expanded + name, isDirectory: &isFolder)
            let path = folder + name + (isFolder.boolValue ? "/" : "")
            guard let quote else { return PathWords.escape(path) }
            let inside = quote == "\"" ? path.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "\"", with: "\\\"") : path
            return String(quote) + inside + (isFolder.boolValue ? "" : String(quote))
        }
    }
}
