import ConvShellPlugin
import Ops
@testable import PluginHost
import Testing

/// The host side of one call: what `host->output` and `host->fail...` do with what a plugin asks, including the
/// mistakes a plugin can make.
@Suite struct PluginCallTests {
    let context = Context(threads: 3, write: { _ in })
    var host: convsh_host { PluginCall.host.pointee }

    @Test func outputIsATensorOfTheAskedShape() throws {
        let call = PluginCall(op: "demo", context: context)
        let shape: [Int64] = [2, 3, 1]
        let pointer = try #require(host.output(call.pointer, 3, shape))
        for i in 0..<6 { pointer[i] = Float(i) }
        let result = try #require(try call.result(status: CONVSH_OK, producesValue: true))
        #expect(result.shape == [2, 3, 1])
        #expect(result.scalars == [0, 1, 2, 3, 4, 5])
    }

    @Test func secondOutputIsRefused() throws {
        let call = PluginCall(op: "demo", context: context)
        let shape: [Int64] = [1]
        #expect(host.output(call.pointer, 1, shape) != nil)
        #expect(host.output(call.pointer, 1, shape) == nil)
        #expect(call.error == OpError("the plugin asked for its output tensor twice"))
    }

    @Test(arguments: [
        ([Int64(-1), 2], "negative dimension in shape [-1,2]"),
        ([Int64(1) << 40, Int64(1) << 40], "shape [1099511627776,1099511627776] is too large"),
    ])
    func impossibleShapeIsAnErrorNotACrash(shape: [Int64], message: String) throws {
        let call = PluginCall(op: "demo", context: context)
        #expect(host.output(call.pointer, Int32(shape.count), shape) == nil)
        #expect(throws: OpError(message)) { try call.result(status: CONVSH_ERROR, producesValue: true) }
    }

    @Test func rankBeyondTheLimitIsRefused() {
        let call = PluginCall(op: "demo", context: context)
        #expect(host.output(call.pointer, 17, nil) == nil)
        #expect(call.error == OpError("the plugin asked for an output of rank 17"))
    }

    @Test func failuresUseTheOneErrorForm() {
        let cases: [(PluginCall) -> Int32] = [
            { host.fail($0.pointer, "bad\nthing") },
            { host.fail_argument($0.pointer, 2, "expected a positive number") },
            { host.fail_option($0.pointer, "below", "must not be nan") },
        ]
        // The registry adds `demo: ` and the placeholder when it renders them (RegistryCallTests).
        let expected = [OpError("bad thing"), OpError.argument(2, "expected a positive number"),
                        OpError.option("below", "must not be nan")]
        for (fail, error) in zip(cases, expected) {
            let call = PluginCall(op: "demo", context: context)
            #expect(fail(call) == CONVSH_ERROR)
            #expect(throws: error) { try call.result(status: CONVSH_ERROR, producesValue: true) }
        }
    }

    @Test func silentFailureAndMissingTensorStillGiveOneLine() {
        let call = PluginCall(op: "demo", context: context)
        #expect(throws: OpError("failed (the plugin gave no reason)")) {
            try call.result(status: CONVSH_ERROR, producesValue: true)
        }
        #expect(throws: OpError("the plugin returned no tensor")) {
            try call.result(status: CONVSH_OK, producesValue: true)
        }
    }

    @Test func printAndThreadsReachTheContext() {
        nonisolated(unsafe) var printed = ""
        let context = Context(threads: 3, write: { printed += $0 })
        let call = PluginCall(op: "demo", context: context)
        host.print(call.pointer, "hello")
        #expect(printed == "hello\n")
        #expect(host.threads(call.pointer) == 3)
    }
}
