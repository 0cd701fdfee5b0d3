// swift-tools-version:6.0
import PackageDescription

// Each kernel target is compiled for one instruction set and chosen at run time from CPUID, so the default
// build runs on any x86-64. Off x86-64 only the generic kernels exist. Debug builds compile every target for the
// generic CPU: unoptimised code re-emits stdlib helpers in each module, and the linker keeps one copy of each.
#if arch(x86_64)
let avx512: [SwiftSetting] = [.unsafeFlags(["-target-cpu", "skylake-avx512"], .when(configuration: .release))]
let avx2: [SwiftSetting] = [.unsafeFlags(["-target-cpu", "haswell"], .when(configuration: .release))]
#else
let avx512: [SwiftSetting] = []
let avx2: [SwiftSetting] = []
#endif

let package = Package(
    name: "ConvShell",
    products: [
        .executable(name: "convsh", targets: ["ConvShell"]),
        // The example plugin (docs/plugins.md): libconvsh_threshold.so with `threshold` and `abs`.
        .library(name: "convsh_threshold", type: .dynamic, targets: ["ThresholdPlugin"]),
        // Bad plugins that the plugin tests load on purpose.
        .library(name: "convsh_fixture_not_a_plugin", type: .dynamic, targets: ["FixtureNotAPlugin"]),
        .library(name: "convsh_fixture_wrong_interface", type: .dynamic, targets: ["FixtureWrongInterface"]),
        .library(name: "convsh_fixture_declines", type: .dynamic, targets: ["FixtureDeclines"]),
        .library(name: "convsh_fixture_clash", type: .dynamic, targets: ["FixtureClash"]),
        .library(name: "convsh_fixture_malformed", type: .dynamic, targets: ["FixtureMalformed"]),
        .library(name: "convsh_fixture_swift", type: .dynamic, targets: ["FixtureSwiftPlugin"]),
        .executable(name: "convsh-bench", targets: ["ConvBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // The runtime library only: onnx.pb.swift is generated once by scripts/make-onnx-swift and committed.
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
        // HMAC-SHA256 for the Jupyter kernel's message signatures.
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // libedit (line editing, history, completion) behind a tiny C shim for its variadic calls.
        .systemLibrary(name: "CEdit", path: "Sources/CEdit", pkgConfig: "libedit",
                       providers: [.apt(["libedit-dev"])]),
        // CPUID and XGETBV (which kernel set this CPU and OS can run) and non-temporal stores, in C.
        .target(name: "CKernelSupport", path: "Sources/CKernelSupport"),
        // Micro-kernels written once, generic over an ISA's vector type; specialised by the three targets below.
        .target(name: "ConvKernels", path: "Sources/ConvKernels"),
        .target(name: "ConvKernelsAVX512", dependencies: ["ConvKernels", "CKernelSupport"],
                path: "Sources/ConvKernelsAVX512",
                swiftSettings: avx512),
        .target(name: "ConvKernelsAVX2", dependencies: ["ConvKernels", "CKernelSupport"],
                path: "Sources/ConvKernelsAVX2",
                swiftSettings: avx2),
        .target(name: "ConvKernelsGeneric", dependencies: ["ConvKernels", "CKernelSupport"],
                path: "Sources/ConvKernelsGeneric"),
        // libjpeg-turbo's TurboJPEG API (errors are return codes, no setjmp); only Ops/IO/JPEG.swift imports it.
        .systemLibrary(name: "CJPEG", path: "Sources/CJPEG", pkgConfig: "libturbojpeg",
                       providers: [.apt(["libturbojpeg0-dev"])]),
        // libpng behind shim functions that keep its setjmp error handling in C; only Ops/IO/PNG.swift imports it.
        .systemLibrary(name: "CPNG", path: "Sources/CPNG", pkgConfig: "libpng",
                       providers: [.apt(["libpng-dev"])]),
        // libsixel (palette quantiser, dithering, sixel bands) behind a shim; only Ops/Imaging/Sixel.swift imports it.
        .systemLibrary(name: "CSixel", path: "Sources/CSixel", pkgConfig: "libsixel",
                       providers: [.apt(["libsixel-dev"])]),
        // libhdf5 (Keras weights) behind a shim for its macros; only Ops/Models/HDF5File.swift imports it.
        .systemLibrary(name: "CHDF5", path: "Sources/CHDF5", pkgConfig: "hdf5-serial",
                       providers: [.apt(["libhdf5-dev"])]),
        // ZeroMQ sockets for the Jupyter kernel behind a shim; only ConvShell/Jupyter/ZMQSocket.swift imports it.
        .systemLibrary(name: "CZMQ", path: "Sources/CZMQ", pkgConfig: "libzmq",
                       providers: [.apt(["libzmq3-dev"])]),
        // Tensors, the op registry and every op; knows nothing of terminals or line editing.
        .target(name: "Ops", dependencies: ["CJPEG", "CPNG", "CKernelSupport", "ConvKernels", "ConvKernelsAVX512",
                                            "ConvKernelsAVX2", "ConvKernelsGeneric", "CHDF5", "CSixel",
                                            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                                            .product(name: "SwiftProtobuf", package: "swift-protobuf")],
                path: "Sources/Ops"),
        // The plugin interface: one C header (include/convsh_plugin.h) shared by convsh and every plugin.
        .target(name: "ConvShellPlugin", path: "Sources/ConvShellPlugin"),
        // Loads plugin libraries and adds their ops to a registry; knows nothing of the shell.
        .target(name: "PluginHost", dependencies: ["Ops", "ConvShellPlugin"], path: "Sources/PluginHost"),
        .target(name: "ThresholdPlugin", dependencies: ["ConvShellPlugin"], path: "Sources/ThresholdPlugin",
                publicHeadersPath: ".", linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]),
        // The front-end: command line, parser, session, REPL, Jupyter kernel.
        .executableTarget(
            name: "ConvShell",
            dependencies: [
                "Ops", "CEdit", "CKernelSupport",
                "PluginHost", "CZMQ",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Sources/ConvShell"),
        // Times image decoding and encoding for scripts/bench-io (release builds only mean anything).
        .executableTarget(name: "BenchIO", dependencies: ["Ops"], path: "Sources/BenchIO"),
        // Times the benchmark workloads (scripts/bench runs it in a release build).
        .executableTarget(name: "ConvBench", dependencies: ["Ops"], path: "Sources/ConvBench"),
        // CSixel: libsixel's decoder is the reference the sixel tests read pictures back with.
        .testTarget(name: "OpsTests", dependencies: ["Ops", "CSixel", "TestSupport"], path: "Tests/OpsTests",
                    resources: [.copy("Reference"), .copy("CourseReference")]),
        // Plugins the plugin tests load: no entry point, a wrong interface version, one that declines interface 1,
        // a name clash, a malformed description, and a plugin written in Swift.
        .target(name: "FixtureNotAPlugin", path: "Tests/PluginFixtures/NotAPlugin", publicHeadersPath: "."),
        .target(name: "FixtureWrongInterface", dependencies: ["ConvShellPlugin"],
                path: "Tests/PluginFixtures/WrongInterface", publicHeadersPath: "."),
        .target(name: "FixtureDeclines", dependencies: ["ConvShellPlugin"],
                path: "Tests/PluginFixtures/Declines", publicHeadersPath: "."),
        .target(name: "FixtureClash", dependencies: ["ConvShellPlugin"],
                path: "Tests/PluginFixtures/Clash", publicHeadersPath: "."),
        .target(name: "FixtureMalformed", dependencies: ["ConvShellPlugin"],
                path: "Tests/PluginFixtures/Malformed", publicHeadersPath: "."),
        .target(name: "FixtureSwiftPlugin", dependencies: ["ConvShellPlugin"],
                path: "Tests/PluginFixtures/SwiftPlugin"),
        // What the test targets share: temporary folders, the built products, convsh as a process or on a terminal.
        .target(name: "TestSupport", dependencies: ["Ops"], path: "Tests/TestSupport"),
        .testTarget(name: "ConvShellTests", dependencies: ["ConvShell", "Ops", "TestSupport"],
                    path: "Tests/ConvShellTests",
                    exclude: ["Language/fuzz"]),  // read from the source tree by LanguageFuzzRegressionTests
        .testTarget(name: "PluginTests", dependencies: ["PluginHost", "ConvShell", "Ops", "TestSupport"],
                    path: "Tests/PluginTests"),
    ]
)
