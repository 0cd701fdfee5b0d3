import Testing
@testable import Ops

/// Size arithmetic that cannot wrap: the cap's setter refuses what would overflow, and sizes beyond `Int` print
/// as what they are.
struct LimitsTests {
    @Test func setterValidatesTheRange() throws {
        for bad in ["0", "-5", "2305843009213693952", "99999999999999999999", "1.5", "lots"] {
            #expect(throws: OpError.self) { try Limits.setMaxPixels(bad) }
        }
        #expect(performing: { try Limits.setMaxPixels("2305843009213693952") }, throws: { error in
            "\(error)" == "expected an integer from 1 to 1099511627776, got '2305843009213693952'"
        })
    }

    @Test func clampedCapNeverOverflows() {
        // The plain setter (code, not users) clamps: at the largest cap the byte count of maxElements still fits.
        let (bytes, overflow) = (Limits.maxMaxPixels * 4).multipliedReportingOverflow(by: 4)
        #expect(!overflow && bytes == 1 << 44)
    }

    @Test func hugeShapesPrintTheirRealSize() {
        // An .npy header of <f8 [2^61] used to print "would need -9223372036854775808 B".
        #expect(performing: { try Limits.checkElements(1 << 61, shape: [1 << 61]) }, throws: { error in
            "\(error)".hasPrefix("tensor [2305843009213693952] would need 8.0 EiB, over the cap of ")
        })
        #expect(Tensor.formatBytes(Double(Int.max) * 4) == "32.0 EiB")
        #expect(Tensor.formatBytes(1023) == "1023 B" && Tensor.formatBytes(1536) == "1.5 KiB")
        #expect(throws: OpError.self) { _ = try TensorBuffer(uninitializedCount: Int.max / 2) }
    }

    @Test func npyHeaderOfTwoToTheSixtyOneElements() {
        var header = Array("{'descr': '<f8', 'fortran_order': False, 'shape': (2305843009213693952,), }".utf8)
        while (10 + header.count + 1) % 64 != 0 { header.append(0x20) }
        header.append(0x0A)
        let file = [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(header.count & 255), UInt8(header.count >> 8)] + header
        #expect(performing: { _ = try NPY.decode(file) }, throws: { error in
            "\(error)".hasPrefix("tensor [2305843009213693952] would need 8.0 EiB, over the cap")
        })
    }
}
