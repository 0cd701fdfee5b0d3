/// How a conv is computed when more than one algorithm can: `conv2d ... algo=`, `set conv_algo`.
///
/// - `direct` (the default): the TF-exact direct convolution; every output is one float32 sum of its products.
/// - `winograd`: F(4×4, 3×3) for stride-1, dilation-1 3x3 filter banks (any padding, border and batch), fewer
///   multiplies at a small, bounded extra rounding error; any other conv runs direct.
/// - `auto`: Winograd where it was measured faster (`prefersWinograd`), direct elsewhere; a pure function of the
///   geometry, so the same shape always takes the same path.
public enum ConvAlgorithm: String, Sendable, CaseIterable {
    case direct, winograd, auto

    /// F(m×m, 3×3)'s m for `winograd`: 4, chosen by measurement (docs/kernels.md: F(6,3) is faster still on
    /// large layers but its error exceeds the documented bound).
    public static let winogradTile = 4

    /// True when this algorithm computes `g` by Winograd.
    public func usesWinograd(_ g: ConvGeometry) -> Bool {
        switch self {
        case .direct: return false
        case .winograd: return WinogradConv.accepts(g)
        case .auto: return WinogradConv.accepts(g) && ConvAlgorithm.prefersWinograd(g)
        }
    }

    /// Where F(4,3) beat the direct conv in `scripts/bench` (2-core Zen 5, 1 and 2 threads): enough input and
    /// output channels that the GEMMs dominate the transforms, and enough tiles to amortise the weight transform.
    static func prefersWinograd(_ g: ConvGeometry) -> Bool {
        g.inChannels >= 32 && g.outChannels >= 32 && g.outHeight >= 16 && g.outWidth >= 16
    }
}
