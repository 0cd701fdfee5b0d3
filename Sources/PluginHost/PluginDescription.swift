import ConvShellPlugin
import Ops

/// A plugin's description copied out of its C structs and checked against the rules of `convsh_plugin.h`.
struct PluginDescription {
    let name: String
    let version: String
    let ops: [PluginOp]

    /// Limits that catch a garbage description before it is read far.
    static let maxOps = 1000
    static let maxParameters = 64

    /// Reads `plugin`; throws a one-line reason (without the path) for the first rule it breaks.
    init(_ plugin: convsh_plugin) throws {
        guard let name = Self.line(plugin.name), !name.isEmpty, !name.contains(" ") else {
            throw DescriptionError("its name is missing or not one word")
        }
        guard let version = Self.line(plugin.version), !version.isEmpty else {
            throw DescriptionError("plugin '\(name)' gives no version")
        }
        guard (1...Self.maxOps).contains(Int(plugin.op_count)), let ops = plugin.ops else {
            throw DescriptionError("plugin '\(name)' must describe from 1 to \(Self.maxOps) ops, "
                + "got \(plugin.op_count)")
        }
        var seen = Set<String>()
        self.ops = try (0..<Int(plugin.op_count)).map { index in
            let op = try Self.op(ops[index], index: index + 1, plugin: name)
            guard seen.insert(op.name).inserted else { throw DescriptionError("op '\(op.name)' is described twice") }
            return op
        }
        self.name = name
        self.version = version
    }

    // MARK: - Ops

    private static func op(_ op: convsh_op, index: Int, plugin: String) throws -> PluginOp {
        guard let name = line(op.name), Registry.isValidName(name) else {
            throw DescriptionError("op \(index) has no valid name (letters, digits and _, not starting with a digit)")
        }
        func fail(_ reason: String) -> DescriptionError { DescriptionError("op '\(name)': \(reason)") }
        guard let summary = line(op.summary), !summary.isEmpty else { throw fail("summary is missing or not one line") }
        guard let apply = op.apply else { throw fail("apply is NULL") }
        guard (0...maxParameters).contains(Int(op.parameter_count)), op.parameter_count == 0 || op.parameters != nil,
              (0...maxParameters).contains(Int(op.option_count)), op.option_count == 0 || op.options != nil else {
            throw fail("parameter or option table is missing or has a bad count")
        }
        let parameters = try (0..<Int(op.parameter_count)).map { i in
            try parameter(op.parameters[i]) { fail("parameter \(i + 1): \($0)") }
        }
        try checkOrder(parameters, fail)
        var keys = Set<String>()
        let options = try (0..<Int(op.option_count)).map { i in
            let option = try option(op.options[i]) { fail("option \(i + 1): \($0)") }
            guard keys.insert(option.key).inserted else { throw fail("option '\(option.key)' is described twice") }
            return option
        }
        return PluginOp(name: name, summary: summary, details: op.details.map { String(cString: $0) } ?? "",
                        parameters: parameters, options: options, producesValue: op.produces_tensor != 0,
                        plugin: plugin, function: apply)
    }

    /// Required parameters first, then optional ones; only the last may repeat.
    private static func checkOrder(_ parameters: [Parameter], _ fail: (String) -> DescriptionError) throws {
        for (i, p) in parameters.enumerated() {
            if p.isRepeated, i != parameters.count - 1 {
                throw fail("parameter \(i + 1) (\(p.placeholder)) repeats but is not the last")
            }
            if !p.isOptional, i > 0, parameters[i - 1].isOptional {
                throw fail("parameter \(i + 1) (\(p.placeholder)) is required but follows an optional one")
            }
        }
    }

    // MARK: - Parameters and options

    private static func parameter(_ p: convsh_parameter, _ fail: (String) -> DescriptionError) throws -> Parameter {
        guard p.flags & ~Int32(CONVSH_OPTIONAL | CONVSH_REPEATED) == 0 else { throw fail("unknown flags \(p.flags)") }
        let kind = try self.kind(p.kind, choices: p.choices, fail)
        let placeholder = try self.placeholder(p.placeholder, kind: kind, fail)
        return Parameter(placeholder, kind, optional: p.flags & Int32(CONVSH_OPTIONAL) != 0,
                         repeated: p.flags & Int32(CONVSH_REPEATED) != 0)
    }

    private static func option(_ o: convsh_option, _ fail: (String) -> DescriptionError) throws -> OptionSpec {
        guard let key = line(o.key), Registry.isValidName(key) else { throw fail("no valid key") }
        let kind = try self.kind(o.kind, choices: o.choices, fail)
        guard kind != .tensor else { throw fail("'\(key)' cannot be a tensor (options are numbers or words)") }
        return OptionSpec(key, try placeholder(o.placeholder, kind: kind, fail), kind)
    }

    private static func kind(_ code: Int32, choices: UnsafePointer<CChar>?,
                             _ fail: (String) -> DescriptionError) throws -> ParameterKind {
        let words = line(choices)?.split(separator: "|").map(String.init) ?? []
        switch code {
        case CONVSH_KIND_TENSOR: return .tensor
        case CONVSH_KIND_NUMBER: return .number
        case CONVSH_KIND_PATH: return .path
        case CONVSH_KIND_TEXT: return .text(completions: words)
        case CONVSH_KIND_CHOICE:
            guard !words.isEmpty, words.allSatisfy({ !$0.contains(" ") }) else {
                throw fail("a choice needs its words")
            }
            return .choice(words)
        default: throw fail("unknown kind \(code)")
        }
    }

    /// The given placeholder, or for a choice the words joined by `|`.
    private static func placeholder(_ text: UnsafePointer<CChar>?, kind: ParameterKind,
                                    _ fail: (String) -> DescriptionError) throws -> String {
        if let text = line(text), !text.isEmpty, !text.contains(" ") { return text }
        if case .choice(let words) = kind, text == nil { return words.joined(separator: "|") }
        throw fail("placeholder is missing or not one word")
    }

    /// A C string that must hold one line; nil when NULL or multi-line.
    private static func line(_ text: UnsafePointer<CChar>?) -> String? {
        guard let text else { return nil }
        let string = String(cString: text)
        return string.contains(where: \.isNewline) ? nil : string
    }
}

/// Why a description was refused (the loader adds the path).
struct DescriptionError: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}
