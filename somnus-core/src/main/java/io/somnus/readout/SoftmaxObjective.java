package io.somnus.readout;

import java.util.Arrays;

/**
 * The L2-regularised multinomial logistic loss, scaled like scikit-learn's ({@code 1/n} of
 * {@code C·Σ loss + ½‖W‖²}, same minimiser):
 * <pre>
 * f(W, b) = (1/n) Σ_i [ log Σ_k exp(z_ik) − z_{i,y_i} ] + (1 / (2 C n)) ‖W‖²_F,   z_ik = w_kᵀ x_i + b_k
 * ∂f/∂w_k = (1/n) Σ_i (p_ik − [y_i = k]) x_i + w_k / (C n),   ∂f/∂b_k = (1/n) Σ_i (p_ik − [y_i = k])
 * </pre>
 * with p_ik the softmax of z_i; intercepts b are not penalised.
 * <p>
 * Parameters are one flat vector laid out column-major as a (d+1) × K matrix: {@code p[k(d+1) + j]} is
 * w_kj for j &lt; d and {@code p[k(d+1) + d]} is b_k. Design matrix x is row-major n × d.
 * <p>
 * Line searches evaluate f along {@code a + α·s}. The logits are affine in the parameters, so once
 * the first point {@code a + δ} off the last gradient point a ("anchor") is seen, the direction's logits
 * {@code z_δ = X δ_W + δ_b} are computed once and every further point {@code a + β δ} on that line costs
 * O(nK): {@code z = z(a) + β z_δ}. The next iterate, where the gradient is taken, lies on that line too,
 * so its logits come the same way, and are recomputed exactly every {@link #EXACT_LOGITS_EVERY}
 * iterations. Collinearity is checked explicitly; anything else is computed in full. So a
 * conjugate-gradient iteration streams the design about twice (z_δ and the gradient product) instead of
 * once per function evaluation. Not thread-safe.
 */
final class SoftmaxObjective {
    /**
     * Iterates whose logits are taken from the line (z(a) + β z_δ) before one is recomputed exactly.
     * Each such step adds a rounding error of about ε·|β z_δ|, so the drift grows linearly and is reset
     * here.
     */
    static final int EXACT_LOGITS_EVERY = 10;

    private final int n;
    private final int d;
    private final int classes;
    private final int stride;
    private final double[] x;
    private final int[] y;
    private final double l2;

    private final double[] logits;
    private final double[] residual;
    private final double[] anchorPoint;
    private final double[] anchorLogits;
    private boolean hasAnchor;
    private final double[] lineDelta;
    private final double[] lineLogitsDelta;
    private double lineDeltaSquared;
    private boolean hasLine;
    private final double[] gradient;
    /** Scratch: XᵀR, d × K row-major. */
    private final double[] xtr;
    private double gradientInfNorm = Double.POSITIVE_INFINITY;
    private double anchorValue = Double.NaN;
    private int gradientsSinceExact;
    private long fullProducts;
    private long evaluations;

    /**
     * @param x      design, row-major n × d (not modified, kept by reference)
     * @param y      labels in [0, classes)
     * @param c      inverse regularisation strength C (scikit-learn's), &gt; 0
     */
    SoftmaxObjective(double[] x, int n, int d, int[] y, int classes, double c) {
        this.n = n;
        this.d = d;
        this.classes = classes;
        this.stride = d + 1;
        this.x = x;
        this.y = y;
        this.l2 = 1.0 / (c * n);
        this.logits = new double[n * classes];
        this.residual = new double[n * classes];
        this.anchorPoint = new double[stride * classes];
        this.anchorLogits = new double[n * classes];
        this.lineDelta = new double[stride * classes];
        this.lineLogitsDelta = new double[n * classes];
        this.gradient = new double[stride * classes];
        this.xtr = new double[d * classes];
    }

    int dimension() {
        return stride * classes;
    }

    /** f(p). */
    double value(double[] p) {
        evaluations++;
        return loss(logitsFor(p)) + penalty(p);
    }

    /** ∇f(p) (a new array); makes p the anchor for the next line search. */
    double[] gradient(double[] p) {
        valueAndGradient(p, gradient);
        return gradient.clone();
    }

    /** f(p), writing ∇f(p) into {@code g}; makes p the anchor for the next line search. */
    double valueAndGradient(double[] p, double[] g) {
        evaluations++;
        double[] z = gradientsSinceExact < EXACT_LOGITS_EVERY ? interpolatedLogits(p) : null;
        if (z == null) {
            logits(p, d, classes, x, n, logits);
            fullProducts++;
            gradientsSinceExact = 0;
        } else {
            if (z != logits) {
                System.arraycopy(z, 0, logits, 0, logits.length);
            }
            gradientsSinceExact++;
        }
        System.arraycopy(p, 0, anchorPoint, 0, p.length);
        System.arraycopy(logits, 0, anchorLogits, 0, logits.length);
        hasAnchor = true;
        hasLine = false;

        double invN = 1.0 / n;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            int o = i * classes;
            double m = logits[o];
            for (int k = 1; k < classes; k++) {
                m = Math.max(m, logits[o + k]);
            }
            double s = 0;
            for (int k = 0; k < classes; k++) {
                double e = Math.exp(logits[o + k] - m);
                residual[o + k] = e;
                s += e;
            }
            sum += m + Math.log(s) - logits[o + y[i]];
            double inv = 1.0 / s;
            for (int k = 0; k < classes; k++) {
                residual[o + k] *= inv;
            }
            residual[o + y[i]] -= 1.0;
        }
        // weight block of g: ∂f/∂w_kj = (1/n) Σ_i x_ij r_ik (+ the penalty below), with XᵀR as d × K
        if (d > 0) {
            DenseProducts.transposeMultiply(x, residual, xtr, n, d, classes);
            fullProducts++;
        }
        for (int k = 0; k < classes; k++) {
            int o = k * stride;
            for (int j = 0; j < d; j++) {
                g[o + j] = xtr[j * classes + k] * invN;
            }
        }
        for (int k = 0; k < classes; k++) {
            double b = 0;
            for (int i = 0; i < n; i++) {
                b += residual[i * classes + k];
            }
            int o = k * stride;
            g[o + d] = b * invN;
            for (int j = 0; j < d; j++) {
                g[o + j] += l2 * p[o + j];
            }
        }
        double norm = 0;
        for (double v : g) {
            norm = Math.max(norm, Math.abs(v));
        }
        double value = sum * invN + penalty(p);
        if (g == gradient) {
            gradientInfNorm = norm;
        }
        anchorValue = value;
        return value;
    }

    /** The last point whose gradient was computed (copy), or null before the first. */
    double[] anchorPoint() {
        return hasAnchor ? anchorPoint.clone() : null;
    }

    /** f at {@link #anchorPoint()}. */
    double anchorValue() {
        return anchorValue;
    }

    /** Largest |∂f| at the last point whose gradient was computed by {@link #gradient}. */
    double lastGradientInfNorm() {
        return gradientInfNorm;
    }

    /** Number of O(ndK) matrix products so far (diagnostics). */
    long fullProducts() {
        return fullProducts;
    }

    /** Number of function evaluations so far (diagnostics). */
    long evaluations() {
        return evaluations;
    }

    private double penalty(double[] p) {
        double s = 0;
        for (int k = 0; k < classes; k++) {
            int o = k * stride;
            for (int j = 0; j < d; j++) {
                s += p[o + j] * p[o + j];
            }
        }
        return 0.5 * l2 * s;
    }

    private double loss(double[] z) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            int o = i * classes;
            double m = z[o];
            for (int k = 1; k < classes; k++) {
                m = Math.max(m, z[o + k]);
            }
            double s = 0;
            for (int k = 0; k < classes; k++) {
                s += Math.exp(z[o + k] - m);
            }
            sum += m + Math.log(s) - z[o + y[i]];
        }
        return sum / n;
    }

    private double[] logitsFor(double[] p) {
        double[] z = interpolatedLogits(p);
        if (z != null) {
            return z;
        }
        if (!hasAnchor) {
            logits(p, d, classes, x, n, logits);
            fullProducts++;
            return logits;
        }
        // Start a new line through the anchor: z(a + β δ) = z(a) + β z_δ with z_δ = X δ_W + δ_b computed
        // directly (not as z(a + δ) − z(a), whose rounding error would be amplified by |1 − β|).
        double sq = 0;
        for (int t = 0; t < p.length; t++) {
            double v = p[t] - anchorPoint[t];
            lineDelta[t] = v;
            sq += v * v;
        }
        logits(lineDelta, d, classes, x, n, lineLogitsDelta);
        fullProducts++;
        lineDeltaSquared = sq;
        hasLine = sq > 0;
        for (int t = 0; t < logits.length; t++) {
            logits[t] = anchorLogits[t] + lineLogitsDelta[t];
        }
        return logits;
    }

    /**
     * Logits of p without a matrix product when p is the anchor or lies on the current line (then
     * written to {@code logits}); null otherwise.
     */
    private double[] interpolatedLogits(double[] p) {
        if (hasAnchor && Arrays.equals(p, anchorPoint)) {
            return anchorLogits;
        }
        if (hasAnchor && hasLine) {
            double dot = 0;
            double scale = 0;
            for (int t = 0; t < p.length; t++) {
                dot += (p[t] - anchorPoint[t]) * lineDelta[t];
                scale = Math.max(scale, Math.max(Math.abs(p[t]), Math.abs(anchorPoint[t])));
            }
            double beta = dot / lineDeltaSquared;
            double tol = 1e-12 * (1 + Math.abs(beta)) * scale;
            boolean collinear = true;
            for (int t = 0; t < p.length; t++) {
                if (Math.abs(p[t] - anchorPoint[t] - beta * lineDelta[t]) > tol) {
                    collinear = false;
                    break;
                }
            }
            if (collinear) {
                for (int t = 0; t < logits.length; t++) {
                    logits[t] = anchorLogits[t] + beta * lineLogitsDelta[t];
                }
                return logits;
            }
        }
        return null;
    }

    /**
     * Logits {@code z (n × K, row-major) = X W + 1 bᵀ} for parameters {@code p} in this class's layout.
     */
    static void logits(double[] p, int d, int classes, double[] x, int n, double[] out) {
        int stride = d + 1;
        if (d > 0) {
            double[] w = new double[d * classes]; // W as d × K row-major
            for (int k = 0; k < classes; k++) {
                for (int j = 0; j < d; j++) {
                    w[j * classes + k] = p[k * stride + j];
                }
            }
            DenseProducts.multiply(x, w, out, n, d, classes);
        } else {
            Arrays.fill(out, 0, n * classes, 0.0);
        }
        for (int i = 0; i < n; i++) {
            int o = i * classes;
            for (int k = 0; k < classes; k++) {
                out[o + k] += p[k * stride + d];
            }
        }
    }
}
