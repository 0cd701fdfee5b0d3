// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "ConvShell",
    products: [
        .executable(name: "convsh", targets: ["ConvShell"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // libedit (line editing, history, completion) behind a tiny C shim for its variadic calls.
        .systemLibrary(name: "CEdit", path: "Sources/CEdit", pkgConfig: "libedit",
                       providers: [.apt(["libedit-dev"])]),
        // libjpeg-turbo's TurboJPEG API (errors are return codes, no setjmp); only Ops/IO/JPEG.swift imports it.
        .systemLibrary(name: "CJPEG", path: "Sources/CJPEG", pkgConfig: "libturbojpeg",
                       providers: [.apt(["libturbojpeg0-dev"])]),
        // libpng behind shim functions that keep its setjmp error handling in C; only Ops/IO/PNG.swift imports it.
        .systemLibrary(name: "CPNG", path: "Sources/CPNG", pkgConfig: "libpng",
                       providers: [.apt(["libpng-dev"])]),
        // Tensors, the op registry and every op; knows nothing of terminals or line editing.
        .target(name: "Ops", dependencies: ["CJPEG", "CPNG"], path: "Sources/Ops"),
        // The front-end: command line, parser, session, REPL.
        .executableTarget(
            name: "ConvShell",
            dependencies: [
                "Ops", "CEdit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/ConvShell"),
        // Times image decoding and encoding for scripts/bench-io (release builds only mean anything).
        .executableTarget(name: "BenchIO", dependencies: ["Ops"], path: "Sources/BenchIO"),
        .testTarget(name: "OpsTests", dependencies: ["Ops"], path: "Tests/OpsTests",
                    resources: [.copy("Reference")]),
        .testTarget(name: "ConvShellTests", dependencies: ["ConvShell", "Ops"], path: "Tests/ConvShellTests"),
    ]
)
