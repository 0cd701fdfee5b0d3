import Foundation
import Ops

extension JupyterKernel {
    /// Runs a cell as a script in the one session (what `convsh -c` does with its text), its lines numbered
    /// `In[N]:1`, `In[N]:2`... What it prints goes out as `stream` (stdout), what `show` draws as `display_data`
    /// in order; when the cell's last output is a bare statement's description (`x`, `mean(x)`), that is its
    /// `execute_result` (`Out[N]`). The first error stops the cell and goes out as `error` with its
    /// `FILE:LINE: error: ...` line as the traceback. The session's values, definitions and plugins stay.
    func execute(_ request: WireMessage) -> WireMessage.JSON {
        let code = request.content["code"] as? String ?? ""
        let silent = request.content["silent"] as? Bool ?? false
        if !silent { executionCount += 1 }
        let count = executionCount
        if !silent { publish("execute_input", ["code": code, "execution_count": count], parent: request) }
        currentRequest = silent ? nil : request  // a silent cell broadcasts nothing
        defer { currentRequest = nil }
        Cancellation.clear()
        var failure: (name: String, text: String)?
        do {
            try session.runScript(code, file: "In[\(count)]")
        } catch is Interrupted {
            failure = ("Interrupted", "interrupted")
        } catch {
            failure = ("Error", String(describing: error))
        }
        // After an error a result printed earlier is ordinary output (flushed below), not the cell's result.
        let result = failure != nil ? nil : outputLock.withLock { () -> String? in
            defer { pendingResult = nil }
            return pendingResult
        }
        flushOutput()
        if let result, !silent {
            publish("execute_result", ["execution_count": count, "data": ["text/plain": result],
                                       "metadata": WireMessage.JSON()], parent: request)
        }
        if session.quitRequested { requestStop() }
        guard let failure else {
            return ["status": "ok", "execution_count": count, "payload": [Any](),
                    "user_expressions": WireMessage.JSON()]
        }
        let error: WireMessage.JSON = ["ename": failure.name, "evalue": failure.text, "traceback": [failure.text]]
        publish("error", error, parent: request)
        return error.merging(["status": "error", "execution_count": count]) { $1 }
    }

    /// Sends what the cell printed since the last flush (a result held back included) as one `stream` message on
    /// stdout; drops it for a silent cell.
    func flushOutput() {
        let text = outputLock.withLock { () -> String in
            defer { (pendingOutput, pendingResult) = ("", nil) }
            return pendingOutput + (pendingResult.map { $0 + "\n" } ?? "")
        }
        guard !text.isEmpty, let parent = currentRequest else { return }
        publish("stream", ["name": "stdout", "text": text], parent: parent)
    }

    /// `show`'s output as `display_data`, after the text printed before it: a picture as `image/png` (the PNG
    /// `save X FILE.png grid` writes) with its `[H,W]` in metadata, a table as `text/html` with shaded cells;
    /// both with `text/plain`. A picture that cannot be encoded is said in text instead.
    func send(_ display: Display) {
        flushOutput()
        guard let parent = currentRequest else { return }
        var data: WireMessage.JSON
        var metadata = WireMessage.JSON()
        switch display {
        case .picture(let picture, let text):
            data = ["text/plain": text]
            do {
                data["image/png"] = Data(try picture.png()).base64EncodedString()
                metadata["image/png"] = ["width": picture.width, "height": picture.height]
            } catch {
                data["text/plain"] = text + "\n(no picture: \(Session.message(error)))"
            }
        case .table(let plain, let shaded):
            data = ["text/plain": plain, "text/html": TableHTML.html(fromShaded: shaded)]
        }
        publish("display_data", ["data": data, "metadata": metadata, "transient": WireMessage.JSON()], parent: parent)
    }
}
