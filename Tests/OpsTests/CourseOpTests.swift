import XCTest
@testable import Ops

/// Hand-checked course ops, the seeded augmentation, and one-line errors for bad input.
final class CourseOpTests: XCTestCase {
    let image = try! Tensor(shape: [3, 4, 1], values: (0..<12).map(Float.init))

    func testSameAveragePoolingCountsOnlyRealPixels() throws {
        let out = try OpRunner(["x": image]).tensor("avgpool", [.word("x"), .word("same")], options: [("size", .number(3)), ("stride", .number(3))])
        // Padding 1 left and 1 right: windows over columns 0-1 and 2-3 of all three rows, padding not counted.
        XCTAssertEqual(out.scalars, [4.5, 6.5])
    }

    func testGlobalPoolShapes() throws {
        let runner = OpRunner(["x": image, "b": try image.reshaped([1, 3, 4, 1])])
        XCTAssertEqual(try runner.tensor("globalpool", [.word("x")]).shape, [1])
        XCTAssertEqual(try runner.tensor("globalpool", [.word("x"), .word("max")]).scalars, [11])
        XCTAssertEqual(try runner.tensor("globalpool", [.word("b")], options: [("keepdims", .number(1))]).shape, [1, 1, 1, 1])
    }

    func testAugmentIsSeeded() throws {
        var rng = SeededGenerator(seed: 3)
        let x = try randomTensor([2, 9, 11, 3], &rng)
        let runner = OpRunner(["x": x])
        let options: [(String, Syntax)] = [("flip", .word("horizontal")), ("rotate", .number(0.1)),
                                           ("zoom", .number(0.2)), ("translate", .number(0.1)),
                                           ("contrast", .number(0.5))]
        let a = try runner.tensor("augment", [.word("x")], options: options + [("seed", .number(7))])
        let b = try runner.tensor("augment", [.word("x")], options: options + [("seed", .number(7))])
        let c = try runner.tensor("augment", [.word("x")], options: options + [("seed", .number(8))])
        XCTAssertEqual(a.scalars, b.scalars)
        XCTAssertNotEqual(a.scalars, c.scalars)
        XCTAssertNotEqual(a.scalars, x.scalars)
        // The first image equals the fixed ops applied with its draw.
        var augmentation = Augmentation()
        augmentation.flip = .horizontal
        (augmentation.rotate, augmentation.zoom, augmentation.translate, augmentation.contrast) = (0.1, 0.2, 0.1, 0.5)
        let d = augmentation.draws(count: 2, height: 9, width: 11, seed: 7)[0]
        var first = try Tensor(shape: [9, 11, 3], values: Array(x.scalars[0..<(9 * 11 * 3)]))
        runner.tensors["first"] = first
        if d.flipHorizontal { first = try runner.tensor("flip", [.word("first"), .word("horizontal")]) }
        for (op, args) in [("rotate", [d.degrees]), ("zoom", [d.zoom]), ("translate", [d.dy, d.dx])] {
            runner.tensors["first"] = first
            first = try runner.tensor(op, [.word("first")] + args.map(Syntax.number))
        }
        runner.tensors["first"] = first
        first = try runner.tensor("contrast", [.word("first"), .number(d.contrast)])
        assertClose(first, try Tensor(shape: [9, 11, 3], values: Array(a.scalars[0..<(9 * 11 * 3)])), tolerance: 1e-6)
    }

    func testBadInputGivesOneLineErrors() throws {
        let runner = OpRunner(["x": image, "rgb": try Tensor(shape: [5, 5, 3]), "w": try Tensor(shape: [3, 2]),
                               "b": try Tensor(shape: [2]), "v": try Tensor(shape: [3]),
                               "k": try Tensor(shape: [3, 3, 3, 4])])
        let expectations: [(String, [Syntax], [(String, Syntax)], String)] = [
            ("pad", [.word("x"), .number(-1), .number(0), .number(0), .number(0)], [], "argument 2 (TOP): expected an integer between 0"),
            ("pad", [.word("x"), .number(3), .number(0), .number(0), .number(0)], [("mode", .word("reflect"))], "reflect padding of 3"),
            ("pad", [.word("x"), .number(0), .number(0), .number(0), .number(5)], [("mode", .word("symmetric"))], "has 4"),
            ("resize", [.word("x"), .number(-2), .number(3)], [], "argument 2 (H)"),
            ("resize", [.word("x"), .number(2), .number(3)], [("method", .word("bicubc"))], "did you mean bicubic?"),
            ("zoom", [.word("x"), .number(-3)], [], "between -1 and 100"),
            ("translate", [.word("x"), .number(1), .number(9)], [], "argument 3 (DX)"),
            ("augment", [.word("x")], [("rotate", .number(2))], "option rotate: expected a factor between 0 and 1"),
            ("bias", [.word("rgb"), .word("b")], [], "[2] does not match the 3 channel(s) of [5,5,3]"),
            ("dense", [.word("x"), .word("w")], [], "weights [3,2] take 3 inputs, but [3,4,1] has 1"),
            ("dense", [.word("b"), .word("w")], [], "[2] has 2 along its last axis"),
            ("dense", [.word("v"), .word("w"), .word("w")], [], "argument 3 (B): [3,2] does not match the 2 outputs"),
            ("batchnorm", [.word("rgb"), .word("b"), .word("b")], [], "argument 2 (MEAN)"),
            ("batchnorm", [.word("rgb"), .word("v"), .word("v")], [("epsilon", .number(-1))], "option epsilon"),
            ("gray", [.word("x")], [], "expected 3 channels"),
            ("flip", [.word("x"), .word("sideways")], [], "horizontal|vertical"),
            ("softmax", [.word("x")], [("axis", .number(3))], "option axis"),
            ("conv2d", [.word("rgb"), .word("k")], [("bias", .word("b"))], "option bias: [2] does not match the 4"),
            ("avgpool", [.word("x")], [("size", .number(0))], "option size"),
            ("normalize", [.word("x"), .word("rnage")], [], "did you mean range?"),
        ]
        for (op, positional, options, expected) in expectations {
            let message = runner.error(op, positional, options: options)
            XCTAssert(message.hasPrefix("\(op): ") && message.contains(expected), "\(op): '\(message)' lacks '\(expected)'")
            XCTAssertFalse(message.contains("\n"))
        }
    }
}
