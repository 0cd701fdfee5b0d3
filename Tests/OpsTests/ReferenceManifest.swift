import Foundation
import XCTest
@testable import Ops

/// One entry of a reference manifest: `Reference/manifest.json` (scripts/make-reference.py), its `nonfinite/`
/// (scripts/make-nonfinite-reference.py) and `CourseReference/manifest.json` (scripts/make-course-reference.py).
struct ReferenceCase {
    let name, op, reference: String
    /// The expected result's file; nil when the case must fail with `error` in its message.
    let output, error: String?
    /// Tensor arguments (loaded from these files), then path arguments (files in the folder).
    let inputs, paths: [String]
    /// The positional arguments after those: the manifest's `args` (words, numbers, lists) or `words`.
    let args: [Syntax]
    /// Options; `{"tensor": file}` values become tensors named `option_KEY`.
    let options: [(String, Syntax)]
    let tensorOptions: [String: String]

    init(_ json: [String: Any]) throws {
        name = try XCTUnwrap(json["name"] as? String)
        op = try XCTUnwrap(json["op"] as? String)
        output = json["output"] as? String
        error = json["error"] as? String
        reference = json["reference"] as? String ?? ""
        inputs = try XCTUnwrap(json["inputs"] as? [String])
        paths = json["paths"] as? [String] ?? []
        args = try XCTUnwrap(json["args"] as? [Any] ?? json["words"] as? [Any]).map(ReferenceCase.syntax)
        var tensors: [String: String] = [:], options: [(String, Syntax)] = []
        for (key, value) in try XCTUnwrap(json["options"] as? [String: Any]).sorted(by: { $0.key < $1.key }) {
            if let file = (value as? [String: Any])?["tensor"] as? String {
                tensors[key] = file
                options.append((key, .word("option_\(key)")))
            } else {
                options.append((key, try ReferenceCase.syntax(value)))
            }
        }
        self.options = options
        tensorOptions = tensors
    }

    static func syntax(_ value: Any) throws -> Syntax {
        switch value {
        case let word as String: return .word(word)
        case let n as NSNumber: return .number(n.doubleValue)
        case let list as [NSNumber]: return .list(list.map { .number($0.doubleValue) })
        default: throw OpError("unexpected argument \(value)")
        }
    }
}

/// A bundled folder of reference cases: its manifest, its `.npy` files, and a case's tensors bound to a runner.
struct ReferenceFolder {
    let url: URL

    /// The test resource `resource`, or its `subfolder`.
    init(_ resource: String, _ subfolder: String? = nil) {
        let root = Bundle.module.url(forResource: resource, withExtension: nil)!
        url = subfolder.map { root.appendingPathComponent($0) } ?? root
    }

    func load(_ file: String) throws -> Tensor {
        try NPY.decode(Array(try Data(contentsOf: url.appendingPathComponent(file))))
    }

    /// Every case of `manifest.json`; a manifest with fewer than `minimum` fails the test.
    func cases(atLeast minimum: Int, file: StaticString = #filePath, line: UInt = #line) throws -> [ReferenceCase] {
        let data = try Data(contentsOf: url.appendingPathComponent("manifest.json"))
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let cases = try XCTUnwrap(json["cases"] as? [[String: Any]]).map(ReferenceCase.init)
        XCTAssertGreaterThanOrEqual(cases.count, max(minimum, 1), "the manifest lost cases", file: file, line: line)
        return cases
    }

    /// Loads `c`'s inputs into `runner` as `t0, t1, ...` and its tensor options as `option_KEY`; returns the
    /// inputs' names as the first positional arguments.
    func bind(_ c: ReferenceCase, to runner: OpRunner) throws -> [Syntax] {
        for (i, file) in c.inputs.enumerated() { runner.tensors["t\(i)"] = try load(file) }
        for (key, file) in c.tensorOptions { runner.tensors["option_\(key)"] = try load(file) }
        return c.inputs.indices.map { .word("t\($0)") }
    }
}
