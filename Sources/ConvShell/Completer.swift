import Foundation
import Ops

/// What Tab offers at a point in a line: op names, shell words, tensor names, kernel names, option keys and
/// values, file paths — all read from the registry, the shell-word table and the session.
struct Completer {
    let session: Session

    /// The start of the word before the cursor and the candidates that extend it, sorted.
    func complete(_ textBeforeCursor: String) -> (wordStart: String.Index, candidates: [String]) {
        let statement = textBeforeCursor.split(separator: ";", omittingEmptySubsequences: false).last ?? ""
        var words = statement.split(whereSeparator: \.isWhitespace).map(String.init)
        let word = statement.last.map { $0.isWhitespace } ?? true ? "" : words.removeLast()
        let wordStart = textBeforeCursor.index(textBeforeCursor.endIndex, offsetBy: -word.count)
        // `time [NAME =] command ...` and `NAME = command ...` complete like the statement after them.
        if words.first == "time" { words.removeFirst() }
        if words.count >= 2, words[1] == "=" { words.removeFirst(2) }
        // `NAME=command` without spaces: the command is after the `=`, in the first word or in the word at hand.
        if let first = words.first, let equals = first.firstIndex(of: "="),
           Registry.isValidName(String(first[..<equals])) {
            words[0] = String(first[first.index(after: equals)...])
        }
        if words.isEmpty, let equals = word.firstIndex(of: "="), Registry.isValidName(String(word[..<equals])) {
            let command = String(word[word.index(after: equals)...])
            return (wordStart, candidates(for: command, after: []).filter { $0.hasPrefix(command) }
                .map { String(word[...equals]) + $0 }.sorted())
        }
        return (wordStart, candidates(for: word, after: words).filter { $0.hasPrefix(word) }.sorted())
    }

    private func candidates(for word: String, after words: [String]) -> [String] {
        guard let command = words.first else {
            return session.registry.names + ShellWords.names + session.variables.names
        }
        let position = words.dropFirst().filter { !$0.contains("=") }.count + 1
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
    private func paths(_ word: String) -> [String] {
        let slash = word.lastIndex(of: "/")
        let folder = slash.map { String(word[...$0]) } ?? ""
        let prefix = slash.map { String(word[word.index(after: $0)...]) } ?? word
        let expanded = folder.hasPrefix("~") ? NSString(string: folder).expandingTildeInPath + "/" : folder
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: expanded.isEmpty ? "." : expanded)
        else { return [] }
        return names.filter { $0.hasPrefix(prefix) && (prefix.hasPrefix(".") || !$0.hasPrefix(".")) }.map { name in
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: expanded + name, isDirectory: &isFolder)
            return folder + name + (isFolder.boolValue ? "/" : "")
        }
    }
}
