import CKernelSupport
import ConvKernels
import ConvKernelsAVX2
import ConvKernelsAVX512
import ConvKernelsGeneric
import Foundation

/// The instruction sets the conv, relu and maxpool kernels are compiled for; one is chosen at run time.
///
/// `swift build` compiles every kernel set (each in its own target with its own `-target-cpu`); CPUID says which
/// this CPU can run. `CONVSH_ISA=avx512|avx2|generic` forces a set, for testing and comparison; a set the CPU
/// cannot run is refused with a warning on stderr, and the best supported set is used instead.
public enum ISA: String, Sendable, CaseIterable {
    case avx512, avx2, generic

    /// The sets this CPU and OS can run, best first.
    public static let supported: [ISA] = {
        let features = Int(ckernel_features())
        var sets: [ISA] = []
        if features & Int(CKERNEL_AVX512) != 0 { sets.append(.avx512) }
        if features & Int(CKERNEL_AVX2) != 0 { sets.append(.avx2) }
        return sets + [.generic]
    }()

    /// The set ops use: `CONVSH_ISA` when set and supported, else the best supported.
    public static let selected: ISA = {
        guard let name = ProcessInfo.processInfo.environment["CONVSH_ISA"], !name.isEmpty else {
            return supported[0]
        }
        guard let isa = ISA(rawValue: name.lowercased()), supported.contains(isa) else {
            let known = supported.map(\.rawValue).joined(separator: "|")
            FileHandle.standardError.write(Data(
                "convsh: warning: CONVSH_ISA=\(name) is not available on this CPU (\(known)); using \(supported[0])\n"
                    .utf8))
            return supported[0]
        }
        return isa
    }()

    /// The kernels compiled for this set. Call only for a member of `supported`.
    var kernels: KernelSet {
        switch self {
        case .avx512: return ISA.avx512Set
        case .avx2: return ISA.avx2Set
        case .generic: return ISA.genericSet
        }
    }

    private static let avx512Set = KernelSet(
        name: "avx512", lanes: AVX512Kernels.lanes, shapes: (0..<AVX512Kernels.shapeCount).map(AVX512Kernels.shape),
        tiles: AVX512Kernels.tiles, depthwise: AVX512Kernels.depthwise, depthwisePair: AVX512Kernels.depthwisePair,
        relu: AVX512Kernels.relu, maxPool: AVX512Kernels.maxPool,
        elementwise: AVX512Kernels.elementwise,
        winogradInput: AVX512Kernels.winogradInput, winogradOutput: AVX512Kernels.winogradOutput)

    private static let avx2Set = KernelSet(
        name: "avx2", lanes: AVX2Kernels.lanes, shapes: (0..<AVX2Kernels.shapeCount).map(AVX2Kernels.shape),
        tiles: AVX2Kernels.tiles, depthwise: AVX2Kernels.depthwise, depthwisePair: AVX2Kernels.depthwisePair,
        relu: AVX2Kernels.relu, maxPool: AVX2Kernels.maxPool,
        elementwise: AVX2Kernels.elementwise,
        winogradInput: AVX2Kernels.winogradInput, winogradOutput: AVX2Kernels.winogradOutput)

    private static let genericSet = KernelSet(
        name: "generic", lanes: GenericKernels.lanes, shapes: (0..<GenericKernels.shapeCount).map(GenericKernels.shape),
        tiles: GenericKernels.tiles, depthwise: GenericKernels.depthwise, depthwisePair: GenericKernels.depthwisePair,
        relu: GenericKernels.relu, maxPool: GenericKernels.maxPool,
        elementwise: GenericKernels.elementwise,
        winogradInput: GenericKernels.winogradInput, winogradOutput: GenericKernels.winogradOutput)
}
