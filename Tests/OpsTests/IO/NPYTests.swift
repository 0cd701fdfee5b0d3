import Foundation
import Testing
@testable import Ops

/// `.npy` files written by NumPy (every numeric dtype, both byte orders, versions 1.0-3.0) against the values
/// NumPy's `astype(float32)` gives, which the generator stored as JSON.
@Suite struct NPYTests {
    nonisolated(unsafe) static let expectations = Reference.manifest["npy"] as! [String: [String: Any]]

    @Test(arguments: expectations.keys.sorted())
    func loadsAsNumPyConvertsToFloat32(_ file: String) throws {
        let expected = NPYTests.expectations[file]!
        let x = try load(Reference.path(file))
        #expect(x.shape == (expected["shape"] as! [Int]), "\(file)")
        let values = (expected["values"] as! [NSNumber]).map { Float($0.doubleValue) }
        #expect(x.scalars == values, "\(file)")
    }

    @Test(arguments: [("bad_fortran.npy", "Fortran-order"), ("bad_complex.npy", "unsupported .npy dtype '<c8'"),
                      ("bad_unicode.npy", "unsupported .npy dtype '<U2'"), ("bad_structured.npy", "structured")])
    func refusesWhatItCannotRepresent(_ file: String, _ reason: String) throws {
        let message = errorMessage { try load(Reference.path(file)) }
        #expect(message.hasPrefix("load: \(Reference.path(file)): "), "\(message)")
        #expect(message.contains(reason), "\(message)")
    }

    @Test func savedFileIsByteForByteWhatNumPySaves() throws {
        let matrix = try Tensor(shape: [2, 2], values: [1.5, -2, 0, 3])
        #expect(NPY.encode(matrix) == (try Reference.bytes("npy_saved_by_numpy.npy")))
        let vector = try Tensor(shape: [5], values: [0, 1, 2, 3, 4])
        #expect(NPY.encode(vector) == (try Reference.bytes("npy_saved_by_numpy_rank1.npy")))
    }

    @Test func roundTripsEveryBitPattern() throws {
        let special: [Float] = [.nan, .infinity, -.infinity, -0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude]
        for shape in [[], [6], [2, 3], [1, 2, 3, 1]] as [[Int]] {
            let values = shape.isEmpty ? [Float(7)] : special
            let x = try Tensor(shape: shape, values: values)
            let back = try NPY.decode(NPY.encode(x))
            #expect(back.shape == shape)
            #expect(back.scalars.map(\.bitPattern) == values.map(\.bitPattern))
        }
    }

    @Test func grayRGBAndAlphaDoNotApply() throws {
        let message = errorMessage { try load(Reference.path("npy_f4.npy"), "gray") }
        #expect(message.contains("a .npy file loads as stored"))
    }
}
