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
        // Tensors, the op registry and every op; knows nothing of terminals or line editing.
        .target(name: "Ops", path: "Sources/Ops"),
        // The front-end: command line, parser, session, REPL.
        .executableTarget(
            name: "ConvShell",
            dependencies: [
                "Ops", "CEdit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/ConvShell"),
        .testTarget(name: "OpsTests", dependencies: ["Ops"], path: "Tests/OpsTests",
                    resources: [.copy("Reference")]),
        .testTarget(name: "ConvShellTests", dependencies: ["ConvShell", "Ops"], path: "Tests/ConvShellTests"),
    ]
)
