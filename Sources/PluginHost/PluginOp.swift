import ConvShellPlugin
import Ops

/// An op from a plugin library: the same `Op` description as a built-in, so help, completion, usage and argument
/// errors treat both alike.
///
/// `apply` checks each argument against the declared kind through `Arguments` (the one error form), hands the
/// values to the plugin's C function as `convsh_value`s, and returns the tensor it made through `host->output`.
public struct PluginOp: Op, @unchecked Sendable {
    public let name: String
    public let summary: String
    public let details: String
    public let parameters: [Parameter]
    public let options: [OptionSpec]
    public let producesValue: Bool
    /// The name of the plugin that brought this op.
    public let plugin: String
    let function: convsh_apply_fn

    public func apply(_ arguments: Arguments, _ context: Context) throws -> Value? {
        let values = PluginValues()
        // An optional parameter left out before a given one (a skipped choice word) goes over with present = 0.
        let positional = try (0..<arguments.count).map { index in
            arguments.argument(index + 1) == nil ? convsh_value()
                : try values.positional(index + 1, kind: kind(ofPosition: index + 1) ?? .text(completions: []), arguments)
        }
        let optional = try options.map { try values.option($0, arguments) }
        let call = PluginCall(op: name, context: context)
        let status = withExtendedLifetime((values, call)) {
            positional.withUnsafeBufferPointer { positional in
                optional.withUnsafeBufferPointer { optional in
                    function(PluginCall.host, call.pointer, positional.baseAddress, Int32(positional.count),
                             optional.baseAddress)
                }
            }
        }
        return try call.result(status: status, producesValue: producesValue).map(Value.tensor)
    }
}
