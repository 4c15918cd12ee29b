package io.somnus.sg;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Gradient check of the BPTT equations, in double precision, for every parameter of a tiny network.
 *
 * <p>A surrogate gradient is not the derivative of the real (Heaviside) loss, so finite differences of the real
 * loss cannot check it. The check is made meaningful by differentiating a "surrogate forward": the same network
 * with Θ(U − θ) replaced by the surrogate's primitive, whose derivative is exactly σ'. Its backward pass uses the
 * same equations as the real network's (σ' at the recorded membranes), so agreement with central finite differences
 * verifies the recursion — leak, reset, recurrence, layer coupling, readout, loss — for each surrogate. A detached
 * reset (snnTorch's default) is checked by freezing the reset signal at its values from the unperturbed run, which
 * is what "detached" means; the attached variant is checked without freezing.
 *
 * <p>{@link SgNetworkMatchesReferenceTest} then shows that the float, BLAS-based production network computes the
 * same gradients as this reference on the real (Heaviside) forward.
 */
class SgGradientCheckTest {
    /**
     * Step of the central differences: near (ε)^⅓, where truncation (h²) and rounding (ε/h) balance. The tolerance
     * of each comparison is derived from h and the data (truncation by Richardson, rounding from the operation count;
     * it was a fixed relative 1e-3 with h = 1e-6, whose rounding alone could exceed it for gradients near 1e-6).
     */
    private static final double H = 1e-5;
    private static final double EPS = Math.ulp(1.0);
    /**
     * Slopes for the check, by {@link SgSurrogate} ordinal. The equations do not depend on the slope, but with
     * snnTorch's sharp defaults (25) the smooth forward's "spikes" are tiny (the fast sigmoid's primitive tops out
     * at 2/k) or saturated, and most gradients of a tiny network would vanish; broad surrogates keep every path busy.
     */
    private static final double[] CHECK_SLOPE = {2.0, 2.0, 1.0};

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (SgSurrogate s : SgSurrogate.values()) {
            for (boolean recurrent : new boolean[] {false, true}) {
                for (boolean detach : new boolean[] {true, false}) {
                    for (SgLoss loss : SgLoss.values()) {
                        out.add(Arguments.of(s, recurrent, detach, loss, 1));
                    }
                }
            }
            out.add(Arguments.of(s, true, true, SgLoss.SPIKE_COUNT, 2));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} recurrent={1} detachReset={2} {3} depth={4}")
    @MethodSource("cases")
    void backwardMatchesFiniteDifferencesOfTheSurrogateForward(SgSurrogate surrogate, boolean recurrent,
                                                              boolean detach, SgLoss loss, int depth) {
        SgConfig cfg = SgConfig.builder().inputs(4).hidden(5).depth(depth).outputs(3).steps(6).batchSize(2)
                .recurrent(recurrent).detachReset(detach).loss(loss).surrogate(surrogate, CHECK_SLOPE[surrogate.ordinal()])
                .beta(0.8).build();
        SplittableRandom rng = new SplittableRandom(42 + surrogate.ordinal());
        SgReferenceModel model = new SgReferenceModel(cfg);
        for (double[] p : model.parameters()) {
            for (int i = 0; i < p.length; i++) {
                p[i] = 1.2 * (2 * rng.nextDouble() - 1);
            }
        }
        double[][][] x = new double[cfg.steps()][2][4];
        for (double[][] step : x) {
            for (double[] img : step) {
                for (int i = 0; i < img.length; i++) {
                    img[i] = rng.nextDouble();
                }
            }
        }
        int[] labels = {1, 2};

        model.loss(x, labels, SgReferenceModel.Spike.SMOOTH, null);
        double[][][][] frozen = detach ? model.spk : null;
        double[][] analytic = model.gradients(x, labels);

        double[][] params = model.parameters();
        // a loss evaluation: per image and step, every layer's sums (pre + post terms) plus leak, reset and
        // surrogate (a few operations each), then T·k logit sums and the softmax
        int[] sizes = cfg.layerSizes();
        long opsPerLoss = 0;
        for (int l = 0; l + 1 < sizes.length; l++) {
            opsPerLoss += (long) sizes[l + 1] * (sizes[l] + sizes[l + 1] + 8);
        }
        opsPerLoss = opsPerLoss * cfg.steps() * x[0].length + 4L * cfg.steps() * sizes[sizes.length - 1];
        double magnitude = 0;
        for (double[][][] layer : model.mem) {
            for (double[][] img : layer) {
                for (double[] step : img) {
                    for (double m : step) {
                        magnitude = Math.max(magnitude, Math.abs(m));
                    }
                }
            }
        }
        int checked = 0;
        int substantial = 0;
        double worst = 0;
        for (int a = 0; a < params.length; a++) {
            double[] p = params[a];
            for (int i = 0; i < p.length; i++) {
                double keep = p[i];
                p[i] = keep + H;
                double up = model.loss(x, labels, SgReferenceModel.Spike.SMOOTH, frozen);
                p[i] = keep - H;
                double down = model.loss(x, labels, SgReferenceModel.Spike.SMOOTH, frozen);
                p[i] = keep;
                double numeric = (up - down) / (2 * H);
                p[i] = keep + 2 * H;
                double up2 = model.loss(x, labels, SgReferenceModel.Spike.SMOOTH, frozen);
                p[i] = keep - 2 * H;
                double down2 = model.loss(x, labels, SgReferenceModel.Spike.SMOOTH, frozen);
                p[i] = keep;
                double numeric2 = (up2 - down2) / (4 * H);
                // Error of the central difference D(h) = f' + h²f'''/6 + rounding. Truncation, estimated from the
                // data by Richardson: D(2h) − D(h) = h²f'''/2 (+ O(h⁴)), so h²f'''/6 ≈ |D(2h) − D(h)|/3 (doubled for
                // the estimate's own O(h⁴) and rounding). Rounding: the loss is a chain of ≤ opsPerLoss double
                // operations, each off by ε relative of terms no larger than |L| + max|U|, divided by 2h.
                double truncation = 2 * Math.abs(numeric2 - numeric) / 3;
                double rounding = opsPerLoss * EPS * (Math.abs(up) + Math.abs(down) + 2 * magnitude) / (2 * H);
                double an = analytic[a][i];
                double err = Math.abs(an - numeric);
                double allowed = truncation + rounding;
                worst = Math.max(worst, err / allowed);
                assertTrue(err <= allowed, "parameter array " + a + " element " + i + ": analytic " + an
                        + " vs finite difference " + numeric + " (error " + err + ", truncation " + truncation
                        + ", rounding " + rounding + ")");
                // not vacuous: the allowance stays far below the gradient's scale (≤ 0.8 % of max(|f'|, 1e-4) here)
                assertTrue(allowed <= 2e-2 * Math.max(Math.abs(an), 1e-4), "allowance " + allowed + " too loose");
                checked++;
                if (Math.abs(numeric) > 1e-4) {
                    substantial++;
                }
            }
        }
        // The check must not be vacuous: most gradients are far from zero.
        assertTrue(substantial > 0.8 * checked, substantial + " of " + checked + " gradients are non-negligible");
        assertTrue(worst <= 1, "worst error / allowance " + worst);
    }

    @ParameterizedTest
    @MethodSource("surrogates")
    void surrogateDerivativeIsTheDerivativeOfItsPrimitive(SgSurrogate s) {
        double k = s.defaultSlope();
        // Central differences, h = 1e-7, of a primitive P with |P| ≤ 1: rounding ≤ 4ε/(2h) ≈ 5e-9; truncation
        // h²/6·|σ'''| ≤ 1e-14/6·6k² ≈ 6e-12 for smooth stretches, and where a step straddles the fast sigmoid's kink at
        // 0 (σ'' jumps by 4k) ≤ h·4k/4 = 2.5e-6. Hence 1e-5·max(1, |σ'|).
        for (double x = -1.0; x <= 1.0; x += 0.0125) {
            double numeric = (s.primitive(x + 1e-7, k) - s.primitive(x - 1e-7, k)) / 2e-7;
            assertEquals(numeric, s.derivative(x, k), 1e-5 * Math.max(1, Math.abs(numeric)), "at x = " + x);
        }
        // The float version: a handful of float roundings (≤ 8·2⁻²⁴ relative); for the logistic sigmoid s is rounded
        // to float before 1 − s, which costs up to 2⁻²⁴·k·|g| absolute (was 1e-5 relative for all).
        double u32 = SgReferenceModel.U_FLOAT;
        double sAbs = s == SgSurrogate.SIGMOID ? k * u32 : 0;
        float[] u = new float[41];
        float[] g = new float[41];
        for (int i = 0; i < u.length; i++) {
            u[i] = 1f + (i - 20) * 0.01f;
            g[i] = 2f;
        }
        s.delta(g, u, 0, -1, u.length, 1, 0, 1f, (float) k, 0.5f, 0f);
        for (int i = 0; i < u.length; i++) {
            double expected = 2 * s.derivative(u[i] - 1.0, k);
            assertEquals(expected, g[i], 8 * u32 * expected + 2 * sAbs, "float version at u = " + u[i]);
        }
        // With a following step: (g − c·g_next)·σ' + β·g_next, here on two halves of one array. The expected values
        // use the float membranes (1.02f − 1 is not 0.02) so that only the float rounding is left.
        float[] two = {3f, -1f, 0.5f, 2f};
        float[] mem = {1.02f, 0.9f, 0f, 0f};
        s.delta(two, mem, 0, 2, 2, 1, 0, 1f, (float) k, 0.5f, 1f);
        double d0 = s.derivative(1.02f - 1.0, k);
        double d1 = s.derivative(0.9f - 1.0, k);
        assertEquals((3 - 0.5) * d0 + 0.25, two[0], 8 * u32 * ((3 + 0.5) * d0 + 0.25) + 3.5 * sAbs);
        assertEquals((-1 - 2) * d1 + 1.0, two[1], 8 * u32 * ((1 + 2) * d1 + 1.0) + 3 * sAbs);
    }

    static Stream<SgSurrogate> surrogates() {
        return Stream.of(SgSurrogate.values());
    }

    @Test
    void fastSigmoidHasTheDocumentedClosedForms() {
        // σ'(x) = 1/(1 + k|x|)², k = 25: at x = 0.04, 1/(1 + 1)² = 1/4; at x = -0.12, 1/(1 + 3)² = 1/16.
        assertEquals(0.25, SgSurrogate.FAST_SIGMOID.derivative(0.04, 25), 1e-15);
        assertEquals(1.0 / 16, SgSurrogate.FAST_SIGMOID.derivative(-0.12, 25), 1e-15);
        // Its primitive rises from 0 to 2/k and is 1/k at 0.
        assertEquals(1.0 / 25, SgSurrogate.FAST_SIGMOID.primitive(0, 25), 1e-15);
        assertEquals(2.0 / 25, SgSurrogate.FAST_SIGMOID.primitive(1e9, 25), 1e-9);
        assertEquals(0, SgSurrogate.FAST_SIGMOID.primitive(-1e9, 25), 1e-9);
        // arctan, α = 2: σ'(0) = α/2 = 1; sigmoid, k = 25: σ'(0) = k/4.
        assertEquals(1.0, SgSurrogate.ARCTAN.derivative(0, 2), 1e-15);
        assertEquals(6.25, SgSurrogate.SIGMOID.derivative(0, 25), 1e-12);
    }
}
