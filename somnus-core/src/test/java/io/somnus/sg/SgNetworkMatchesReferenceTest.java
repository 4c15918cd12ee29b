package io.somnus.sg;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The production network (float, flat buffers, BLAS, whole-sequence GEMMs) against the double-precision reference
 * ({@link SgReferenceModel}, whose backward pass {@link SgGradientCheckTest} verifies), on the real Heaviside
 * forward: same spikes, same loss, same gradient for every parameter. Also a forward pass worked out by hand.
 */
class SgNetworkMatchesReferenceTest {

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (SgSurrogate s : SgSurrogate.values()) {
            for (boolean recurrent : new boolean[] {false, true}) {
                for (SgLoss loss : SgLoss.values()) {
                    for (SgInputEncoding enc : new SgInputEncoding[] {SgInputEncoding.DIRECT, SgInputEncoding.BERNOULLI}) {
                        out.add(Arguments.of(s, recurrent, loss, enc, true, 1));
                    }
                }
            }
        }
        out.add(Arguments.of(SgSurrogate.FAST_SIGMOID, true, SgLoss.SPIKE_COUNT, SgInputEncoding.BERNOULLI, false, 1));
        out.add(Arguments.of(SgSurrogate.FAST_SIGMOID, false, SgLoss.MEMBRANE, SgInputEncoding.DIRECT, false, 3));
        out.add(Arguments.of(SgSurrogate.ARCTAN, true, SgLoss.SPIKE_COUNT, SgInputEncoding.DIRECT, true, 2));
        return out.stream();
    }

    @ParameterizedTest(name = "{0} recurrent={1} {2} {3} detach={4} depth={5}")
    @MethodSource("cases")
    void gradientsEqualTheReference(SgSurrogate surrogate, boolean recurrent, SgLoss loss, SgInputEncoding enc,
                                    boolean detach, int depth) {
        int inputs = 7;
        int batch = 3;
        SgConfig cfg = SgConfig.builder().inputs(inputs).hidden(9).depth(depth).outputs(4).steps(8)
                .batchSize(batch).recurrent(recurrent).loss(loss).encoding(enc).surrogate(surrogate)
                .detachReset(detach).beta(0.9).build();
        SplittableRandom rng = new SplittableRandom(7 + surrogate.ordinal() * 31 + (recurrent ? 3 : 0));
        SgNetwork net = new SgNetwork(cfg, rng);
        // Larger weights than the PyTorch init so that every layer spikes in 8 steps.
        for (float[] p : net.parameters()) {
            for (int i = 0; i < p.length; i++) {
                p[i] *= 3f;
            }
        }
        float[][] images = new float[batch][inputs];
        for (float[] img : images) {
            for (int i = 0; i < inputs; i++) {
                img[i] = (float) rng.nextDouble();
            }
        }
        int[] order = {0, 1, 2};
        enc.encode(images, order, 0, batch, inputs, cfg.steps(), 100, 1, rng, net.input);
        double[][][] x = new double[cfg.steps()][batch][inputs];
        for (int t = 0; t < cfg.steps(); t++) {
            for (int b = 0; b < batch; b++) {
                for (int i = 0; i < inputs; i++) {
                    int src = enc.timeInvariant() ? b * inputs + i : (t * batch + b) * inputs + i;
                    x[t][b][i] = net.input[src];
                }
            }
        }
        int[] labels = {2, 0, 3};

        double lossValue = net.lossAndGradients(batch, enc.timeInvariant(), labels);

        SgReferenceModel ref = new SgReferenceModel(cfg);
        ref.copyFrom(net);
        double refLoss = ref.loss(x, labels, SgReferenceModel.Spike.HEAVISIDE, null);
        double[][] refGrad = ref.gradients(x, labels);

        // Float rounding (any BLAS, any summation order) moves a membrane by at most bounds.memErr(); every
        // membrane of this case is further than that from θ, so the spikes are the same on every machine and the
        // exact comparison below is portable. (If this fails, the case is ill-conditioned: choose another seed.)
        SgReferenceModel.FloatBounds bounds = ref.floatErrorBounds(x, labels);
        long spikes = 0;
        for (int l = 0; l < net.layers; l++) {
            if (!net.spiking(l)) {
                continue;
            }
            int post = net.sizes[l + 1];
            for (int t = 0; t < cfg.steps(); t++) {
                for (int b = 0; b < batch; b++) {
                    for (int h = 0; h < post; h++) {
                        double margin = Math.abs(ref.mem[l][b][t][h] - cfg.threshold());
                        assertTrue(margin > bounds.memErr()[l][b][t][h], "membrane of layer " + l + " image " + b
                                + " step " + t + " unit " + h + " is within float rounding of the threshold");
                        float s = net.s[l][(t * batch + b) * post + h];
                        assertEquals(ref.spk[l][b][t][h], s, "spike of layer " + l + " image " + b + " step " + t);
                        spikes += (long) s;
                    }
                }
            }
        }
        assertTrue(spikes > 20, "the network must spike for the comparison to mean something: " + spikes);
        // Was 1e-5·max(1, L) and a relative 1e-3 per gradient (floor 1e-3 of the array's largest): numbers that
        // held for one machine's BLAS. Now the float32 rounding-error bounds of SgReferenceModel.floatErrorBounds
        // (γ_k·Σ|a||b| per GEMM, propagated through the recursion), which hold for any summation order.
        assertEquals(refLoss, lossValue, bounds.lossErr(), "loss");
        float[][] grads = net.gradients();
        assertEquals(refGrad.length, grads.length);
        for (int a = 0; a < grads.length; a++) {
            double maxAbs = 0;
            for (double d : refGrad[a]) {
                maxAbs = Math.max(maxAbs, Math.abs(d));
            }
            for (int i = 0; i < grads[a].length; i++) {
                double r = refGrad[a][i];
                double bound = bounds.gradErr()[a][i] + SgReferenceModel.U_FLOAT * Math.abs(r);
                assertEquals(r, grads[a][i], bound, "parameter array " + a + " element " + i);
                // not vacuous: the bound stays far below the gradients' scale (it is ~0.3 % of it here)
                assertTrue(bound <= 1e-2 * maxAbs, "bound " + bound + " of array " + a + " too loose to test");
            }
        }
    }

    @Test
    void forwardFollowsTheLeakyEquationWorkedByHand() {
        // 1 → 1 → 2, β = 0.5, θ = 1, direct input x = 1 for T = 4, w_in_h = 0.6, w_h_out = (2, 0.5), no biases.
        SgConfig cfg = SgConfig.builder().inputs(1).hidden(1).outputs(2).steps(4).batchSize(1).beta(0.5).build();
        SgNetwork net = new SgNetwork(cfg, new SplittableRandom(1));
        net.w[0][0] = 0.6f;
        net.b[0][0] = 0f;
        net.w[1][0] = 2f;
        net.w[1][1] = 0.5f;
        net.b[1][0] = 0f;
        net.b[1][1] = 0f;
        net.input[0] = 1f;
        net.forward(1, true);
        // Hidden: U = 0.6; 0.5·0.6 + 0.6 = 0.9; 0.45 + 0.6 = 1.05 → spike; 0.525 + 0.6 − 1 = 0.125.
        // Tolerance 1e-6: the products (inner dimension 1, factors 0.6f or 0/1) are exact in any BLAS; each of the
        // ≤ 4 float leak steps rounds once, |U| ≤ 2, so |err| ≤ 4·2·2⁻²⁴ ≈ 4.8e-7, plus the literals' own rounding.
        assertArrayEquals(new float[] {0.6f, 0.9f, 1.05f, 0.125f}, Arrays.copyOf(net.u[0], 4), 1e-6f);
        assertArrayEquals(new float[] {0, 0, 1, 0}, Arrays.copyOf(net.s[0], 4));
        // Output 0 gets 2·s_h: U = 0, 0, 2 → spike, 0.5·2 + 0 − 1 = 0. Output 1 gets 0.5·s_h: 0, 0, 0.5, 0.25.
        float[] uOut = net.u[1];
        assertArrayEquals(new float[] {0, 0, 0, 0, 2, 0.5f, 0, 0.25f}, Arrays.copyOf(uOut, 8), 1e-6f);
        assertArrayEquals(new float[] {1, 0}, Arrays.copyOf(net.logits, 2));
        // Cross-entropy of counts (1, 0) for class 0: log(1 + e⁻¹). The logits are exact small integers and the
        // cross-entropy is evaluated in double: a few ulps (was 1e-7).
        assertEquals(Math.log(1 + Math.exp(-1)), net.crossEntropy(1, new int[] {0}), 1e-15);
    }
}
