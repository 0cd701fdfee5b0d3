import Foundation
import Testing
@testable import Ops

/// `glob`, `basename`, `stem`, `dirname`, `range`, `len`, `exists` against what Python gives
/// (scripts/make-files-reference.py wrote Reference/files/manifest.json from the fixture tree beside it).
@Suite struct FileOpsTests {
    struct Manifest: Decodable {
        struct RangeCase: Decodable { let args: [Int]; let values: [Int] }
        let globs: [String: [String]]
        let parts: [String: [String: String]]
        let ranges: [RangeCase]
    }

    static let folder = Bundle.module.url(forResource: "Reference", withExtension: nil)!.appendingPathComponent("files")
    let manifest: Manifest
    /// Patterns are matched as `FOLDER/tree/PATTERN`; results are compared without the `FOLDER/`.
    let root = FileOpsTests.folder.path
    let context = Context(threads: 1, write: { _ in })

    init() throws {
        let data = try Data(contentsOf: FileOpsTests.folder.appendingPathComponent("manifest.json"))
        manifest = try JSONDecoder().decode(Manifest.self, from: data)
    }

    func call(_ op: String, _ arguments: [Value], _ options: [(key: String, value: Argument)] = []) throws -> Value? {
        try Registry().call(op, arguments.map { Argument($0) }, options: options, context: context)
    }

    func strings(_ value: Value?) -> [String] {
        guard case .list(let items) = value else { return ["not a list"] }
        return items.map { $0.string ?? "not a string" }
    }

    @Test func globMatchesPython() throws {
        #expect(manifest.globs.count >= 18)
        for (pattern, expected) in manifest.globs where !expected.isEmpty {
            let found = strings(try call("glob", [.string(root + "/tree/" + pattern)]))
                .map { String($0.dropFirst(root.count + 1)) }
            #expect(found == expected, "glob \(pattern)")
        }
    }

    @Test func globThatMatchesNothingIsAnErrorUnlessAllowed() throws {
        let empty = manifest.globs.filter { $0.value.isEmpty }.keys.sorted()
        #expect(empty.count >= 2)
        for pattern in empty {
            #expect(throws: OpError.self) { try call("glob", [.string(root + "/tree/" + pattern)]) }
            let allowed = try call("glob", [.string(root + "/tree/" + pattern)], [("allow_empty", Argument(.number(1)))])
            #expect(strings(allowed) == [], "glob \(pattern) allow_empty=1")
        }
    }

    @Test func pathPartsMatchPython() throws {
        #expect(manifest.parts.count >= 9)
        for (path, parts) in manifest.parts {
            for (part, expected) in parts {
                #expect(try call(part, [.string(path)])?.string == expected, "\(part)(\(path))")
            }
        }
    }

    @Test func rangeMatchesPython() throws {
        #expect(manifest.ranges.count >= 9)
        for range in manifest.ranges {
            let values = try call("range", range.args.map { .number(Double($0)) })
            guard case .list(let items) = values else { Issue.record("range \(range.args)"); continue }
            #expect(items.map { Int($0.number ?? .nan) } == range.values, "range \(range.args)")
        }
        #expect(throws: OpError("range: argument 3 (STEP): the step must not be 0")) {
            try call("range", [.number(0), .number(5), .number(0)])
        }
    }

    @Test func lenAndExists() throws {
        #expect(try call("len", [.list([.number(1), .string("a")])])?.number == 2)
        #expect(try call("len", [.string("abc")])?.number == 3)
        #expect(try call("len", [.tensor(try Tensor(shape: [4, 2], repeating: 0))])?.number == 4)
        #expect(throws: OpError("len: argument 1 (X): a number has no length")) { try call("len", [.number(3)]) }
        #expect(try call("exists", [.string(root + "/tree/top.jpg")])?.number == 1)
        #expect(try call("exists", [.string(root + "/tree/nope.jpg")])?.number == 0)
    }
}

/// `print` and `str`: Python's way for strings, numbers and lists; NumPy's for tensors (ArrayFormatter's tests
/// check the array layout against NumPy itself).
@Suite struct PrintTests {
    @Test func valuesPrintAsPythonWritesThem() throws {
        var printed = ""
        let context = Context(threads: 1, write: { printed += $0 })
        let m = try Tensor(shape: [2, 2], values: [1, 2.5, -3, 4])
        let list = Value.list([.string("a.jpg"), .number(2), .string("it's")])
        _ = try Registry().call("print", [Argument(.string("x")), Argument(.number(0.5)), Argument(list)],
                                context: context)
        #expect(printed == "x 0.5 ['a.jpg', 2, 'it\\'s']\n")
        printed = ""
        _ = try Registry().call("print", [Argument(.tensor(m))], context: context)
        #expect(printed == "[[ 1.   2.5]\n [-3.   4. ]]\n")
        #expect(try Registry().call("str", [Argument(.number(3))], context: context)?.string == "3")
    }
}
