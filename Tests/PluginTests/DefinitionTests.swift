@testable import ConvShell
import Ops
import Testing

/// `def NAME PARAM...` ... `end`: parameters, scope, result, help, completion and the errors of reading one.
/// Expected tensors are worked out by hand in the comments.
@Suite struct DefinitionTests {
    let shell = Harness()

    /// A 4x4 one-channel image whose relu + 2x2 max pool is easy to do by hand:
    ///   1  -2   3  -4        relu: 1 0 3 0 / 0 6 0 8 / 9 0 11 0 / 0 14 0 16
    ///  -5   6  -7   8        pool: [[6, 8], [14, 16]]
    ///   9 -10  11 -12
    /// -13  14 -15  16
    static let image = "img = [[[1],[-2],[3],[-4]],[[-5],[6],[-7],[8]],[[9],[-10],[11],[-12]],[[-13],[14],[-15],[16]]]"

    static let block = """
        def block img k
            # filter, detect, condense: conv2d same + relu + 2x2 maxpool
            # The first block of a convnet.
            f = conv2d img k same
            d = relu f
            maxpool d
        end
        """

    init() throws {
        try shell.run(DefinitionTests.image)
        try shell.run("k = [[0,0,0],[0,2,0],[0,0,0]]")  // twice the identity: conv2d same doubles the image
    }

    @Test func blockComputesConvReluPool() throws {
        try shell.run(DefinitionTests.block + "\nout = block img k")
        let out = try #require(shell.tensor("out"))
        #expect(out.shape == [2, 2, 1])
        #expect(out.scalars == [12, 16, 28, 32])
    }

    @Test func bodyNamesStayLocalAndCallerTensorsSurvive() throws {
        try shell.run("f = [[100]]\n" + DefinitionTests.block + "\nout = block img k")
        #expect(shell.tensor("f")?.scalars == [100], "the body's f must not clobber the caller's")
        #expect(shell.tensor("d") == nil, "the body's d must not leak out")
        #expect(shell.session.variables.names == ["img", "k", "f", "out"])
    }

    @Test func parameterShadowsAGlobalOfTheSameName() throws {
        try shell.run("x = [[5]]\ndef neg x\ny = relu x\ny\nend\nr = neg [[-1, 2]]")
        #expect(shell.tensor("r")?.scalars == [0, 2])
        #expect(shell.tensor("x")?.scalars == [5])
    }

    @Test func bodyReadsSessionTensors() throws {
        try shell.run("def filter x\n# uses the session's k\nconv2d x k same\nend\ny = filter img")
        #expect(shell.tensor("y")?.scalars.prefix(4) == [2, -4, 6, -8])
    }

    @Test func wordAndNumberArgumentsStandForThemselves() throws {
        try shell.run("""
            def pool x n mode
                maxpool x size=n mode
            end
            a = pool img 2 valid
            b = pool img 4 same
            """)
        #expect(shell.tensor("a")?.scalars == [6, 8, 14, 16])  // max of each 2x2 window of the raw image
        #expect(shell.tensor("b")?.scalars == [16])
    }

    @Test func assigningToAValueParameterMakesItALocalTensor() throws {
        try shell.run("def f n\nn = [[3]]\nrelu n\nend\nr = f 7")
        #expect(shell.tensor("r")?.scalars == [3])
    }

    @Test func listLiteralArgumentIsATensor() throws {
        try shell.run("def f x\nrelu x\nend\nr = f [[-1, 4]]")
        #expect(shell.tensor("r")?.scalars == [0, 4])
    }

    @Test func commandsCallCommands() throws {
        try shell.run(DefinitionTests.block + "\ndef two img k\np = block img k\nblock p k\nend\nr = two img k")
        // block doubles and pools to [[12,16],[28,32]]; again: double [[24,32],[56,64]], relu, 2x2 pool -> 64
        #expect(shell.tensor("r")?.scalars == [64])
    }

    @Test func redefiningReplacesTheCommand() throws {
        try shell.run("def f x\nrelu x\nend\ndef f x\n# now the identity\nx\nend\nr = f [[-1]]")
        #expect(shell.tensor("r")?.scalars == [-1])
        #expect(shell.session.registry.op(named: "f")?.summary == "now the identity")
    }

    @Test func lastStatementWithoutATensorMakesACommandWithoutOne() throws {
        #expect(shell.script("def f x\nstats x\nend\ny = f img") ==
            "test.convsh:4: error: f produces no tensor; write 'f ...' without 'y ='")
    }

    // MARK: - Help and completion

    @Test func firstCommentIsTheHelpSummary() throws {
        try shell.run(DefinitionTests.block + "\nhelp block")
        #expect(shell.takeOutput() == """
            usage: block IMG K
              filter, detect, condense: conv2d same + relu + 2x2 maxpool
              The first block of a convnet.
              Defined by def at test.convsh:1.

            """)
        try shell.run("help")
        #expect(shell.takeOutput().contains("  block        filter, detect, condense: conv2d same + relu + 2x2 maxpool\n"))
    }

    @Test func definedCommandsComplete() throws {
        try shell.run(DefinitionTests.block)
        let completer = Completer(session: shell.session)
        #expect(completer.complete("out = blo").candidates == ["block"])
        #expect(completer.complete("block ").candidates == ["img", "k"])
        #expect(completer.complete("help bl").candidates == ["block"])
    }

    // MARK: - Errors

    @Test(arguments: [
        ("def relu x\nrelu x\nend",
         "test.convsh:1: error: def: an op named 'relu' already exists; choose another name"),
        ("def help\nend", "test.convsh:1: error: def: 'help' is a shell word; choose another name"),
        ("def f x x\nend", "test.convsh:1: error: def: parameter 'x' is given twice"),
        ("def f 2x\nend",
         "test.convsh:1: error: def: '2x' is not a valid name (letters, digits and _, not starting with a digit)"),
        ("def\nend", "test.convsh:1:4: error: usage: def NAME [PARAM ...], then the statements, then end"),
        ("def f x\nend", "test.convsh:2: error: def f: the body has no statements"),
        ("def f x\nrelu x\ndef g y\nend", "test.convsh:3: error: def: cannot define 'g' inside 'f' (missing end?)"),
        ("def f x\nrelu x", "test.convsh:1: error: def f: missing 'end'"),
        ("relu img\nend", "test.convsh:2: error: end without a block to close (for, if or def)"),
        ("def f x\nrelu x [1\nend", "test.convsh:2:10: error: expected ']' to close the '[' at column 8"),
        ("def f x\nrelu x\nend\nf img img", "test.convsh:4: error: f: argument 2: unexpected 'img'; usage: f X"),
    ])
    func mistakesAreOneLineAtTheirLine(script: String, error: String) {
        #expect(shell.script(script) == error)
        #expect(!shell.session.isDefining, "an error abandons the definition")
    }

    @Test func errorInsideACommandPointsAtTheBodyLineAndTheCall() {
        let error = shell.script(DefinitionTests.block.replacingOccurrences(of: "relu f", with: "relu ff")
            + "\nr = img\nout = block img k")
        #expect(error == "test.convsh:5: error: relu: argument 1 (X): unknown name 'ff'; did you mean f? "
            + "(in block, called from test.convsh:9)")
    }

    @Test func commandThatCallsItselfStopsWithAnError() {
        let error = shell.script("def loop x\nloop x\nend\nloop img")
        #expect(error == "test.convsh:2: error: loop: commands nested more than 64 deep (does it call itself?) "
            + "(in loop, called from test.convsh:2)")
        #expect(shell.session.definitions.depth == 0)
        #expect(shell.session.variables.names == ["img", "k"])
    }

    @Test func oneLineDefinitionWithSemicolons() throws {
        try shell.run("def f x; y = relu x; y; end; r = f [[-3, 3]]")
        #expect(shell.tensor("r")?.scalars == [0, 3])
    }
}
