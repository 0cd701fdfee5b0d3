import ConvShellPlugin

/// A plugin written in Swift against the C interface: `negate X` gives -x. It shows (and the tests check) that the
/// interface needs nothing of Swift's own ABI: the entry point is exported with `@_cdecl`, the tables are C structs.

/// A string literal as a C string with static lifetime, as the interface requires.
private func c(_ text: StaticString) -> UnsafePointer<CChar> {
    UnsafeRawPointer(text.utf8Start).assumingMemoryBound(to: CChar.self)
}

private func applyNegate(_ host: UnsafePointer<convsh_host>?, _ call: OpaquePointer?,
                         _ arguments: UnsafePointer<convsh_value>?, _ argumentCount: Int32,
                         _ options: UnsafePointer<convsh_value>?) -> Int32 {
    let host = host!.pointee
    let x = arguments![0].tensor
    guard let y = host.output(call, x.rank, x.shape) else { return CONVSH_ERROR }
    for i in 0..<Int(x.count) { y[i] = -x.data[i] }
    return CONVSH_OK
}

/// The description, built once and never freed: it must outlive every call.
nonisolated(unsafe) private let plugin: UnsafeMutablePointer<convsh_plugin> = {
    let parameters = UnsafeMutablePointer<convsh_parameter>.allocate(capacity: 1)
    parameters.initialize(to: convsh_parameter(placeholder: c("X"), kind: CONVSH_KIND_TENSOR, choices: nil, flags: 0))
    let ops = UnsafeMutablePointer<convsh_op>.allocate(capacity: 1)
    ops.initialize(to: convsh_op(name: c("negate"), summary: c("y = -x, from a plugin written in Swift"),
                                 details: nil, parameters: parameters, parameter_count: 1, options: nil,
                                 option_count: 0, produces_tensor: 1, apply: applyNegate))
    let plugin = UnsafeMutablePointer<convsh_plugin>.allocate(capacity: 1)
    plugin.initialize(to: convsh_plugin(interface: UInt32(CONVSH_PLUGIN_INTERFACE), name: c("swift_negate"),
                                        version: c("0.1.0"), ops: ops, op_count: 1))
    return plugin
}()

@_cdecl("convsh_plugin_entry")
public func convshPluginEntry(_ hostInterface: UInt32) -> UnsafePointer<convsh_plugin>? {
    UnsafePointer(plugin)
}
