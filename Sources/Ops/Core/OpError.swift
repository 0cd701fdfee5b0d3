/// The one error form of ConvShell: a single line, prefixed by the op when there is one.
///
/// Rendered like Lua's `luaL_argerror`: `conv2d: argument 3: expected same|valid, got 'sme'`.
/// Scripts add `FILE:LINE: error: ` in front; the REPL prints `error: ` and goes on.
public struct OpError: Error, CustomStringConvertible, Equatable {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }

    /// `OP: MESSAGE`.
    public static func op(_ op: String, _ message: String) -> OpError { OpError("\(op): \(message)") }

    /// `OP: argument N: MESSAGE` with N counted from 1 among positional arguments.
    public static func argument(_ op: String, _ position: Int, _ message: String) -> OpError {
        OpError("\(op): argument \(position): \(message)")
    }

    /// `OP: option KEY: MESSAGE`.
    public static func option(_ op: String, _ key: String, _ message: String) -> OpError {
        OpError("\(op): option \(key): \(message)")
    }
}
