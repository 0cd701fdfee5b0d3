/// The one error form of ConvShell: a single line, prefixed by the op when there is one (LANGUAGE.md §8).
///
/// Rendered like Lua's `luaL_argerror`: `conv2d: argument 3 (same|valid): expected same|valid, got 'sme'`. An op
/// throws the bare message, with the argument position or option key it concerns; `Registry.call` fills in the
/// op and the parameter's placeholder, once. Scripts add `FILE:LINE: error: ` in front; the REPL prints `error: `
/// and goes on.
public struct OpError: Error, CustomStringConvertible, Equatable {
    /// Two errors are equal when they read the same.
    public static func == (a: OpError, b: OpError) -> Bool { a.description == b.description }

    /// The bare message: `expected same|valid, got 'sme'`.
    public var message: String
    /// The 1-based positional parameter the message is about, if any.
    public var position: Int?
    /// The parameter's placeholder (`K`, `same|valid`), filled in by the registry.
    public var placeholder: String?
    /// The option key the message is about, if any.
    public var option: String?
    /// The op that failed, filled in by the registry; nil while the error travels inside the op.
    public var op: String?

    public init(_ message: String) { self.message = message }

    /// The full one-line text: `OP: argument N (PLACEHOLDER): MESSAGE`, `OP: option KEY: MESSAGE`, `OP: MESSAGE`.
    public var description: String {
        var parts: [String] = []
        if let op { parts.append(op) }
        if let position { parts.append("argument \(position)" + (placeholder.map { " (\($0))" } ?? "")) }
        if let option { parts.append("option \(option)") }
        parts.append(message)
        return parts.joined(separator: ": ")
    }

    /// An error about the positional argument at `position` (from 1).
    public static func argument(_ position: Int, _ message: String) -> OpError {
        var error = OpError(message)
        error.position = position
        return error
    }

    /// An error about option `key`.
    public static func option(_ key: String, _ message: String) -> OpError {
        var error = OpError(message)
        error.option = key
        return error
    }

    /// This error as raised by `op`, unless it already names an op (an error from a nested call keeps its own).
    public func raised(by op: any Op) -> OpError {
        guard self.op == nil else { return self }
        var error = self
        error.op = op.name
        if let position, position >= 1 {
            let parameters = op.parameters
            if position <= parameters.count {
                error.placeholder = parameters[position - 1].placeholder
            } else if let last = parameters.last, last.isRepeated {
                error.placeholder = last.placeholder
            }
        }
        return error
    }
}

/// Ctrl-C (or SIGTERM) stopped the running op or loop; nothing it was making is bound.
public struct Interrupted: Error, CustomStringConvertible {
    public init() {}
    public var description: String { "interrupted" }
}
