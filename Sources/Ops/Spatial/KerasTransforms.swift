import Foundation

/// The `ImageProjectiveTransformV3` matrices Keras' random layers build once their factor is drawn, in float32 as
/// Keras computes them (`cx = (W-1)/2`, `cy = (H-1)/2`).
public enum KerasTransforms {
    /// `RandomRotation` with angle θ = `degrees` (positive turns counter-clockwise):
    /// `[cos θ, -sin θ, cx - cx·cos θ + cy·sin θ, sin θ, cos θ, cy - cx·sin θ - cy·cos θ, 0, 0]`.
    public static func rotation(degrees: Double, height: Int, width: Int) -> [Float] {
        let angle = Float(degrees) * Float(Double.pi / 180)
        let cosine = cosf(angle), sine = sinf(angle)
        let cx = 0.5 * (Float(width) - 1), cy = 0.5 * (Float(height) - 1)
        let (a0, a1, b0, b1) = (cosine, -sine, sine, cosine)
        let a2 = cx - cx * a0 - cy * a1
        let b2 = cy - cx * b0 - cy * b1
        return [a0, a1, a2, b0, b1, b2, 0, 0]
    }

    /// `RandomTranslation(height_factor=dy/H, width_factor=dx/W)`: `[1, 0, -dx, 0, 1, -dy, 0, 0]`, the picture
    /// moving down by `dy` and right by `dx` pixels (each recomputed as `(d/L)·L` in float32, as Keras does).
    public static func translation(dy: Double, dx: Double, height: Int, width: Int) -> [Float] {
        let ty = Float(dy / Double(height)) * Float(height), tx = Float(dx / Double(width)) * Float(width)
        return [1, 0, -tx, 0, 1, -ty, 0, 0]
    }

    /// `RandomZoom(height_factor=f)` (width follows height), zoom `z = 1 + f` (positive zooms out):
    /// `[z, 0, (W-1)/2·(1-z), 0, z, (H-1)/2·(1-z), 0, 0]`.
    public static func zoom(factor: Double, height: Int, width: Int) -> [Float] {
        let z = Float(1.0 + factor)
        let xOffset = ((Float(width) - 1) / 2) * (1 - z), yOffset = ((Float(height) - 1) / 2) * (1 - z)
        return [z, 0, xOffset, 0, z, yOffset, 0, 0]
    }
}
