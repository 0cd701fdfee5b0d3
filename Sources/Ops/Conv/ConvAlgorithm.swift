import Foundation

/// How a conv is computed when more than one algorithm can: `conv2d ... algo=`, `set conv_algo`.
///
/// - `direct` (the default): the TF-exact direct convolution; every output is one float32 sum of its products.
/// - `winograd`: F(4×4, 3×3) for stride-1, dilation-1 3x3 filter banks of at least `winogradMinChannels` input
///   channels (any padding, border and batch), fewer multiplies at a small, bounded extra rounding error; any
///   other conv runs direct.
/// - `auto`: Winograd where it was measured faster (`prefersWinograd`), direct elsewhere; a pure function of the
///   geometry, so the same shape always takes the same path.
public enum ConvAlgorithm: String, Sendable, CaseIterable {
    case direct, winograd, auto

    /// F(m×m, 3×3)'s m for `winograd`: 4, chosen by measurement (docs/kernels.md: F(6,3) is faster still but its
    /// error is about twice F(4,3)'s and breaks the 10x-of-direct bound on larger layers). `CONVSH_WINOGRAD_TILE=6`
    /// selects F(6,3) instead, for measurement and comparison (as `CONVSH_ISA` selects a kernel set).
    public static let winogradTile: Int = {
        ProcessInfo.processInfo.environment["CONVSH_WINOGRAD_TILE"] == "6" ? 6 : 4
    }()

    /// Fewer input channels run direct even with `winograd`: the transforms' rounding error does not shrink with
    /// Cin while direct's does, and at Cin = 3 F(4,3)'s error was 14x direct's (scripts/winograd-accuracy.py),
    /// beyond the 10x the issue allows; nor is it faster there (the transforms outweigh the short GEMMs).
    public static let winogradMinChannels = 16

    /// The `c` of Winograd's error bound: every output of F(m×m, 3×3) is within `(9·Cin + c)·2⁻²⁴·M` of the
    /// exact conv, `M` the largest `Σ|x·w|` over the output (the direct conv's per-output worst case, taken over
    /// the whole output, plus `c` units for the transforms). 64 for F(4,3), 160 for F(6,3): about twice the
    /// worst `|y - exact| / (2⁻²⁴·M)` the property tests measured (35 and 73, largest for Cin = 1).
    public static func transformUnits(tile m: Int) -> Int { m == 4 ? 64 : 160 }

    /// True when this algorithm computes `g` by Winograd.
    public func usesWinograd(_ g: ConvGeometry) -> Bool {
        switch self {
        case .direct: return false
        case .winograd: return WinogradConv.accepts(g)
        case .auto: return WinogradConv.accepts(g) && ConvAlgorithm.prefersWinograd(g)
        }
    }

    /// Where F(4,3) beat the direct conv (`convsh-bench conv:N,H,W,Cin,Cout`, 2 threads, shared 2-core Zen 5):
    /// 2.1-2.6x on W3/W4-sized layers, 2.5x at 56² 256 → 256, 1.8x at 28² 512 → 512, 1.3x at 14² 512 → 512,
    /// but no gain at 32² 32 → 32: at least 64 channels in and out and an output of at least 14x14.
    static func prefersWinograd(_ g: ConvGeometry) -> Bool {
        g.inChannels >= 64 && g.outChannels >= 64 && g.outHeight >= 14 && g.outWidth >= 14
    }
}
