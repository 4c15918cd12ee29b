package io.somnus.sg;

import io.somnus.kernel.Kernels;

/**
 * Surrogate derivatives of the spike nonlinearity {@code S = Θ(U − θ)}: the forward pass keeps the Heaviside
 * step, the backward pass replaces {@code dS/dU} (the Dirac delta) by a smooth bump of {@code x = U − θ} with a
 * slope (sharpness) {@code k}. The formulas are those of snnTorch's {@code surrogate} module (Eshraghian et al.
 * 2023), so a slope means the same here as there.
 *
 * <p>{@link #primitive} is the antiderivative of the surrogate ({@code ∫_{−∞}^x σ'(u) du}): a smooth step that a
 * "surrogate forward" can use in place of Θ so that finite differences of the loss see exactly the gradient the
 * backward pass computes. Somnus uses it only to verify the backward pass (see the gradient-check test).
 */
public enum SgSurrogate {
    /**
     * Fast sigmoid (Zenke &amp; Ganguli 2018, SuperSpike; snnTorch {@code fast_sigmoid}, default slope 25):
     * {@code σ'(x) = 1/(1 + k|x|)²}; primitive {@code (1 + kx/(1 + k|x|))/k} (it rises from 0 to {@code 2/k}).
     */
    FAST_SIGMOID(25.0) {
        @Override
        public double derivative(double x, double k) {
            double d = 1.0 + k * Math.abs(x);
            return 1.0 / (d * d);
        }

        @Override
        public double primitive(double x, double k) {
            return (1.0 + k * x / (1.0 + k * Math.abs(x))) / k;
        }

        @Override
        void delta(float[] g, float[] u, int off, int next, int n, int rows, int stride, float theta, float k, float beta,
                   float resetCoef) {
            Kernels.preferred().sgFastSigmoidDelta(g, u, off, next, n, rows, stride, theta, k, beta, resetCoef);
        }
    },
    /**
     * Arctangent (Fang et al. 2021; snnTorch {@code atan}, default α = 2):
     * {@code σ'(x) = (α/2) / (1 + (παx/2)²)}; primitive {@code 1/2 + arctan(παx/2)/π}.
     */
    ARCTAN(2.0) {
        @Override
        public double derivative(double x, double k) {
            double z = Math.PI / 2 * k * x;
            return k / 2 / (1.0 + z * z);
        }

        @Override
        public double primitive(double x, double k) {
            return 0.5 + Math.atan(Math.PI / 2 * k * x) / Math.PI;
        }

        @Override
        void delta(float[] g, float[] u, int off, int next, int n, int rows, int stride, float theta, float k, float beta,
                   float resetCoef) {
            Kernels.preferred().sgArctanDelta(g, u, off, next, n, rows, stride, theta, k, beta, resetCoef);
        }
    },
    /**
     * Logistic sigmoid (snnTorch {@code sigmoid}, default slope 25):
     * {@code σ'(x) = k·e^{−kx}/(1 + e^{−kx})²}; primitive {@code 1/(1 + e^{−kx})}.
     */
    SIGMOID(25.0) {
        @Override
        public double derivative(double x, double k) {
            double s = 1.0 / (1.0 + Math.exp(-k * x));
            return k * s * (1.0 - s);
        }

        @Override
        public double primitive(double x, double k) {
            return 1.0 / (1.0 + Math.exp(-k * x));
        }

        @Override
        void delta(float[] g, float[] u, int off, int next, int n, int rows, int stride, float theta, float k, float beta,
                   float resetCoef) {
            for (int r = 0; r < rows; r++) {
                int o = off + r * stride;
                int x = next < 0 ? -1 : next + r * stride;
                for (int i = 0; i < n; i++) {
                    float s = (float) (1.0 / (1.0 + Math.exp(-k * (u[o + i] - theta))));
                    float gn = x < 0 ? 0f : g[x + i];
                    g[o + i] = Kernels.flushSubnormal((g[o + i] - resetCoef * gn) * k * s * (1f - s) + beta * gn);
                }
            }
        }
    };

    private final double defaultSlope;

    SgSurrogate(double defaultSlope) {
        this.defaultSlope = defaultSlope;
    }

    /** snnTorch's default slope for this surrogate (25 for the sigmoids, α = 2 for arctan). */
    public double defaultSlope() {
        return defaultSlope;
    }

    /** The surrogate derivative {@code σ'(x)} at {@code x = U − θ} for slope {@code k}. */
    public abstract double derivative(double x, double k);

    /** The antiderivative of {@link #derivative}, vanishing at {@code x → −∞}. */
    public abstract double primitive(double x, double k);

    /**
     * One step of the BPTT recursion over {@code n} units, in place: with {@code i} in {@code [0, n)},
     * {@code g[off+i] ← (g[off+i] − c·g[next+i])·σ'(u[off+i] − θ) + β·g[next+i]}, where {@code g[next+i]} is
     * δ at the following step ({@code next < 0}: the last step, δ = 0 there) and {@code c} is θ for an attached
     * reset, 0 for a detached one; subnormal results become 0 ({@link Kernels#flushSubnormal}). {@code u} is not
     * modified. The same for {@code rows} such rows, {@code stride} apart. The fast sigmoid and the arctangent run as
     * {@link Kernels} (SIMD where available, the same bits).
     */
    abstract void delta(float[] g, float[] u, int off, int next, int n, int rows, int stride, float theta, float k,
                        float beta, float resetCoef);
}
