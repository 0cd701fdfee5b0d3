import Foundation
import Ops
@testable import PluginHost
import TestSupport
import Testing

/// Loading plugin libraries into a registry: the example plugin, every bad library, clashes and duplicates.
@Suite struct PluginLoadingTests {
    let registry = Registry()
    let plugins = PluginSet()
    let builtins = Registry().names

    @Test func examplePluginAddsItsOpsToTheRegistry() throws {
        let loaded = try plugins.load(Products.library("convsh_threshold"), into: registry, reserved: [])
        #expect(loaded.name == "threshold")
        #expect(loaded.version == "1.0.0")
        #expect(loaded.ops == ["threshold", "magnitude"])
        #expect(registry.names == builtins + ["threshold", "magnitude"])
        #expect(plugins.loaded == [loaded])
    }

    @Test func pluginOpsAreDescribedLikeBuiltins() throws {
        try plugins.load(Products.library("convsh_threshold"), into: registry, reserved: [])
        let threshold = try #require(registry.op(named: "threshold"))
        #expect(threshold.usage == "threshold X T [below=V]")
        #expect(threshold.summary == "keep values above T, set the rest to V (default 0), like Keras' ThresholdedReLU")
        #expect(threshold.parameters == [Parameter("X", .tensor), Parameter("T", .number)])
        #expect(threshold.options == [OptionSpec("below", "V", .number)])
        #expect(threshold.producesValue)
        #expect(registry.op(named: "magnitude")?.usage == "magnitude X")
    }

    // MARK: - Bad libraries

    @Test(arguments: [
        ("convsh_fixture_not_a_plugin", "is not a convsh plugin: it exports no convsh_plugin_entry"),
        ("convsh_fixture_wrong_interface", "was built for plugin interface 2; this convsh supports interface 1"),
        ("convsh_fixture_declines", "does not support plugin interface 1 (its entry point returned NULL)"),
        ("convsh_fixture_malformed",
         "is not a valid plugin: op 'muddle': parameter 2 (Y) is required but follows an optional one"),
        ("convsh_fixture_clash", ": an op or shell word named 'relu' already exists; the plugin was not loaded"),
    ])
    func badLibraryIsRefusedWithOneLineAndAddsNothing(library: String, reason: String) throws {
        let path = Products.library(library)
        let error = try #require(throws: PluginError.self) { try plugins.load(path, into: registry, reserved: []) }
        #expect(error.description == path + (reason.hasPrefix(":") ? "" : " ") + reason)
        #expect(!error.description.contains("\n"))
        #expect(registry.names == builtins)
        #expect(plugins.loaded.isEmpty)
    }

    @Test func clashRefusesTheWholePlugin() throws {
        #expect(throws: PluginError.clash(path: Products.library("convsh_fixture_clash"), name: "relu")) {
            try plugins.load(Products.library("convsh_fixture_clash"), into: registry, reserved: [])
        }
        #expect(registry.op(named: "negate") == nil, "negate clashes with nothing but must not be added alone")
        #expect(!(registry.op(named: "relu") is PluginOp))
    }

    @Test func shellWordsAreReservedToo() throws {
        #expect(throws: PluginError.clash(path: Products.library("convsh_threshold"), name: "magnitude")) {
            try plugins.load(Products.library("convsh_threshold"), into: registry, reserved: ["help", "magnitude"])
        }
        #expect(registry.op(named: "threshold") == nil)
    }

    @Test func missingFileCannotBeOpened() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/missing.so"
        #expect(throws: PluginError.cannotOpen(path: path, reason: "no such file")) {
            try plugins.load(path, into: registry, reserved: [])
        }
    }

    @Test func fileThatIsNoLibraryCannotBeOpened() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("text.so", "this is not a shared library\n")
        let error = try #require(throws: PluginError.self) { try plugins.load(path, into: registry, reserved: []) }
        guard case .cannotOpen(path, let reason) = error else { Issue.record("got \(error)"); return }
        #expect(!reason.isEmpty && !reason.contains("\n"))
        #expect(registry.names == builtins)
    }

    // MARK: - Duplicates

    @Test func sameLibraryTwiceIsRefused() throws {
        let path = Products.library("convsh_threshold")
        try plugins.load(path, into: registry, reserved: [])
        #expect(throws: PluginError.alreadyLoaded(path: path, plugin: "threshold", from: path)) {
            try plugins.load(path, into: registry, reserved: [])
        }
        #expect(plugins.loaded.count == 1)
    }

    @Test func samePluginFromAnotherFileIsRefused() throws {
        let folder = try TemporaryFolder()
        let copy = try folder.copyLibrary("convsh_threshold", as: "libcopy.so")
        let first = try plugins.load(Products.library("convsh_threshold"), into: registry, reserved: [])
        #expect(throws: PluginError.alreadyLoaded(path: copy, plugin: "threshold", from: first.path)) {
            try plugins.load(copy, into: registry, reserved: [])
        }
    }
}

/// A plugin written in Swift (through `@_cdecl`) loads and runs like one written in C.
@Test func pluginWrittenInSwiftWorks() throws {
    let registry = Registry()
    let loaded = try PluginSet().load(Products.library("convsh_fixture_swift"), into: registry, reserved: [])
    #expect(loaded.name == "swift_negate" && loaded.ops == ["negate"])
    let negate = try #require(registry.op(named: "negate"))
    let x = try Tensor(shape: [2], values: [1, -2.5])
    let y = try registry.call(negate, [Argument(.tensor(x), text: "x")], context: Context(write: { _ in }))?.tensor
    #expect(y?.shape == [2])
    #expect(y?.scalars == [-1, 2.5])
}
