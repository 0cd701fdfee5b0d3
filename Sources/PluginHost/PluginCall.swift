import ConvShellPlugin
import Ops

/// One running call of a plugin op: the `convsh_call` a plugin passes back to the host functions.
///
/// It keeps the tensor the op asked for through `host->output` and the error it reported through `host->fail...`,
/// and turns them into the op's result or its one-line error when `apply` returns.
final class PluginCall {
    let op: String
    let context: Context
    private(set) var output: Tensor?
    private var outputRequested = false
    private(set) var error: OpError?

    init(op: String, context: Context) {
        self.op = op
        self.context = context
    }

    /// The opaque pointer handed to the plugin; valid while `self` is alive.
    var pointer: OpaquePointer { OpaquePointer(Unmanaged.passUnretained(self).toOpaque()) }

    static func from(_ pointer: OpaquePointer?) -> PluginCall? {
        pointer.map { Unmanaged<PluginCall>.fromOpaque(UnsafeRawPointer($0)).takeUnretainedValue() }
    }

    // MARK: - Host functions

    /// Largest rank `host->output` accepts.
    static let maxRank = 16

    /// Allocates the result tensor; nil (with the error recorded) for a bad or too large shape or a second call.
    func makeOutput(rank: Int32, shape: UnsafePointer<Int64>?) -> UnsafeMutablePointer<Float>? {
        guard !outputRequested else { fail("the plugin asked for its output tensor twice"); return nil }
        outputRequested = true
        guard (0...Int32(PluginCall.maxRank)).contains(rank), rank == 0 || shape != nil else {
            fail("the plugin asked for an output of rank \(rank)")
            return nil
        }
        let dimensions = (0..<Int(rank)).map { Int(truncatingIfNeeded: shape![$0]) }
        do {
            let tensor = try Tensor(uninitializedShape: dimensions)
            output = tensor
            return tensor.buffer.pointer
        } catch {
            fail((error as? OpError)?.message ?? String(describing: error))
            return nil
        }
    }

    /// Records the plugin's error (the first wins; newlines become spaces so it stays one line); the registry
    /// renders it with the op's name and the parameter's placeholder.
    func fail(_ message: String, position: Int? = nil, option: String? = nil) {
        guard error == nil else { return }
        var error = OpError(message.split(whereSeparator: \.isNewline).joined(separator: " "))
        error.position = position
        error.option = option
        self.error = error
    }

    /// What `apply` returned, as the op's result.
    func result(status: Int32, producesValue: Bool) throws -> Tensor? {
        guard status == CONVSH_OK else { throw error ?? OpError("failed (the plugin gave no reason)") }
        guard producesValue else { return nil }
        guard let output else { throw error ?? OpError("the plugin returned no tensor") }
        return output
    }

    // MARK: - The table handed to plugins

    /// The `convsh_host` every call receives; allocated once, never freed.
    nonisolated(unsafe) static let host: UnsafeMutablePointer<convsh_host> = {
        let table = UnsafeMutablePointer<convsh_host>.allocate(capacity: 1)
        table.initialize(to: convsh_host(
            interface: PluginError.interface,
            output: { call, rank, shape in PluginCall.from(call)?.makeOutput(rank: rank, shape: shape) },
            fail: { call, message in
                PluginCall.from(call)?.fail(text(message))
                return CONVSH_ERROR
            },
            fail_argument: { call, position, message in
                PluginCall.from(call)?.fail(text(message), position: Int(position))
                return CONVSH_ERROR
            },
            fail_option: { call, key, message in
                PluginCall.from(call)?.fail(text(message), option: text(key))
                return CONVSH_ERROR
            },
            print: { call, line in PluginCall.from(call)?.context.print(text(line)) },
            threads: { call in Int32(clamping: PluginCall.from(call)?.context.threads ?? 1) }))
        return table
    }()
}

/// A C string from a plugin, or `?` for NULL.
private func text(_ pointer: UnsafePointer<CChar>?) -> String {
    pointer.map { String(cString: $0) } ?? "?"
}
