import Foundation
import TestSupport
import XCTest
@testable import ConvShell
@testable import Ops

/// The Jupyter kernel's parts that need no client: signatures, message framing, `show`'s display hook, the HTML
/// of a shaded table, kernelspec folders, the command line. scripts/test-jupyter drives the whole kernel with
/// jupyter_client and nbconvert.
final class JupyterTests: XCTestCase {
    // MARK: - Signatures and framing

    /// RFC 4231 test case 2 (key "Jefe"), the message split over two frames as the kernel signs four.
    func testSignatureIsHMACSHA256OfTheFrames() {
        let signer = MessageSigner(key: "Jefe")
        XCTAssertEqual(signer.signature(of: [Array("what do ya ".utf8), Array("want for nothing?".utf8)]),
                       "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    func testSignedMessageRoundTripsAndForgeriesAreRefused() throws {
        let signer = MessageSigner(key: "a0436f6c-1916-498b-8eb9-e81ab9368e84")
        let message = WireMessage(identities: [Array("client-7".utf8)],
                                  header: ["msg_id": "1", "msg_type": "execute_request"], parentHeader: [:],
                                  content: ["code": "x = 1"], buffers: [[1, 2, 3]])
        let frames = message.encode(signer: signer)
        XCTAssertEqual(frames[1], WireMessage.delimiter)
        XCTAssertEqual(frames.count, 1 + 1 + 1 + 4 + 1)
        let decoded = try WireMessage.decode(frames, signer: signer)
        XCTAssertEqual(decoded.identities, [Array("client-7".utf8)])
        XCTAssertEqual(decoded.type, "execute_request")
        XCTAssertEqual(decoded.content["code"] as? String, "x = 1")
        XCTAssertEqual(decoded.buffers, [[1, 2, 3]])

        func refusal(_ frames: [[UInt8]], _ signer: MessageSigner) -> String {
            do {
                _ = try WireMessage.decode(frames, signer: signer)
                return "accepted"
            } catch {
                return String(describing: error)
            }
        }
        XCTAssertEqual(refusal(frames, MessageSigner(key: "another key")), "bad signature")
        var tampered = frames
        tampered[6] = Array(#"{"code":"del x"}"#.utf8)
        XCTAssertEqual(refusal(tampered, signer), "bad signature")
        var noHex = frames
        noHex[2] = Array("zz".utf8)
        XCTAssertEqual(refusal(noHex, signer), "bad signature")
        XCTAssertEqual(refusal(Array(frames[2...]), signer), "no <IDS|MSG> delimiter")
        XCTAssertEqual(refusal(Array(frames[..<6]), signer), "fewer than the five frames after the delimiter")
    }

    /// RFC 8259: sorted keys, `"` `\\` and control characters escaped, other UTF-8 as it is; a Double through Foundation.
    func testJSONWriterWritesCompactSortedJSON() {
        let value: [String: Any] = ["b": "a\"\\\n\u{1}é", "a": [1, true, "x"] as [Any], "n": 2.5, "e": [String: Any]()]
        XCTAssertEqual(String(decoding: JSONWriter.bytes(value), as: UTF8.self),
                       #"{"a":[1,true,"x"],"b":"a\"\\\n\u0001é","e":{},"n":2.5}"#)
    }

    func testWithoutAKeyMessagesAreNeitherSignedNorChecked() throws {
        let signer = MessageSigner(key: "")
        let frames = WireMessage(identities: [], header: ["msg_type": "kernel_info_request"], parentHeader: [:],
                                 content: [:]).encode(signer: signer)
        XCTAssertEqual(frames[1], [])
        XCTAssertEqual(try WireMessage.decode(frames, signer: signer).type, "kernel_info_request")
    }

    // MARK: - show through the display hook

    func testShowHandsPicturesAndTablesToTheDisplayHook() throws {
        let work = try TemporaryFolder("jupyter")
        let path = work.url.appendingPathComponent("map.npy").path
        let values = (0..<600).map { Float($0) / 599 }
        try Data(NPY.encode(try Tensor(shape: [20, 30, 1], values: values))).write(to: URL(fileURLWithPath: path))
        var printed = ""
        let shown = Shown()
        let context = Context(threads: 1) { printed += $0 }
        context.display = { shown.append($0) }
        let session = Session(context: context, write: { printed += $0 })
        try session.runScript("x = load '\(path)'\nshow x\nshow x x cmap=magma\nk = kernel edge\nshow k", file: "t")
        XCTAssertEqual(printed, "")
        XCTAssertEqual(shown.items.count, 3)
        guard case .picture(let oneImage, let text)? = shown.items.first,
              case .picture(let twoImage, _) = shown.items[1],
              case .table(let plain, let shaded) = shown.items[2] else {
            return XCTFail("expected two pictures and a table, got \(shown.items)")
        }
        let (one, two) = (try oneImage.tensor(), try twoImage.tensor())
        // One gray map: itself at full size, one channel, min..max stretched to 0..1.
        XCTAssertEqual(one.shape, [20, 30, 1])
        XCTAssertEqual(one.scalars.first, 0)
        XCTAssertEqual(one.scalars.last, 1)
        XCTAssertEqual(text, "x: [20,30,1], values 0..1")
        // Two tiles side by side, 1 pixel apart, coloured: 30 + 1 + 30 wide.
        XCTAssertEqual(two.shape, [20, 61, 3])
        XCTAssertEqual(plain.split(separator: "\n").last, "-1  -1  -1")
        XCTAssertFalse(plain.contains("\u{1B}"))
        XCTAssertTrue(shaded.contains("\u{1B}[48;2;"))
    }

    func testShadedTableBecomesColouredHTML() {
        let shaded = ANSI.background(ColorMap.RGB(8, 48, 107), trueColor: true)
            + ANSI.foreground(ColorMap.RGB(247, 251, 255), trueColor: true) + " -1 " + ANSI.reset + "\n<a & \"b\">"
        XCTAssertEqual(TableHTML.html(fromShaded: shaded),
                       "<pre style=\"line-height:1.25\"><span style=\"background:#08306b;color:#f7fbff\"> -1 </span>"
                       + "\n&lt;a &amp; &quot;b&quot;&gt;</pre>")
    }

    // MARK: - Installing and starting

    func testKernelspecFolders() {
        XCTAssertEqual(KernelSpec.kernelsFolder(user: false, prefix: "/opt/venv", environment: [:]),
                       "/opt/venv/share/jupyter/kernels")
        XCTAssertEqual(KernelSpec.kernelsFolder(user: false, prefix: nil, environment: [:]),
                       "/usr/local/share/jupyter/kernels")
        XCTAssertEqual(KernelSpec.kernelsFolder(user: true, prefix: nil, environment: ["JUPYTER_DATA_DIR": "/j"]),
                       "/j/kernels")
        #if os(Linux)
        XCTAssertEqual(KernelSpec.kernelsFolder(user: true, prefix: nil, environment: ["HOME": "/home/a"]),
                       "/home/a/.local/share/jupyter/kernels")
        XCTAssertEqual(KernelSpec.kernelsFolder(user: true, prefix: nil,
                                                environment: ["HOME": "/home/a", "XDG_DATA_HOME": "/x"]),
                       "/x/jupyter/kernels")
        #endif
    }

    func testInstallWritesKernelJSONAndBadCommandLinesAreRefused() throws {
        let work = try TemporaryFolder("kernelspec")
        let installed = try Convsh.run(["--install-kernel", "--prefix", work.path])
        XCTAssertEqual(installed.status, 0, installed.stderr)
        let file = work.url.appendingPathComponent("share/jupyter/kernels/convsh/kernel.json")
        let spec = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        XCTAssertEqual(spec["display_name"] as? String, "ConvShell")
        XCTAssertEqual(spec["language"] as? String, "convsh")
        XCTAssertEqual((spec["argv"] as? [String])?.dropFirst(), ["--jupyter", "{connection_file}"])

        let stray = try Convsh.run(["--user"])
        XCTAssertEqual(stray.status, 2)
        XCTAssertTrue(stray.stderr.contains("--user and --prefix go with --install-kernel"), stray.stderr)
        let missing = try Convsh.run(["--jupyter", work.url.appendingPathComponent("none.json").path])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.hasPrefix("convsh: cannot read connection file"), missing.stderr)
        let wrong = work.url.appendingPathComponent("wrong.json")
        try Data(#"{"transport": "tcp", "ip": "127.0.0.1", "key": "k", "signature_scheme": "hmac-sha256"}"#.utf8)
            .write(to: wrong)
        let refused = try Convsh.run(["--jupyter", wrong.path])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("not a Jupyter connection file (no shell_port)"), refused.stderr)
    }
}

/// What the display hook received, in order.
private final class Shown: @unchecked Sendable {
    private(set) var items: [Display] = []
    func append(_ item: Display) { items.append(item) }
}
