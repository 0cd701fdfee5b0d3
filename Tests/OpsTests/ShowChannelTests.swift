import XCTest
@testable import Ops

/// `show`'s cin=/cout=: out-of-range values say the range; on what is not a bank they are an error, not ignored;
/// a batch of images is not taken for a kernel bank.
final class ShowChannelTests: XCTestCase {
    let runner = OpRunner()

    func testOutOfRangeSaysTheRange() throws {
        runner.tensors["w"] = try Tensor(shape: [3, 3, 3, 2], repeating: 1)
        XCTAssertEqual(runner.error("show", [.word("w")], options: [("cin", .number(3))]),
                       "show: option cin: cin=3 is out of range: w has 3 input channels (cin=0 to 2)")
        XCTAssertEqual(runner.error("show", [.word("w")], options: [("cout", .number(2))]),
                       "show: option cout: cout=2 is out of range: w has 2 output channels (cout=0 to 1)")
    }

    func testChannelOptionsOnAFeatureMapAreAnError() throws {
        runner.tensors["maps"] = try Tensor(shape: [20, 30, 3], repeating: 0.5)
        runner.tensors["k"] = try Tensor(shape: [3, 3], repeating: 1)
        XCTAssertEqual(runner.error("show", [.word("maps")], options: [("cout", .number(3))]),
                       "show: option cout: cout picks a slice of a [kh,kw,Cin,Cout] kernel bank; maps is [20,30,3]")
        XCTAssertEqual(runner.error("show", [.word("k")], options: [("cin", .number(0))]),
                       "show: option cin: cin picks a slice of a [kh,kw,Cin,Cout] kernel bank; k is [3,3]")
    }

    func testABatchOfImagesIsNotAKernelBank() throws {
        XCTAssertFalse(KernelTable.fits([4, 16, 16, 3]))
        XCTAssertFalse(KernelTable.fits([2, 8, 8, 1]))
        for bank in [[3, 3, 1, 3], [5, 5, 3, 64], [1, 7, 64, 64], [3, 3, 3, 3], [7, 1, 16, 16]] {
            XCTAssert(KernelTable.fits(bank), "\(bank)")
        }
        let batch = try Tensor(shape: [4, 16, 16, 3], repeating: 0.5)
        XCTAssertEqual(TensorDescription.describe(batch, name: "b"), "b: [4,16,16,3] float32 (12.0 KiB), range 0.5 .. 0.5")
    }
}
