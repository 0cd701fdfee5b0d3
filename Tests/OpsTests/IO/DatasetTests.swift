import Foundation
import Testing
import TestSupport
@testable import Ops

/// `save LIST PATH.npy`: data sets against NumPy's `np.stack` + `np.save` and Python's `csv` module
/// (`scripts/make-dataset-reference.py` wrote the expected files).
@Suite struct DatasetTests {
    static let folder = Bundle.module.url(forResource: "Reference", withExtension: nil)!
        .appendingPathComponent("dataset")
    static func reference(_ name: String) -> String { folder.appendingPathComponent(name).path }
    static let rows = (0..<3).map { reference("row\($0).npy") }
    static let names = try! String(contentsOfFile: reference("names.txt"), encoding: .utf8)
        .split(separator: "\n").map { Value.string(String($0)) }

    /// `save VALUE PATH [options]` through the registry, as a script calls it.
    static func save(_ value: Value, _ path: String, _ options: [(key: String, value: Argument)] = []) throws {
        _ = try Registry().call("save", [Argument(value, text: "x"), Argument(.string(path))], options: options,
                                context: Context(threads: 1, write: { _ in }))
    }

    static func message(_ body: () throws -> Void) -> String {
        do { try body(); return "no error" } catch { return "\(error)" }
    }

    @Test func aListOfPathsStreamsIntoNumPysStackWithAnIndex() throws {
        let out = try TemporaryFolder("dataset")
        let path = out.path + "/set.npy"
        try DatasetTests.save(.list(DatasetTests.rows.map(Value.string)), path)
        #expect(try FileFormat.read(path) == FileFormat.read(DatasetTests.reference("set.npy")))
        let index = try String(contentsOfFile: out.path + "/set.csv", encoding: .utf8)
        #expect(index == "path,row\n" + DatasetTests.rows.enumerated().map { "\($1),\($0)\n" }.joined())
    }

    @Test func aListOfTensorsWithIndexNamesMatchesPythonsCSV() throws {
        let out = try TemporaryFolder("dataset")
        let path = out.path + "/set.npy"
        let tensors = try DatasetTests.rows.map { Value.tensor(try NPY.decode(try FileFormat.read($0))) }
        try DatasetTests.save(.list(tensors), path, [(key: "index", value: Argument(.list(DatasetTests.names)))])
        #expect(try FileFormat.read(path) == FileFormat.read(DatasetTests.reference("set.npy")))
        #expect(try FileFormat.read(out.path + "/set.csv") == FileFormat.read(DatasetTests.reference("set.csv")))
    }

    @Test func aStackedTensorTakesAnIndexForItsFirstAxis() throws {
        let out = try TemporaryFolder("dataset")
        let stacked = try NPY.decode(try FileFormat.read(DatasetTests.reference("set.npy")))
        try DatasetTests.save(.tensor(stacked), out.path + "/set.npy",
                              [(key: "index", value: Argument(.list(DatasetTests.names)))])
        #expect(try FileFormat.read(out.path + "/set.npy") == FileFormat.read(DatasetTests.reference("set.npy")))
        #expect(try FileFormat.read(out.path + "/set.csv") == FileFormat.read(DatasetTests.reference("set.csv")))
        let short = Value.list(Array(DatasetTests.names.prefix(2)))
        #expect(DatasetTests.message { try DatasetTests.save(.tensor(stacked), out.path + "/b.npy",
                                                             [(key: "index", value: Argument(short))]) }
                == "save: option index: 2 names for 3 rows")
    }

    @Test func aBadRowFailsTheWholeSetAndLeavesOldFilesIntact() throws {
        let out = try TemporaryFolder("dataset")
        let path = out.path + "/set.npy"
        try DatasetTests.save(.list(DatasetTests.rows.map(Value.string)), path)
        let before = (try FileFormat.read(path), try FileFormat.read(out.path + "/set.csv"))
        let odd = try Tensor(shape: [3, 2, 1], repeating: 0)
        let mixed = Value.list([.string(DatasetTests.rows[0]), .tensor(odd)])
        #expect(DatasetTests.message { try DatasetTests.save(mixed, path) }
                == "save: item 2 is [3,2,1], item 1 was [2,3,1]: a data set's rows share one shape")
        let missing = Value.list([.string(DatasetTests.rows[0]), .string(out.path + "/none.npy")])
        #expect(DatasetTests.message { try DatasetTests.save(missing, path) }
                == "save: item 2 of 2: \(out.path)/none.npy: no such file")
        let png = out.path + "/x.png"
        #expect(DatasetTests.message { try DatasetTests.save(.list([.string("a.npy"), .number(1)]), png) }
                == "save: argument 2 (PATH): a list saves as a .npy data set; got '\(out.path)/x.png'")
        #expect(try FileFormat.read(path) == before.0)
        #expect(try FileFormat.read(out.path + "/set.csv") == before.1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == ["set.csv", "set.npy"])
    }
}
