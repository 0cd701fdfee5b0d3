import Foundation
import Ops

extension JupyterKernel {
    /// The reply to `request` (its type and content), or nil for a message that gets none. Only the shell
    /// channel touches the session; control answers interrupt, shutdown and kernel_info.
    func answer(_ request: WireMessage, channel: String) -> (String, WireMessage.JSON)? {
        let content = request.content
        switch (request.type, channel) {
        case ("kernel_info_request", _):
            return ("kernel_info_reply", JupyterKernel.kernelInfo)
        case ("shutdown_request", _):
            return ("shutdown_reply", ["status": "ok", "restart": content["restart"] as? Bool ?? false])
        case ("interrupt_request", _):
            Cancellation.request()
            return ("interrupt_reply", ["status": "ok"])
        case ("execute_request", "shell"):
            return ("execute_reply", execute(request))
        case ("complete_request", "shell"):
            return ("complete_reply", complete(content["code"] as? String ?? "", cursor: content["cursor_pos"] as? Int))
        case ("inspect_request", "shell"):
            return ("inspect_reply", inspect(content["code"] as? String ?? "", cursor: content["cursor_pos"] as? Int))
        case ("is_complete_request", "shell"):
            return ("is_complete_reply", isComplete(content["code"] as? String ?? ""))
        case ("history_request", "shell"):
            return ("history_reply", ["status": "ok", "history": [Any]()])
        case ("comm_info_request", "shell"):
            return ("comm_info_reply", ["status": "ok", "comms": WireMessage.JSON()])
        default:
            Standard.error("convsh kernel: \(channel): \(request.type): not handled")
            return nil
        }
    }

    static var kernelInfo: WireMessage.JSON { [
        "status": "ok", "protocol_version": WireMessage.protocolVersion,
        "implementation": "convsh", "implementation_version": Version.string,
        "language_info": [
            "name": "convsh", "version": Version.string, "mimetype": "text/x-convsh", "file_extension": ".convsh",
            "codemirror_mode": "shell", "pygments_lexer": "bash",
        ] as WireMessage.JSON,
        "banner": "ConvShell \(Version.string): help lists the ops, Tab completes, Shift-Tab shows an op's help.",
        "help_links": [Any](),
    ] }

    // MARK: - Completion and help

    /// The REPL's Tab candidates for the word before `cursor` (a count of Unicode code points, protocol 5.2+).
    func complete(_ code: String, cursor: Int?) -> WireMessage.JSON {
        let (lineStart, before) = JupyterKernel.lineBefore(cursor, in: code)
        let (wordStart, candidates) = Completer(session: session).complete(before)
        let start = lineStart + before.unicodeScalars.distance(from: before.startIndex, to: wordStart)
        return ["status": "ok", "matches": candidates, "cursor_start": start,
                "cursor_end": lineStart + before.unicodeScalars.count, "metadata": WireMessage.JSON()]
    }

    /// `help OP` for the op or shell word under (or just before) the cursor; `found: false` elsewhere.
    func inspect(_ code: String, cursor: Int?) -> WireMessage.JSON {
        let scalars = Array(code.unicodeScalars)
        let at = min(max(cursor ?? scalars.count, 0), scalars.count)
        func isNamePart(_ c: Unicode.Scalar) -> Bool {
            c == "_" || c.properties.isAlphabetic || ("0"..."9").contains(c)
        }
        var start = at, end = at
        while start > 0, isNamePart(scalars[start - 1]) { start -= 1 }
        while end < scalars.count, isNamePart(scalars[end]) { end += 1 }
        let word = String(String.UnicodeScalarView(scalars[start..<end]))
        var text = ""
        var found = false
        if !word.isEmpty, session.isCommand(word) {
            found = (try? session.redirectingOutput(to: { text += $0 }) { try Help.run(session, word) }) != nil
        }
        let data: WireMessage.JSON = found ? ["text/plain": text] : [:]
        return ["status": "ok", "found": found, "metadata": WireMessage.JSON(), "data": data]
    }

    /// `complete`, `incomplete` (an open `def`/`for`/`if` block; indent two spaces per level) or `invalid` (a
    /// syntax error), read with the parser and block reader the session runs lines with.
    func isComplete(_ code: String) -> WireMessage.JSON {
        var blocks = BlockReader()
        let lines = ScriptLines.split(Array(code.utf8)).map { String(decoding: $0, as: UTF8.self) }
        do {
            for (index, line) in lines.enumerated() {
                let location = SourceLocation(file: "cell", line: index + 1)
                if blocks.takesComment, line.drop(while: \.isWhitespace).first == "#" { continue }
                let statements = try Parser.parse(line, scriptArguments: session.scriptArguments,
                                                  isCommand: session.isCommand)
                for statement in statements { _ = try blocks.feed(statement, at: location) }
            }
        } catch {
            return ["status": "invalid"]
        }
        guard blocks.isOpen else { return ["status": "complete"] }
        return ["status": "incomplete", "indent": String(repeating: "  ", count: blocks.depth)]
    }

    /// The start of `cursor`'s line (in code points) and the line's text before the cursor.
    static func lineBefore(_ cursor: Int?, in code: String) -> (lineStart: Int, text: String) {
        let scalars = Array(code.unicodeScalars)
        let at = min(max(cursor ?? scalars.count, 0), scalars.count)
        var start = at
        while start > 0, scalars[start - 1] != "\n", scalars[start - 1] != "\r" { start -= 1 }
        return (start, String(String.UnicodeScalarView(scalars[start..<at])))
    }
}
