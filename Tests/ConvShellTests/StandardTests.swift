import Foundation
import TestSupport
import XCTest

/// Output that cannot be written ends the run with one line on stderr and status 1, as coreutils do; a default
/// SIGPIPE still ends it with 141.
final class StandardTests: XCTestCase {
    /// `sh -c SCRIPT` with `$0` = the convsh binary.
    func shell(_ script: String) throws -> Convsh.Result {
        try Convsh.run(["-c", script, Products.convsh.path], executable: URL(fileURLWithPath: "/bin/sh"))
    }

    func testFullDisk() throws {
        let r = try shell(#""$0" -c help > /dev/full"#)
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "convsh: write error on standard output: No space left on device\n")
    }

    func testClosedStdout() throws {
        let r = try shell(#""$0" -c 'k = kernel edge; k' >&-"#)
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "convsh: write error on standard output: Bad file descriptor\n")
    }

    func testClosedStdoutDoesNotLendItsNumberToAFile() throws {
        // With stdout closed, the next open() would get descriptor 1: a save must not then receive the output.
        let folder = try TemporaryFolder("closed")
        let r = try shell(#"cd "\#(folder.path)" && "$0" -c 'k = kernel edge; save k k.npy; k' >&-"#)
        XCTAssertEqual(r.status, 1)
        let saved = try XCTUnwrap(FileManager.default.contents(atPath: folder.path + "/k.npy"))
        XCTAssertEqual(Array(saved.prefix(6)), [0x93] + Array("NUMPY".utf8))
        XCTAssertEqual(saved.count, 128 + 9 * 4, "the .npy alone, no text written into it")
    }

    /// 400 `help`s: 700 KB, far more than a pipe holds, so convsh is still writing when the reader leaves.
    let lots = Array(repeating: "help", count: 400).joined(separator: "; ")

    /// bash -c SCRIPT with `$1` = convsh, `$2` = the statements; the status of convsh in the pipe on stdout.
    func pipe(_ signal: String) throws -> Convsh.Result {
        try Convsh.run(["-c", #"env \#(signal) "$1" -c "$2" | head -c 10 > /dev/null; echo ${PIPESTATUS[0]}"#,
                        "bash", Products.convsh.path, lots], executable: URL(fileURLWithPath: "/bin/bash"))
    }

    func testBrokenPipeWithSIGPIPEIgnored() throws {
        let r = try pipe("--ignore-signal=PIPE")
        XCTAssertEqual(r.stdout, "1\n")
        XCTAssertEqual(r.stderr, "convsh: write error on standard output: Broken pipe\n")
    }

    func testBrokenPipeWithDefaultSIGPIPEIs141() throws {
        let r = try pipe("--default-signal=PIPE")
        XCTAssertEqual(r.stdout, "141\n")
        XCTAssertEqual(r.stderr, "", "killed by the signal, as any filter is")
    }

    func testClosedStderrStillExits1() throws {
        let r = try shell(#""$0" -c 'relux' 2>&-"#)
        XCTAssertEqual(r.status, 1)
    }
}
