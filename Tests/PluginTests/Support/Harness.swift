@testable import ConvShell
import Ops

/// A session in this process whose output is collected, for tests that look inside (tensors, help, completion).
final class Harness {
    private(set) var output = ""
    private(set) var session: Session!

    init() {
        let context = Context(threads: 1, write: { [unowned self] in self.output += $0 })
        session = Session(context: context, write: { [unowned self] in self.output += $0 })
    }

    /// Runs `text` as the script `file` (as `convsh FILE` does); returns the error it stopped at, if any.
    func script(_ text: String, file: String = "test.convsh") -> String? {
        do {
            try session.runScript(text, file: file)
            return nil
        } catch {
            return String(describing: error)
        }
    }

    /// Runs `text` and fails the calling test on an error.
    func run(_ text: String) throws {
        try session.runScript(text, file: "test.convsh")
    }

    /// The output so far, then forgets it.
    func takeOutput() -> String {
        defer { output = "" }
        return output
    }

    func tensor(_ name: String) -> Tensor? { session.variables.tensor(name) }
}
