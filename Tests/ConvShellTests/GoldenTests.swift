import Foundation
import TestSupport
import XCTest

/// Golden transcripts: `Tests/Golden/NAME.convsh` runs through the built binary in a fresh folder holding a copy
/// of `Tests/Golden/data`; its stdout, stderr, exit status and the files it leaves must be as expected.
///
/// Per transcript:
/// - `NAME.stdout`, `NAME.stderr`: expected output (a missing file means empty). A line starting with `~` is a
///   regular expression the whole line must match (for timings); every other line must match exactly.
/// - `NAME.files`: the files the run must leave besides the unchanged copies of `data/` (one path a line); a line
///   `PATH = DATAFILE` also asserts that PATH is byte-identical to `data/DATAFILE`. Missing means none.
/// - Directives, as comments at the top of the script:
///   `#: mode file [ARGS]` (default: `convsh NAME.convsh ARGS`), `#: mode -c [ARGS]` (the script's text through
///   `-c`), `#: mode stdin` (piped in), `#: mode args ARGS` (`convsh ARGS`, the script is not passed);
///   `#: status N` (expected exit status, default 0); `#: ulimit-f BLOCKS` (file size limit, SIGXFSZ ignored,
///   so that a write fails midway).
final class GoldenTests: XCTestCase {
    static let folder = Convsh.testsFolder.appendingPathComponent("Golden")

    struct Transcript {
        let name: String
        let script: String
        var mode = "file"
        var modeArguments: [String] = []
        var status: Int32 = 0
        var fileSizeLimit: Int?

        init(name: String, script: String) throws {
            self.name = name
            self.script = script
            for line in script.split(separator: "\n") where line.hasPrefix("#: ") {
                let words = line.dropFirst(3).split(separator: " ").map(String.init)
                switch words.first {
                case "mode": mode = words[1]; modeArguments = Array(words.dropFirst(2))
                case "status": status = Int32(words[1])!
                case "ulimit-f": fileSizeLimit = Int(words[1])!
                default: throw NSError(domain: "golden: \(name): unknown directive \(line)", code: 1)
                }
            }
        }
    }

    func testTranscripts() throws {
        XCTAssert(FileManager.default.isExecutableFile(atPath: Products.convsh.path),
                  "\(Products.convsh.path) is missing: run swift build first")
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
            .filter { $0.hasSuffix(".convsh") }.map { String($0.dropLast(7)) }.sorted()
        XCTAssertGreaterThanOrEqual(names.count, 15)
        for name in names {
            try check(Transcript(name: name, script: try String(contentsOf: Self.folder.appendingPathComponent(name + ".convsh"),
                                                                  encoding: .utf8)))
        }
    }

    // MARK: - One transcript

    func check(_ t: Transcript) throws {
        let work = try TemporaryFolder("golden-\(t.name)")
        let data = Self.folder.appendingPathComponent("data")
        let inputs = try FileManager.default.contentsOfDirectory(atPath: data.path)
        for file in inputs {
            try FileManager.default.copyItem(at: data.appendingPathComponent(file),
                                             to: work.url.appendingPathComponent(file))
        }
        let scriptFile = t.name + ".convsh"
        try work.write(scriptFile, t.script)

        var arguments: [String]
        var stdin: String?
        switch t.mode {
        case "file": arguments = [scriptFile] + t.modeArguments
        case "-c": arguments = ["-c", t.script] + t.modeArguments
        case "stdin": arguments = []; stdin = t.script
        case "args": arguments = t.modeArguments
        default: return XCTFail("\(t.name): unknown mode \(t.mode)")
        }
        var executable = Products.convsh
        if let blocks = t.fileSizeLimit {
            arguments = ["-c", "ulimit -f \(blocks); trap '' XFSZ; exec \"$0\" \"$@\"", executable.path] + arguments
            executable = URL(fileURLWithPath: "/bin/bash")
        }
        let result = try Convsh.run(arguments, stdin: stdin, in: work.url, executable: executable)

        XCTAssertEqual(result.status, t.status, "\(t.name): exit status; stderr: \(result.stderr)")
        compare(result.stdout, expected: try expected(t.name, "stdout"), "\(t.name).stdout")
        compare(result.stderr, expected: try expected(t.name, "stderr"), "\(t.name).stderr")
        try checkFiles(t.name, in: work.url, inputs: Set(inputs + [scriptFile]), data: data)
    }

    func expected(_ name: String, _ kind: String) throws -> String {
        let url = Self.folder.appendingPathComponent("\(name).\(kind)")
        return FileManager.default.fileExists(atPath: url.path) ? try String(contentsOf: url, encoding: .utf8) : ""
    }

    /// Line by line; a `~` line is a regular expression for the whole line.
    func compare(_ actual: String, expected: String, _ label: String) {
        let got = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let matches = got.count == want.count && zip(got, want).allSatisfy { line, pattern in
            guard pattern.hasPrefix("~") else { return line == pattern }
            return line.range(of: "^(?:" + pattern.dropFirst() + ")$", options: .regularExpression) != nil
        }
        if !matches {
            XCTFail("\(label) differs.\n--- expected\n\(expected)--- actual\n\(actual)---")
        }
    }

    /// Every file left in `work` that is not an unchanged input must be listed in NAME.files.
    func checkFiles(_ name: String, in work: URL, inputs: Set<String>, data: URL) throws {
        var listed: [String: String?] = [:]
        for line in try expected(name, "files").split(separator: "\n") {
            let parts = line.components(separatedBy: " = ")
            listed[parts[0]] = parts.count > 1 ? parts[1] : nil
        }
        let enumerator = FileManager.default.enumerator(atPath: work.path)!
        var left: [String] = []
        while let path = enumerator.nextObject() as? String {
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: work.appendingPathComponent(path).path, isDirectory: &isFolder)
            if isFolder.boolValue { continue }
            if inputs.contains(path), path.hasSuffix(".convsh") || FileManager.default.contentsEqual(
                atPath: work.appendingPathComponent(path).path, andPath: data.appendingPathComponent(path).path) {
                continue
            }
            left.append(path)
        }
        let expectedLeft = listed.keys.filter { !inputs.contains($0) }.sorted()
        XCTAssertEqual(left.sorted(), expectedLeft, "\(name): files left in the folder")
        for case let (path, source?) in listed {
            XCTAssert(FileManager.default.contentsEqual(atPath: work.appendingPathComponent(path).path,
                                                        andPath: data.appendingPathComponent(source).path),
                      "\(name): \(path) differs from data/\(source)")
        }
    }
}
