import CEdit
import Foundation

/// Line editing for the REPL through libedit: emacs keys, history kept in a file, Tab completion, UTF-8.
///
/// The only file that imports CEdit. libedit calls back into C function pointers, so the editor in use is
/// reachable from them through `LineEditor.active`.
final class LineEditor {
    /// What Tab offers: from the text before the cursor, the start of the word being completed and the candidates.
    typealias Completer = (_ textBeforeCursor: String) -> (wordStart: String.Index, candidates: [String])

    nonisolated(unsafe) private static var active: LineEditor?
    nonisolated(unsafe) private static var promptText = strdup("convsh> ")

    private let editLine: OpaquePointer
    private let history: OpaquePointer
    private var historyFile: HistoryFile?
    private let complete: Completer

    /// An editor on the terminal, or nil when libedit cannot drive it (then read lines plainly).
    init?(program: String, historyPath: String?, maxHistory: Int = 1000, complete: @escaping Completer) {
        // Without a UTF-8 locale libedit edits multi-byte characters byte by byte.
        if setlocale(LC_CTYPE, "") == nil || String(cString: setlocale(LC_CTYPE, nil)) == "C" {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
        guard let history = history_init() else { return nil }
        guard let editLine = convsh_el_init(program) else { history_end(history); return nil }
        self.editLine = editLine
        self.history = history
        self.historyFile = historyPath.map { HistoryFile(path: $0, warn: { Standard.error($0) }) }
        self.complete = complete
        convsh_history_setsize(history, Int32(maxHistory))
        convsh_history_setunique(history)
        convsh_el_configure(editLine, { _ in LineEditor.promptText }, history)
        convsh_el_bind_tab(editLine) { _, _ in LineEditor.active?.completeWord() ?? UInt8(CC_ERROR) }
        convsh_catch_sigint()
        historyFile?.load { [history] in convsh_history_load(history, $0) >= 0 }
        LineEditor.active = self
    }

    deinit {
        el_end(editLine)
        history_end(history)
    }

    /// What one read gave: a line (without its newline), or Ctrl-C, which dropped the line being edited.
    enum Input: Equatable {
        case line(String)
        case interrupted
    }

    /// The next input; nil at end of input (Ctrl-D on an empty line).
    func readLine(prompt: String) -> Input? {
        free(LineEditor.promptText)
        LineEditor.promptText = strdup(prompt)
        var count: Int32 = 0
        _ = convsh_take_interrupt()  // a Ctrl-C that stopped the last statement is not one for this line
        guard let raw = el_gets(editLine, &count) else {
            if convsh_take_interrupt() != 0 {
                Standard.output("\n")
                return .interrupted
            }
            return nil
        }
        _ = convsh_take_interrupt()
        var line = String(cString: raw)
        if line.hasSuffix("\n") { line.removeLast() }
        if !line.trimmingCharacters(in: .whitespaces).isEmpty {
            convsh_history_enter(history, line)
            historyFile?.save { [history] in convsh_history_save_fd(history, $0) >= 0 }
        }
        return .line(line)
    }

    // MARK: - Completion

    /// Completes the word before the cursor: inserts the candidates' common prefix, or lists them all.
    private func completeWord() -> UInt8 {
        guard let info = el_line(editLine)?.pointee else { return UInt8(CC_ERROR) }
        let length = info.cursor - info.buffer
        let before = String(decoding: UnsafeRawBufferPointer(start: info.buffer, count: length), as: UTF8.self)
        let (wordStart, candidates) = complete(before)
        let word = String(before[wordStart...])
        guard !candidates.isEmpty else { return UInt8(CC_REFRESH_BEEP) }
        let common = LineEditor.commonPrefix(candidates)
        if common.count > word.count {
            var insertion = String(common.dropFirst(word.count))
            if candidates.count == 1, !common.hasSuffix("/"), !common.hasSuffix("=") { insertion += " " }
            el_insertstr(editLine, insertion)
            return UInt8(CC_REFRESH)
        }
        guard candidates.count > 1 else {
            if !common.hasSuffix("/"), !common.hasSuffix("=") { el_insertstr(editLine, " ") }
            return UInt8(CC_REFRESH)
        }
        Standard.output("\n" + LineEditor.columns(candidates) + "\n")
        return UInt8(CC_REDISPLAY)
    }

    /// The longest string every candidate starts with.
    static func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first else { return "" }
        for word in words.dropFirst() {
            while !word.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }

    /// Candidates laid out in columns across an 80-column screen.
    static func columns(_ words: [String]) -> String {
        let width = (words.map(\.count).max() ?? 0) + 2
        let perLine = max(1, 80 / width)
        return stride(from: 0, to: words.count, by: perLine).map { start in
            words[start..<min(start + perLine, words.count)]
                .map { $0.padding(toLength: width, withPad: " ", startingAt: 0) }.joined()
                .trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
    }
}
