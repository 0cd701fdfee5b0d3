import Testing
@testable import Ops

/// `Registry.call`: binding by the op's description, the one error form (Ctrl-C: `RegistryCancellationTests`).
@Suite(.serialized) struct RegistryCallTests {
    /// An op that echoes what it was bound: `probe X [a|b] [c] [k=N] [mode=p|q]`.
    struct Probe: Op {
        let name = "probe"
        let summary = "test op"
        let parameters = [Parameter("X", .tensor), .choice(["a", "b"]), .choice(["c"])]
        let options = [OptionSpec("k", "N"), .choice("mode", ["p", "q"])]
        func apply(_ arguments: Arguments, _ context: Context) throws -> Value? {
            _ = try arguments.tensor(1)
            let words = [arguments.choice(2) ?? "-", arguments.choice(3) ?? "-", arguments.choiceOption("mode", default: "p")]
            if try arguments.numberOption("k", default: 0) < 0 { throw OpError.option("k", "must not be negative") }
            return .string(words.joined(separator: " "))
        }
    }

    /// An op whose body calls another op through the registry, failing there.
    struct Outer: Op {
        let name = "outer"
        let summary = "test op"
        let parameters: [Parameter] = []
        let registry: Registry
        func apply(_ arguments: Arguments, _ context: Context) throws -> Value? {
            try registry.call("relu", [.word("nothing")], context: context)
        }
    }

    let registry = Registry(ops: Registry.builtins + [Probe()])
    let context = Context(threads: 1, write: { _ in })
    let x = Argument(.tensor(try! Tensor(shape: [1], values: [1])), text: "x")

    func call(_ positional: [Argument], _ options: [(key: String, value: Argument)] = []) throws -> String? {
        try registry.call("probe", positional, options: options, context: context)?.string
    }

    func message(_ body: () throws -> Any?) -> String {
        do { _ = try body(); return "no error" } catch { return "\(error)" }
    }

    @Test func optionalChoiceWordsBindInAnyOrder() throws {
        #expect(try call([x]) == "- - p")
        #expect(try call([x, .word("b")]) == "b - p")
        #expect(try call([x, .word("c")]) == "- c p")
        #expect(try call([x, .word("c"), .word("a")]) == "a c p")
        #expect(try call([x, Argument(.string("b"))], [("mode", .word("q"))]) == "b - q")
    }

    @Test func everyErrorIsPrefixedOnceWithThePlaceholder() {
        #expect(message { try call([x, .word("d")]) } == "probe: argument 2 (a|b): expected a|b, got 'd'; did you mean a?")
        #expect(message { try call([x, .word("a"), .word("b")]) }
                == "probe: argument 2 (a|b): choose one of a|b, got 'a' and 'b'")
        #expect(message { try call([]) } == "probe: missing argument 1 (X); usage: probe X [a|b] [c] [k=N] [mode=p|q]")
        #expect(message { try call([x], [("mode", .word("r"))]) } == "probe: option mode: expected p|q, got 'r'; did you mean p?")
        #expect(message { try call([x], [("kk", .word("r"))]) }
                == "probe: unknown option 'kk'; did you mean k?; usage: probe X [a|b] [c] [k=N] [mode=p|q]")
        #expect(message { try call([x], [("k", Argument(.number(-1)))]) } == "probe: option k: must not be negative")
        #expect(message { try call([.word("y")]) } == "probe: argument 1 (X): unknown name 'y'")
    }

    @Test func anErrorFromANestedCallKeepsItsOwnOp() throws {
        let registry = Registry()
        try registry.register(Outer(registry: registry))
        #expect(message { try registry.call("outer", [], context: context) } == "relu: argument 1 (X): unknown name 'nothing'")
    }
}
