import Foundation
import Ops

/// A word of the shell itself, not an op: `help`, `vars`, `del`, `set`, `time`, `source`, `quit`, `def`/`end`,
/// `plugin`, `plugins`.
struct ShellWord: Sendable {
    let name: String
    let usage: String
    let summary: String
    let run: @Sendable (Session, ArgumentList) throws -> Void
}

/// The shell words, listed once; help and completion read this table and the op registry.
enum ShellWords {
    static let all: [ShellWord] = [
        ShellWord(name: "help", usage: "help [OP]", summary: "list the ops, or show one op's usage and details",
                  run: { session, arguments in try Help.run(session, arguments) }),
        ShellWord(name: "vars", usage: "vars", summary: "list the tensors: name, shape, MiB, min..max",
                  run: { session, _ in session.listVariables() }),
        ShellWord(name: "del", usage: "del NAME...", summary: "forget tensors and free their memory",
                  run: { session, arguments in
                      guard !arguments.positional.isEmpty else { throw OpError("usage: del NAME ...") }
                      for name in arguments.positional { try session.delete(name.plainText) }
                  }),
        ShellWord(name: "set", usage: "set [KEY VALUE]",
                  summary: "change a setting: threads N, timing on|off, max_pixels N, conv_algo A (none: show them)",
                  run: { session, arguments in try Settings.run(session, arguments) }),
        ShellWord(name: Parser.timeWord, usage: "time STATEMENT",
                  summary: "run a statement and print how long it took (and GFLOP/s for a conv)",
                  run: { _, _ in throw OpError("usage: time STATEMENT, e.g. time f = conv2d img k same") }),
        ShellWord(name: "source", usage: "source FILE", summary: "run the statements of a .convsh file here",
                  run: { session, arguments in
                      guard arguments.positional.count == 1 else { throw OpError("usage: source FILE") }
                      try session.source(arguments.positional[0].plainText)
                  }),
        ShellWord(name: "quit", usage: "quit", summary: "leave the shell (also Ctrl-D)",
                  run: { session, _ in session.quitRequested = true }),
        ShellWord(name: Session.defWord, usage: "def NAME [PARAM...]",
                  summary: "define a command from the statements that follow, up to end",
                  run: { _, _ in throw OpError("def must be a statement of its own: def NAME [PARAM...]") }),
        ShellWord(name: Session.endWord, usage: "end", summary: "close a def",
                  run: { _, _ in throw OpError("end without def") }),
        ShellWord(name: "plugin", usage: "plugin load PATH",
                  summary: "load a plugin library; its ops join the built-in ones",
                  run: { session, arguments in try session.loadPlugin(arguments) }),
        ShellWord(name: "plugins", usage: "plugins", summary: "list the loaded plugins with their versions and ops",
                  run: { session, _ in session.listPlugins() }),
    ]

    static var names: [String] { all.map(\.name) }

    static func word(named name: String) -> ShellWord? { all.first { $0.name == name } }
}

// MARK: - vars

extension Session {
    /// One line per tensor: name, shape, MiB, min..max.
    func listVariables() {
        guard !variables.names.isEmpty else { return print("no tensors yet; try: img = load FILE") }
        let nameWidth = max(4, variables.names.map(\.count).max()!)
        let shapes = variables.names.map { Tensor.describe(variables[$0]!.shape) }
        let shapeWidth = max(5, shapes.map(\.count).max()!)
        func pad(_ s: String, _ n: Int) -> String { s.padding(toLength: max(n, s.count), withPad: " ", startingAt: 0) }
        print(pad("name", nameWidth) + "  " + pad("shape", shapeWidth) + "       MiB  range")
        for (name, shape) in zip(variables.names, shapes) {
            let tensor = variables[name]!
            let range = tensor.range.map { TensorDescription.format($0.min) + " .. " + TensorDescription.format($0.max) }
            print(pad(name, nameWidth) + "  " + pad(shape, shapeWidth)
                + String(format: "  %8.2f  ", Double(tensor.byteCount) / 1_048_576) + (range ?? "-"))
        }
    }
}
