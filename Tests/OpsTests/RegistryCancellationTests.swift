import XCTest
@testable import Ops

/// Ctrl-C during an op: `Registry.call` throws `Interrupted` and binds nothing.
///
/// XCTest, not Swift Testing, on purpose: the cancellation flag is process-wide (one Ctrl-C stops every loop), and
/// Swift Testing runs suites in parallel in one process, so raising it there stopped other suites' worker-pool
/// loops midway (a Winograd test in CI read a tile its skipped task never wrote). XCTest's cases run one at a
/// time, before the Swift Testing suites start.
final class RegistryCancellationTests: XCTestCase {
    let registry = Registry()
    let context = Context(threads: 1, write: { _ in })

    func testCtrlCDuringAnOpThrowsInterruptedAndNoResult() throws {
        Cancellation.request()
        defer { Cancellation.clear() }
        let k = Argument(.tensor(try Tensor(shape: [3, 3], repeating: 1)), text: "k")
        let image = Argument(.tensor(try Tensor(shape: [64, 64, 1], repeating: 1)), text: "img")
        XCTAssertThrowsError(try registry.call("conv2d", [image, k], context: context)) {
            XCTAssert($0 is Interrupted, "\($0)")
        }
        Cancellation.clear()
        XCTAssertEqual(try registry.call("conv2d", [image, k], context: context)?.tensor?.shape, [62, 62, 1])
    }
}
