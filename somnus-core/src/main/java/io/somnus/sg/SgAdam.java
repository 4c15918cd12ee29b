package io.somnus.sg;

/**
 * Adam (Kingma &amp; Ba 2015) exactly as PyTorch's {@code torch.optim.Adam} without weight decay or amsgrad: for step
 * {@code t = 1, 2, …} and every parameter {@code p} with gradient {@code g},
 * <pre>
 *   m ← β₁·m + (1 − β₁)·g
 *   v ← β₂·v + (1 − β₂)·g²
 *   p ← p − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
 * </pre>
 * i.e. {@code p ← p − lr·m̂/(√v̂ + ε)} with the bias-corrected moments {@code m̂}, {@code v̂}.
 */
final class SgAdam {
    private final float[][] params;
    private final float[][] grads;
    private final float[][] m;
    private final float[][] v;
    private final double lr;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private long t;

    /**
     * @param params parameter arrays, updated in place
     * @param grads  gradient arrays aligned with {@code params} (not modified)
     */
    SgAdam(float[][] params, float[][] grads, double lr, double beta1, double beta2, double eps) {
        assert params.length == grads.length;
        this.params = params;
        this.grads = grads;
        this.m = new float[params.length][];
        this.v = new float[params.length][];
        for (int i = 0; i < params.length; i++) {
            assert params[i].length == grads[i].length;
            m[i] = new float[params[i].length];
            v[i] = new float[params[i].length];
        }
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    /** One Adam step over every parameter. */
    void step() {
        t++;
        double bc1 = 1.0 - Math.pow(beta1, t);
        double bc2 = 1.0 - Math.pow(beta2, t);
        float stepSize = (float) (lr / bc1);
        float invSqrtBc2 = (float) (1.0 / Math.sqrt(bc2));
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float c1 = (float) (1.0 - beta1);
        float c2 = (float) (1.0 - beta2);
        float e = (float) eps;
        for (int k = 0; k < params.length; k++) {
            float[] p = params[k];
            float[] gr = grads[k];
            float[] mk = m[k];
            float[] vk = v[k];
            for (int i = 0; i < p.length; i++) {
                float gi = gr[i];
                float mi = b1 * mk[i] + c1 * gi;
                float vi = b2 * vk[i] + c2 * gi * gi;
                mk[i] = mi;
                vk[i] = vi;
                p[i] -= stepSize * mi / ((float) Math.sqrt(vi) * invSqrtBc2 + e);
            }
        }
    }

    /** The first moments, aligned with the parameters (live arrays: a snapshot copies them). */
    float[][] firstMoments() {
        return m;
    }

    /** The second moments, aligned with the parameters (live arrays). */
    float[][] secondMoments() {
        return v;
    }

    /** Puts back the moments and step count of a run being resumed (shapes checked by the caller). */
    void restore(float[][] m1, float[][] m2, long steps) {
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(m1[i], 0, m[i], 0, m[i].length);
            System.arraycopy(m2[i], 0, v[i], 0, v[i].length);
        }
        t = steps;
    }

    /** Steps taken so far. */
    long steps() {
        return t;
    }
}
