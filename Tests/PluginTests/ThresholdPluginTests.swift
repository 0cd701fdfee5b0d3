@testable import ConvShell
import Foundation
import Ops
import TestSupport
import Testing

/// The example plugin's ops through a whole session: values, shapes, errors, help and completion. Expected values
/// are written out by hand from the definitions (Keras' ThresholdedReLU: x if x > theta else 0; tf.math.abs).
@Suite struct ThresholdPluginTests {
    let shell = Harness()

    init() throws {
        try shell.run("plugin load \"\(Products.library("convsh_threshold"))\"")
        _ = shell.takeOutput()
        try shell.run("x = [-2, -0.5, 0, 0.25, 0.3, 0.5, 1, 3, nan, -inf, inf]")
    }

    /// Equal element by element, NaN equal to NaN.
    private func same(_ a: [Float], _ b: [Float]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    }

    @Test func thresholdKeepsValuesAboveT() throws {
        try shell.run("y = threshold x 0.3")
        let y = try #require(shell.tensor("y"))
        #expect(same(y.scalars, [0, 0, 0, 0, 0, 0.5, 1, 3, .nan, 0, .infinity]), "\(y.scalars)")
    }

    @Test func thresholdSetsTheRestToBelow() throws {
        try shell.run("y = threshold x 0.3 below=-1")
        let y = try #require(shell.tensor("y"))
        #expect(same(y.scalars, [-1, -1, -1, -1, -1, 0.5, 1, 3, .nan, -1, .infinity]), "\(y.scalars)")
    }

    @Test func thresholdAtNegativeInfinityKeepsAllButMinusInfinity() throws {
        try shell.run("y = threshold x -inf")
        let y = try #require(shell.tensor("y"))
        #expect(same(y.scalars, [-2, -0.5, 0, 0.25, 0.3, 0.5, 1, 3, .nan, 0, .infinity]), "\(y.scalars)")
    }

    @Test func absIsTheMagnitude() throws {
        try shell.run("y = magnitude x")
        let y = try #require(shell.tensor("y"))
        #expect(same(y.scalars, [2, 0.5, 0, 0.25, 0.3, 0.5, 1, 3, .nan, .infinity, .infinity]), "\(y.scalars)")
    }

    @Test func opsKeepTheShapeTheyAreGiven() throws {
        try shell.run("m = [[[-1],[2],[-3]],[[4],[-5],[6]]]; t = threshold m 1; a = magnitude m")
        #expect(shell.tensor("t")?.shape == [2, 3, 1])
        #expect(shell.tensor("t")?.scalars == [0, 2, 0, 4, 0, 6])
        #expect(shell.tensor("a")?.shape == [2, 3, 1])
        #expect(shell.tensor("a")?.scalars == [1, 2, 3, 4, 5, 6])
    }

    @Test func inputIsNotChanged() throws {
        try shell.run("m = [[-1, 2]]; a = magnitude m")
        #expect(shell.tensor("m")?.scalars == [-1, 2])
    }

    // MARK: - Errors in the one form

    @Test(arguments: [
        ("threshold x nan", "threshold: argument 2 (T): expected a number, got nan"),
        ("threshold x 0 below=nan", "threshold: option below: must not be nan"),
        ("threshold x zero", "threshold: argument 2 (T): expected a number, got 'zero'"),
        ("threshold x", "threshold: missing argument 2 (T); usage: threshold X T [below=V]"),
        ("threshold x 1 2", "threshold: argument 3: unexpected '2'; usage: threshold X T [below=V]"),
        ("threshold x 1 belo=2",
         "threshold: unknown option 'belo'; did you mean below?; usage: threshold X T [below=V]"),
        ("magnitude xx", "magnitude: argument 1 (X): unknown name 'xx'; did you mean x?"),
        ("thresold x 1", "unknown command 'thresold'; did you mean threshold? (type help)"),
    ])
    func errorsNameTheOpAndArgument(statement: String, message: String) {
        #expect(shell.script(statement) == "test.convsh:1: error: " + message)
    }

    // MARK: - Help and completion

    @Test func helpTreatsPluginOpsAsOps() throws {
        try shell.run("help")
        let overview = shell.takeOutput()
        #expect(overview.contains("  magnitude    absolute value |x| element-wise, as tf.math.abs\n"))
        try shell.run("help threshold")
        #expect(shell.takeOutput().hasPrefix("usage: threshold X T [below=V]\n  keep values above T"))
    }

    @Test func tabCompletesPluginOpsTheirTensorsAndOptions() {
        let completer = Completer(session: shell.session)
        #expect(completer.complete("thr").candidates == ["threshold"])
        #expect(completer.complete("y = magn").candidates == ["magnitude"])
        #expect(completer.complete("threshold ").candidates.contains("x"))
        #expect(completer.complete("threshold x 1 be").candidates == ["below="])
    }

    @Test func pluginsListsNameVersionOpsAndPath() throws {
        try shell.run("plugins")
        let line = shell.takeOutput()
        #expect(line.hasPrefix("threshold 1.0.0: threshold, magnitude  (/"))
        #expect(line.hasSuffix("libconvsh_threshold.so)\n"))
    }
}
