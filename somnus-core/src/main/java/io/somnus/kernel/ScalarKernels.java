package io.somnus.kernel;

/** Plain-Java kernels; also the reference the SIMD kernels must match bit for bit. */
final class ScalarKernels implements Kernels {
    static final ScalarKernels INSTANCE = new ScalarKernels();

    private ScalarKernels() { }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void logSpacePull(float[] w, int n, double target, double exponent, double[] scratch) {
        if (scratch.length == 0) { // the interface's contract (the SIMD kernel falls back to this one)
            throw new IllegalArgumentException("logSpacePull needs scratch space of at least 1 double");
        }
        logSpacePullRange(w, 0, n, target, exponent);
    }

    @Override
    public void logSpacePull(float[] w, int from, int n, PullTargets targets, int t, double exponent, double[] scratch) {
        for (int s = 0; s < n; s++) {
            w[from + s] = (float) Kernels.logSpacePull(w[from + s], targets.target[t + s], exponent);
        }
    }

    static void logSpacePullRange(float[] w, int from, int to, double target, double exponent) {
        for (int s = from; s < to; s++) {
            w[s] = (float) Kernels.logSpacePull(w[s], target, exponent);
        }
    }

    @Override
    public int conductanceLif(ConductanceLifStep c, int step, int n, float[] v, float[] ge, float[] gi, double[] theta,
                              int[] refractoryUntil, float[] excitatoryIn, float[] inhibitoryIn, float[] noiseMv,
                              float[] thresholdFloor, int[] spikedOut) {
        return conductanceLifRange(c, step, 0, n, v, ge, gi, theta, refractoryUntil, excitatoryIn, inhibitoryIn,
                noiseMv, spikedOut, 0);
    }

    /** Neurons [from, to); spikes are appended at {@code spikedOut[count..]}; returns the new count. */
    static int conductanceLifRange(ConductanceLifStep c, int step, int from, int to, float[] v, float[] ge, float[] gi,
                                   double[] theta, int[] refractoryUntil, float[] excitatoryIn, float[] inhibitoryIn,
                                   float[] noiseMv, int[] spikedOut, int count) {
        final float dtOverTau = c.dtOverTau();
        final float negDtOverTau = -dtOverTau;
        final float rest = c.restMv();
        final float eExc = c.excitatoryReversalMv();
        final float eInh = c.inhibitoryReversalMv();
        final double threshold = c.thresholdMv();
        for (int i = from; i < to; i++) {
            float gei = ge[i] + excitatoryIn[i];
            float gii = gi[i] + inhibitoryIn[i];
            excitatoryIn[i] = 0f;
            inhibitoryIn[i] = 0f;
            float vi = v[i];
            boolean active = step >= refractoryUntil[i];
            if (active) {
                if (c.forwardEuler()) {
                    vi = vi + dtOverTau * (((rest - vi) + gei * (eExc - vi)) + gii * (eInh - vi));
                } else {
                    float gTotal = (1f + gei) + gii;
                    float vInf = ((rest + gei * eExc) + gii * eInh) / gTotal;
                    vi = vInf + (vi - vInf) * FastExp.expNonPositive(negDtOverTau * gTotal);
                }
                if (noiseMv != null) {
                    vi += noiseMv[i];
                }
            }
            double th = theta[i] * c.keepTheta();
            ge[i] = gei * c.keepExcitatory();
            gi[i] = gii * c.keepInhibitory();
            if (active && vi > threshold + th) { // compared in double, as Brian2
                vi = c.resetMv();
                th += c.thetaPlusMv();
                refractoryUntil[i] = step + c.refractorySteps();
                spikedOut[count++] = i;
            }
            v[i] = vi;
            theta[i] = th;
        }
        return count;
    }

    @Override
    public int currentLif(CurrentLifStep c, int step, int n, float[] v, float[] current, float[] adaptation,
                          int[] refractoryUntil, float[] excitatoryIn, float[] inhibitoryIn, float[] noiseMv, int[] spikedOut) {
        return currentLifRange(c, false, 0f, 0f, step, 0, n, v, current, adaptation, refractoryUntil, excitatoryIn,
                inhibitoryIn, noiseMv, spikedOut, 0);
    }

    /**
     * Neurons [from, to); as {@link #conductanceLifRange}. With {@code previousThreshold} the authors' spike test
     * ({@link #currentLifPreviousThreshold}), else V ≥ θ + a with a decayed (C2 unswitches the loop on it).
     */
    static int currentLifRange(CurrentLifStep c, boolean previousThreshold, float thresholdMinMv, float thresholdMaxMv,
                               int step, int from, int to, float[] v, float[] current, float[] adaptation,
                               int[] refractoryUntil, float[] excitatoryIn, float[] inhibitoryIn, float[] noiseMv,
                               int[] spikedOut, int count) {
        for (int i = from; i < to; i++) {
            float vi = v[i];
            // input that arrived at the previous step acts from this step on (as Brian2's synapses slot)
            float ii = current[i] + (excitatoryIn[i] + inhibitoryIn[i]) * c.gain();
            excitatoryIn[i] = 0f;
            inhibitoryIn[i] = 0f;
            boolean active = step >= refractoryUntil[i];
            if (active) {
                float vInf = c.restMv() + c.resistance() * ii;
                vi = vInf + (vi - vInf) * c.decayV();
                if (noiseMv != null) {
                    vi += noiseMv[i];
                }
            }
            ii *= c.decayI();
            float aPrev = adaptation[i];
            float ai = aPrev * c.decayA();
            vi = Math.min(Math.max(vi, c.vMinMv()), c.vMaxMv());
            boolean fires = previousThreshold
                    ? vi > previousThreshold(c, aPrev, thresholdMinMv, thresholdMaxMv)
                    : vi >= c.thresholdMv() + ai;
            if (active && fires) {
                vi = c.resetMv();
                ai += c.adaptationMv();
                refractoryUntil[i] = step + c.refractorySteps();
                spikedOut[count++] = i;
            }
            v[i] = vi;
            current[i] = ii;
            adaptation[i] = ai;
        }
        return count;
    }

    /** θ_prev = clip(V_th + a_prev, min, max): the threshold of the authors' spike test (mV). */
    static float previousThreshold(CurrentLifStep c, float aPrev, float thresholdMinMv, float thresholdMaxMv) {
        return Math.min(Math.max(c.thresholdMv() + aPrev, thresholdMinMv), thresholdMaxMv);
    }

    @Override
    public int currentLifPreviousThreshold(CurrentLifStep c, float thresholdMinMv, float thresholdMaxMv, int step,
                                           int n, float[] v, float[] current, float[] adaptation,
                                           int[] refractoryUntil, float[] excitatoryIn, float[] inhibitoryIn,
                                           float[] noiseMv, int[] spikedOut) {
        return currentLifRange(c, true, thresholdMinMv, thresholdMaxMv, step, 0, n, v, current, adaptation,
                refractoryUntil, excitatoryIn, inhibitoryIn, noiseMv, spikedOut, 0);
    }

    @Override
    public void addRow(float[] target, float[] w, int from, int n) {
        addRow(target, 0, w, from, n);
    }

    @Override
    public int firstNonFinite(float[] x, int n) {
        for (int i = 0; i < n; i++) {
            if (!Float.isFinite(x[i])) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void clamp(float[] w, int n, float lo, float hi) {
        clampRange(w, 0, n, lo, hi);
    }

    static void clampRange(float[] w, int from, int to, float lo, float hi) {
        for (int s = from; s < to; s++) {
            float x = w[s];
            w[s] = x < lo ? lo : (x > hi ? hi : x);
        }
    }

    @Override
    public void addRow(float[] target, int targetFrom, float[] w, int from, int n) {
        for (int j = 0; j < n; j++) {
            target[targetFrom + j] += w[from + j];
        }
    }

    @Override
    public void addRows(float[] target, float[] w, int[] from, int count, int n) {
        for (int k = 0; k < count; k++) {
            addRow(target, w, from[k], n);
        }
    }

    @Override
    public void depressRows(float[] w, int[] rows, int count, float[] trace, int n, float a, float lo, float hi) {
        for (int k = 0; k < count; k++) {
            depressRowRange(w, rows[k] * n, trace, 0, n, a, lo, hi);
        }
    }

    @Override
    public void potentiateRows(float[] w, int[] rows, float[] rowTrace, int count, float[] gain, int n, float lo,
                               float hi) {
        for (int k = 0; k < count; k++) {
            potentiateRowRange(w, rows[k] * n, rowTrace[k], gain, 0, n, lo, hi);
        }
    }

    static void potentiateRowRange(float[] w, int from, float trace, float[] gain, int j0, int n, float lo, float hi) {
        for (int j = j0; j < n; j++) {
            float g = gain[j];
            if (g != 0f) {
                w[from + j] = Math.min(Math.max(w[from + j] + g * trace, lo), hi);
            }
        }
    }

    static void depressRowRange(float[] w, int from, float[] trace, int j0, int n, float a, float lo, float hi) {
        for (int j = j0; j < n; j++) {
            float t = trace[j];
            if (t != 0f) {
                w[from + j] = Math.min(Math.max(w[from + j] - a * t, lo), hi);
            }
        }
    }

    @Override
    public void depressListed(float[] w, int row, int[] post, float[] trace, int count, float a, float lo, float hi) {
        depressListedRange(w, row, post, trace, 0, count, a, lo, hi);
    }

    static void depressListedRange(float[] w, int row, int[] post, float[] trace, int from, int to, float a, float lo,
                                   float hi) {
        for (int q = from; q < to; q++) {
            int s = row + post[q];
            w[s] = Math.min(Math.max(w[s] - a * trace[q], lo), hi);
        }
    }

    @Override
    public void depressSparseRow(float[] w, int[] postIndex, int from, int to, float[] trace, float a, float lo,
                                 float hi) {
        for (int s = from; s < to; s++) {
            float t = trace[postIndex[s]];
            if (t != 0f) {
                w[s] = Math.min(Math.max(w[s] - a * t, lo), hi);
            }
        }
    }

    @Override
    public void potentiateColumn(float[] w, int[] colSynapse, int[] colPre, int from, int to, float[] trace,
                                 float gain, float lo, float hi) {
        for (int c = from; c < to; c++) {
            float t = trace[colPre[c]];
            if (t != 0f) {
                int s = colSynapse[c];
                w[s] = Math.min(Math.max(w[s] + gain * t, lo), hi);
            }
        }
    }

    @Override
    public boolean traces(float[] table, int[] lastSpike, int[] previousSpike, int step, int n, float[] out,
                          int[] indexScratch) {
        return tracesRange(table, lastSpike, previousSpike, step, 0, n, out);
    }

    static boolean tracesRange(float[] table, int[] lastSpike, int[] previousSpike, int step, int from, int to,
                               float[] out) {
        int cap = table.length - 1;
        boolean any = false;
        for (int j = from; j < to; j++) {
            int t = previousSpike != null && lastSpike[j] == step ? previousSpike[j] : lastSpike[j];
            float v = table[Math.min(step - t, cap)];
            out[j] = v;
            any |= v != 0f;
        }
        return any;
    }

    @Override
    public int sgLeakyStep(float[] mem, float[] spikes, float[] current, float[] noise, float sigma, float beta,
                           float theta, int n) {
        return sgLeakyRange(mem, spikes, current, noise, sigma, beta, theta, 0, n);
    }

    /** {@link #sgLeakyStep} for i in [from, to); the SIMD kernel's tail. */
    static int sgLeakyRange(float[] mem, float[] spikes, float[] current, float[] noise, float sigma, float beta,
                            float theta, int from, int to) {
        int count = 0;
        for (int i = from; i < to; i++) {
            float u = sigma == 0f ? mem[i] : mem[i] + sigma * noise[i];
            float reset = u > theta ? theta : 0f;
            u = beta * u + current[i] - reset;
            mem[i] = u;
            if (u > theta) {
                spikes[i] = 1f;
                count++;
            } else {
                spikes[i] = 0f;
            }
        }
        return count;
    }

    @Override
    public void sgIntegrate(float[] mem, int o, int p, float[] add, int a, float[] bias, int b, float[] spikes, boolean first,
                            float beta, float theta, int n) {
        sgIntegrateRange(mem, o, p, add, a, bias, b, spikes, first, beta, theta, 0, n);
    }

    /** {@link #sgIntegrate} for h in [from, to); the SIMD kernel's tail. */
    static void sgIntegrateRange(float[] mem, int o, int p, float[] add, int a, float[] bias, int b, float[] spikes,
                                 boolean first, float beta, float theta, int from, int to) {
        if (first) {
            for (int h = from; h < to; h++) {
                mem[o + h] = add[a + h] + bias[b + h];
            }
        } else if (spikes != null) {
            for (int h = from; h < to; h++) {
                mem[o + h] = add[a + h] + bias[b + h] + beta * mem[p + h] - theta * spikes[p + h];
            }
        } else {
            for (int h = from; h < to; h++) {
                mem[o + h] = add[a + h] + bias[b + h] + beta * mem[p + h];
            }
        }
    }

    @Override
    public void accumulate(double[] sum, int s, float[] x, int o, int n) {
        accumulateRange(sum, s, x, o, 0, n);
    }

    static void accumulateRange(double[] sum, int s, float[] x, int o, int from, int to) {
        for (int h = from; h < to; h++) {
            sum[s + h] += x[o + h];
        }
    }

    @Override
    public void sgThreshold(float[] mem, float[] spikes, int o, float theta, int n) {
        sgThresholdRange(mem, spikes, o, theta, 0, n);
    }

    static void sgThresholdRange(float[] mem, float[] spikes, int o, float theta, int from, int to) {
        for (int h = from; h < to; h++) {
            // the sign bit of θ − U: spike outcomes are too irregular for a branch to predict
            spikes[o + h] = (float) (Float.floatToRawIntBits(theta - mem[o + h]) >>> 31);
        }
    }

    @Override
    public void sgFastSigmoidDelta(float[] g, float[] u, int off, int next, int n, int rows, int stride, float theta,
                                   float k, float beta, float resetCoef) {
        for (int r = 0; r < rows; r++) {
            fastSigmoidDeltaRange(g, u, off + r * stride, next < 0 ? -1 : next + r * stride, theta, k, beta, resetCoef,
                    0, n);
        }
    }

    static void fastSigmoidDeltaRange(float[] g, float[] u, int off, int next, float theta, float k, float beta,
                                      float resetCoef, int from, int to) {
        if (next < 0) {
            for (int i = from; i < to; i++) {
                float d = 1f + k * Math.abs(u[off + i] - theta);
                g[off + i] = Kernels.flushSubnormal(g[off + i] / (d * d));
            }
        } else {
            for (int i = from; i < to; i++) {
                float d = 1f + k * Math.abs(u[off + i] - theta);
                float gn = g[next + i];
                g[off + i] = Kernels.flushSubnormal((g[off + i] - resetCoef * gn) / (d * d) + beta * gn);
            }
        }
    }

    @Override
    public void sgArctanDelta(float[] g, float[] u, int off, int next, int n, int rows, int stride, float theta,
                              float k, float beta, float resetCoef) {
        for (int r = 0; r < rows; r++) {
            arctanDeltaRange(g, u, off + r * stride, next < 0 ? -1 : next + r * stride, theta, k, beta, resetCoef, 0, n);
        }
    }

    static void arctanDeltaRange(float[] g, float[] u, int off, int next, float theta, float k, float beta,
                                 float resetCoef, int from, int to) {
        float c = (float) (Math.PI / 2) * k;
        float half = k / 2f;
        if (next < 0) {
            for (int i = from; i < to; i++) {
                float z = c * (u[off + i] - theta);
                g[off + i] = Kernels.flushSubnormal(g[off + i] * half / (1f + z * z));
            }
        } else {
            for (int i = from; i < to; i++) {
                float z = c * (u[off + i] - theta);
                float gn = g[next + i];
                g[off + i] = Kernels.flushSubnormal((g[off + i] - resetCoef * gn) * half / (1f + z * z) + beta * gn);
            }
        }
    }

    @Override
    public void unitLogs(double[] v, double[] ln, int n) {
        for (int i = 0; i < n; i++) {
            ln[i] = UnitLog.of(v[i]);
        }
    }

    @Override
    public void scaleRow(float[] w, int from, float[] scale, int n) {
        for (int j = 0; j < n; j++) {
            w[from + j] *= scale[j];
        }
    }
}
