import TestSupport
import XCTest
@testable import ConvShell
@testable import Ops

/// Statements evaluated by a `Session`, its output captured; and what Tab offers in each place.
final class SessionTests: XCTestCase {
    var output = ""
    lazy var session = Session(context: Context(threads: 1) { [unowned self] in self.output += $0 },
                               write: { [unowned self] in self.output += $0 })

    func run(_ line: String) throws -> String {
        output = ""
        try session.run(line: line)
        return output
    }

    func error(_ line: String, file: StaticString = #filePath, line number: UInt = #line) -> String {
        do {
            try session.run(line: line)
            XCTFail("no error", file: file, line: number)
            return ""
        } catch {
            return Session.message(error)
        }
    }

    // MARK: - Statements

    func testReluOfItselfReusesStorageOnlyWhenNothingElseHoldsIt() throws {
        _ = try run("x = [[-1, 2], [3, -4]]")
        let before = session.variables.tensor("x")!.buffer.pointer
        _ = try run("x = relu x")
        XCTAssertEqual(session.variables.tensor("x")?.scalars, [0, 2, 3, 0])
        XCTAssertEqual(session.variables.tensor("x")!.buffer.pointer, before, "sole holder: written in place")

        _ = try run("y = x; x = [[-5, 5]]; y = [[-1, 1]]; x2 = x; x = relu x")
        XCTAssertEqual(session.variables.tensor("x")?.scalars, [0, 5])
        XCTAssertEqual(session.variables.tensor("x2")?.scalars, [-5, 5], "an alias keeps its values")
        XCTAssertNotEqual(session.variables.tensor("x")!.buffer.pointer, session.variables.tensor("x2")!.buffer.pointer)

        XCTAssertEqual(error("x = relu x k=1"), "relu: unknown option 'k'; usage: relu X")
        XCTAssertEqual(session.variables.tensor("x")?.scalars, [0, 5], "a failed op gives the tensor back")
    }

    func testNamesBindCopyAndDescribe() throws {
        _ = try run("a = [[1, -2], [3, 4]]; b = a; b2=relu a")
        XCTAssertEqual(session.variables.names, ["a", "b", "b2"])
        XCTAssertEqual(session.variables.tensor("b")?.scalars, [1, -2, 3, 4])
        XCTAssertEqual(session.variables.tensor("b2")?.scalars, [1, 0, 3, 4])
        // The table's columns all take the widest cell's width.
        XCTAssertEqual(try run("a"), "a: [2,2] float32 (16 B), range -2 .. 4\n 1  -2\n 3   4\n")
        _ = try run("a = kernel box 2")
        XCTAssertEqual(session.variables.names, ["a", "b", "b2"], "rebinding keeps the order")
        XCTAssertEqual(session.variables.tensor("b")?.scalars, [1, -2, 3, 4], "b is a copy, not an alias")
    }

    func testStatementsAfterAnErrorOnTheSameLineDoNotRun() throws {
        XCTAssertEqual(error("a = kernel edge; b = kernel nope; c = kernel blur"),
                       "kernel: argument 1 (NAME|LIST|random): unknown kernel 'nope'")
        XCTAssertEqual(session.variables.names, ["a"])
        XCTAssertNil(session.variables["b"], "no partial result is bound")
    }

    func testMisuse() {
        XCTAssertEqual(error("x = [[1]]; s = stats x"), "stats produces no tensor; write 'stats ...' without 's ='")
        XCTAssertEqual(error("v = vars"), "vars produces no tensor to assign")
        XCTAssertEqual(error("x 2"), "'x' is a tensor, not a command")
        XCTAssertEqual(error("relu x y"), "relu: argument 2: unexpected 'y'; usage: relu X")
        XCTAssertEqual(error("del"), "usage: del NAME ...")
        XCTAssertEqual(error("del x y"), "del: unknown tensor 'y'")
        XCTAssertEqual(error("x"), "unknown command 'x' (type help)", "del x ran before the error")
        XCTAssertEqual(error("relu \"x.png\""), "relu: argument 1 (X): expected a tensor, got 'x.png'")
        XCTAssertEqual(error("help conv2d relu"), "usage: help [OP]")
        XCTAssertEqual(error("set timing maybe"), "set timing: expected on|off, got 'maybe'")
        XCTAssertEqual(error("source"), "usage: source FILE")
    }

    func testQuitStopsTheLine() throws {
        XCTAssertEqual(try run("help quit; quit; help relu"), "usage: quit\n  leave the shell (also Ctrl-D)\n")
        XCTAssert(session.quitRequested)
    }

    func testSetThreadsReachesTheContext() throws {
        _ = try run("set threads 3")
        XCTAssertEqual(session.context.threads, 3)
        // The cap is global and the suite's tests run side by side: it is lowered only inside withMaxPixels (which
        // restores it), and never below the 4 megapixels other tests' images need.
        try withMaxPixels(1 << 22) {
            _ = try run("set max_pixels 4194304")
            XCTAssertEqual(Limits.maxPixels, 1 << 22)
            XCTAssertEqual(error("x = kernel random 4096 4096 1 2"), "kernel: tensor [4096,4096,1,2] would need 128.0 MiB, "
                           + "over the cap of 64.0 MiB; raise it with 'set max_pixels N'")
        }
    }

    // MARK: - Completion

    func candidates(_ text: String) -> [String] { Completer(session: session).complete(text).candidates }

    func testCompletionCandidates() throws {
        _ = try run("img = [[1]]; image2 = [[2]]; k = kernel edge")
        // The first word completes to every op and shell word with that prefix, from the registry's one table.
        let commands = (session.registry.names + ShellWords.names).sorted()
        XCTAssertEqual(candidates("con"), commands.filter { $0.hasPrefix("con") })
        XCTAssert(candidates("con").contains("conv2d") && candidates("s").contains("stats"))
        XCTAssertEqual(candidates("s"), commands.filter { $0.hasPrefix("s") })
        XCTAssertEqual(candidates("i"), ["image2", "img"])
        XCTAssertEqual(candidates("f = conv2d i"), ["image2", "img"])
        XCTAssertEqual(candidates("conv2d img k s"), ["same", "stride="])
        XCTAssertEqual(candidates("conv2d img k same border=re"), ["border=reflect", "border=replicate"])
        XCTAssertEqual(candidates("conv2d img k same bor"), ["border="])
        XCTAssertEqual(candidates("kernel sob"), ["sobel_x", "sobel_y"])
        XCTAssertEqual(candidates("help rel"), ["relu", "relu6"])
        XCTAssertEqual(candidates("del im"), ["image2", "img"])
        XCTAssertEqual(candidates("set ti"), ["timing"])
        XCTAssertEqual(candidates("time f = rel"), ["relu", "relu6"])
        XCTAssertEqual(candidates("time rel"), ["relu", "relu6"])
        XCTAssertEqual(candidates("f=con"), commands.filter { $0.hasPrefix("con") })
        XCTAssertEqual(String("f=con"[Completer(session: session).complete("f=con").wordStart...]), "con")
        XCTAssertEqual(candidates("f=conv2d i"), ["image2", "img"])
        XCTAssertEqual(candidates("k = kernel edge; sho"), ["show"])
        XCTAssertEqual(candidates("stats img "), [], "stats takes one tensor")
        let (start, _) = Completer(session: session).complete("relu im")
        XCTAssertEqual(String("relu im"[start...]), "im")
    }

    func testPathCompletion() throws {
        let folder = try TemporaryFolder("complete")
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("sub dir"),
                                                withIntermediateDirectories: true)
        for name in ["a.npy", "ab.npy", ".hidden"] { try folder.write(name, "") }
        let base = folder.path + "/"
        XCTAssertEqual(candidates("x = load " + base + "a"), [base + "a.npy", base + "ab.npy"])
        // A space is escaped, so the inserted path stays one word (PathCompletionTests has the rest).
        XCTAssertEqual(candidates("x = load " + base + "s"), [base + "sub\\ dir/"])
        XCTAssertEqual(candidates("x = load " + base + "."), [base + ".hidden"])
        XCTAssertEqual(candidates("source " + base + "ab"), [base + "ab.npy"])
    }
}
