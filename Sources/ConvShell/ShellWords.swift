import Foundation
import Ops

/// A word of the shell itself, not an op: `help`, `vars`, `del`, `set`, `time`, `source`, `quit`, `def`/`end`,
/// `plugin`, `plugins`. Described by parameters as ops are, so usage, argument-count errors and Tab completion
/// are generated from the same table.
struct ShellWord: Sendable {
    let name: String
    let parameters: [Parameter]
    let summary: String
    /// Shown after the usage in a usage error: `e.g. time f = conv2d img k same`.
    var example: String? = nil
    /// Runs the word on its arguments, each read as a word (`del a b`: the names, not the values).
    let run: @Sendable (Session, [String]) throws -> Void

    /// `del NAME ...`, `set [KEY] [VALUE]`.
    var usage: String {
        ([name] + parameters.map { p in
            let word = p.placeholder + (p.isRepeated ? " ..." : "")
            return p.isOptional ? "[\(word)]" : word
        }).joined(separator: " ")
    }
}

/// The shell words, listed once; help and completion read this table and the op registry.
enum ShellWords {
    static let all: [ShellWord] = [
        ShellWord(name: "help", parameters: [Parameter("OP", .string, optional: true)],
                  summary: "list the ops, or show one op's usage and details",
                  run: { session, words in try Help.run(session, words.first) }),
        ShellWord(name: "vars", parameters: [], summary: "list the values: name, shape, MiB, min..max",
                  run: { session, _ in session.listVariables() }),
        ShellWord(name: "del", parameters: [Parameter("NAME", .value, repeated: true)],
                  summary: "forget values and free their memory",
                  run: { session, words in for name in words { try session.delete(name) } }),
        ShellWord(name: "set", parameters: [Parameter("KEY", .choice(Settings.keys), optional: true),
                                            Parameter("VALUE", .text(completions: ["on", "off"]), optional: true)],
                  summary: "change a setting: threads N, timing on|off, max_pixels N, conv_algo A (none: show them)",
                  run: { session, words in try session.settings.run(words, session) }),
        ShellWord(name: "time", parameters: [Parameter("STATEMENT", .string)],
                  summary: "run a statement and print how long it took (and GFLOP/s for a conv)",
                  example: "time f = conv2d img k same",
                  run: { _, _ in throw OpError("time must come before a statement") }),
        ShellWord(name: "source", parameters: [Parameter("FILE", .path)],
                  summary: "run the statements of a .convsh file here",
                  run: { session, words in try session.source(words[0]) }),
        ShellWord(name: "quit", parameters: [], summary: "leave the shell (also Ctrl-D)",
                  run: { session, _ in session.quitRequested = true }),
        ShellWord(name: "def", parameters: [Parameter("NAME", .string), Parameter("PARAM", .string, optional: true,
                                                                                  repeated: true)],
                  summary: "define a command from the statements that follow, up to end",
                  run: { _, _ in throw OpError("def must be a statement of its own: def NAME [PARAM...]") }),
        ShellWord(name: "end", parameters: [], summary: "close a def, for, parallel for or if block",
                  run: { _, _ in throw OpError("end without a block to close (for, if or def)") }),
        ShellWord(name: "plugin", parameters: [Parameter("load", .choice(["load"])), Parameter("PATH", .path)],
                  summary: "load a plugin library; its ops join the built-in ones",
                  run: { session, words in try session.loadPlugin(words[1]) }),
        ShellWord(name: "plugins", parameters: [], summary: "list the loaded plugins with their versions and ops",
                  run: { session, _ in session.listPlugins() }),
    ]

    static var names: [String] { all.map(\.name) }

    static func word(named name: String) -> ShellWord? { all.first { $0.name == name } }
}

extension ShellWord {
    /// Reads the arguments as words, checks them against `parameters`, and runs.
    func run(_ session: Session, _ nodes: [ArgumentNode]) throws {
        var words: [String] = []
        for node in nodes {
            if let key = node.key { throw OpError("\(name): takes no options, got '\(key)='; usage: \(usage)") }
            switch node.value {
            case .word(let literal), .string(let literal): words.append(try session.interpolate(literal))
            case .number(let n): words.append(Value.format(n))
            default: throw OpError("\(name): argument \(words.count + 1): expected a word, got \(node.text); usage: \(usage)")
            }
        }
        let required = parameters.filter { !$0.isOptional }.count
        let repeated = parameters.last?.isRepeated == true
        guard words.count >= required, repeated || words.count <= parameters.count else {
            if parameters.isEmpty { throw OpError("\(name) takes no arguments, got '\(words[0])'") }
            throw OpError("usage: \(usage)" + (example.map { ", e.g. \($0)" } ?? ""))
        }
        for (index, word) in words.enumerated() where index < parameters.count {
            if case .choice(let choices) = parameters[index].kind, !choices.contains(word), name != "set" {
                throw OpError("usage: \(usage)")
            }
        }
        try run(session, words)
    }
}

// MARK: - vars

extension Session {
    /// One line per value: name, shape (or kind), MiB, min..max (or the value).
    func listVariables() {
        guard !variables.names.isEmpty else { return print("no tensors yet; try: img = load FILE") }
        let nameWidth = max(4, variables.names.map(\.count).max()!)
        let shapes = variables.names.map { name -> String in
            if case .tensor(let t)? = variables[name] { return Tensor.describe(t.shape) }
            return variables[name]!.kindName
        }
        let shapeWidth = max(5, shapes.map(\.count).max()!)
        func pad(_ s: String, _ n: Int) -> String { s.padding(toLength: max(n, s.count), withPad: " ", startingAt: 0) }
        print(pad("name", nameWidth) + "  " + pad("shape", shapeWidth) + "       MiB  range")
        for (name, shape) in zip(variables.names, shapes) {
            guard case .tensor(let tensor)? = variables[name] else {
                let value = SyntaxError.excerpt(Argument.spelling(of: variables[name]!), limit: 40)
                print(pad(name, nameWidth) + "  " + pad(shape, shapeWidth) + "         -  " + value)
                continue
            }
            let range = tensor.range.map { TensorDescription.format($0.min) + " .. " + TensorDescription.format($0.max) }
            print(pad(name, nameWidth) + "  " + pad(shape, shapeWidth)
                + String(format: "  %8.2f  ", Double(tensor.byteCount) / 1_048_576) + (range ?? "-"))
        }
    }
}
