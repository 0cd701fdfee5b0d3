import Foundation
import TestSupport
import Testing

/// Script-defined commands through the convsh binary: defined in one file, sourced and used from another, from
/// `-c` and from piped stdin; an error inside points at the defining file's line.
@Suite struct DefinitionScriptTests {
    static let library = """
        # commands for the lesson
        def block img k
            # filter, detect, condense
            f = conv2d img k same
            d = relu f
            maxpool d
        end

        def shaky img
            # an error on line 11
            relu missing
        end
        """

    /// The 4x4 image of DefinitionTests: relu + 2x2 max pool of twice it is [[12, 16], [28, 32]].
    static let setup = """
        img = [[[1],[-2],[3],[-4]],[[-5],[6],[-7],[8]],[[9],[-10],[11],[-12]],[[-13],[14],[-15],[16]]]
        k = [[0,0,0],[0,2,0],[0,0,0]]
        """

    @Test func commandFromASourcedFileWorksInAScript() throws {
        let folder = try TemporaryFolder()
        try folder.write("lib.convsh", DefinitionScriptTests.library)
        let main = try folder.write("main.convsh", "source lib.convsh\n\(DefinitionScriptTests.setup)\n"
            + "out = block img k\nout\nhelp block\n")
        let result = try Convsh.run([main], in: folder.url)
        #expect(result.stdout == """
            out: [2,2,1] float32 (16 B), range 12 .. 32
            [[[12.]
              [16.]]

             [[28.]
              [32.]]]
            usage: block IMG K
              filter, detect, condense
              Defined by def at lib.convsh:2.

            """)
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func errorInsideACommandPointsAtTheDefiningFile() throws {
        let folder = try TemporaryFolder()
        try folder.write("lib.convsh", DefinitionScriptTests.library)
        let main = try folder.write("main.convsh", "source lib.convsh\n\(DefinitionScriptTests.setup)\n"
            + "x = shaky img\nshow img\n")
        let result = try Convsh.run([main], in: folder.url)
        #expect(result.stderr == "lib.convsh:11: error: relu: argument 1 (X): unknown name 'missing' "
            + "(in shaky, called from \(main):4)\n")
        #expect(result.stdout.isEmpty, "the script stops at the error")
        #expect(result.status == 1)
    }

    @Test func sourcedFileWithoutEndIsAnErrorAtItsDef() throws {
        let folder = try TemporaryFolder()
        try folder.write("lib.convsh", "def block img k\n    relu img\n")
        let result = try Convsh.run(["-c", "source lib.convsh; block [1] [1]"], in: folder.url)
        #expect(result.stderr == "lib.convsh:1: error: def block: missing 'end'\n")
        #expect(result.status == 1)
    }

    @Test func commandOnOneLineWithMinusC() throws {
        let result = try Convsh.run(["-c", "def f x; y = relu x; y; end; r = f [[-1, 2]]; show r"])
        #expect(result.stdout == "Kernel \"r\" of size 2x1+0+0 with values from 0 to 2, output range 0 to 2 (sum 2)\n0  2\n")
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func commandFromPipedStdinWithAnErrorInside() throws {
        let result = try Convsh.run([], stdin: """
            def f x
              # relu of a tensor that is not there
              relu nothere
            end
            r = f [[1]]
            """)
        #expect(result.stderr == "<stdin>:3: error: relu: argument 1 (X): unknown name 'nothere' "
            + "(in f, called from <stdin>:5)\n")
        #expect(result.status == 1)
    }
}
