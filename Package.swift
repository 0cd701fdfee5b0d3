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
        .executable(name: "convsh-bench", targets: ["ConvBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
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
        // Tensors, the op registry and every op; knows nothing of terminals or line editing.
        .target(name: "Ops", dependencies: ["CKernelSupport", "ConvKernels", "ConvKernelsAVX512", "ConvKernelsAVX2",
                                            "ConvKernelsGeneric"], path: "Sources/Ops"),
        // The front-end: command line, parser, session, REPL.
        .executableTarget(
            name: "ConvShell",
            dependencies: [
                "Ops", "CEdit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/ConvShell"),
        // Times the benchmark workloads (scripts/bench runs it in a release build).
        .executableTarget(name: "ConvBench", dependencies: ["Ops"], path: "Sources/ConvBench"),
        .testTarget(name: "OpsTests", dependencies: ["Ops"], path: "Tests/OpsTests",
                    resources: [.copy("Reference")]),
        .testTarget(name: "ConvShellTests", dependencies: ["ConvShell", "Ops"], path: "Tests/ConvShellTests"),
    ]
)
