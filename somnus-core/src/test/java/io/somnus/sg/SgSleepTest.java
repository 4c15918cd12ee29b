package io.somnus.sg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.core.GaussianDraws;
import io.somnus.data.GeomFig;
import io.somnus.data.LabeledImages;
import io.somnus.sleep.LogSpaceDecay;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * The SG-SNN's sleep episode: the dose of the pull (once per iteration), a hand-worked iteration, the batched engine
 * against a plain loop over copies and steps, and what a full episode does to a trained network's accuracy.
 */
class SgSleepTest {

    /** Float's unit roundoff: rounding a double to float changes it by at most this relative amount. */
    private static final double FLOAT_ROUNDOFF = 0x1p-24;

    private static SgNetwork network(boolean recurrent, int depth, SgLoss loss) {
        SgConfig cfg = SgConfig.builder().inputs(6).hidden(8).depth(depth).outputs(3).steps(5).batchSize(2)
                .recurrent(recurrent).loss(loss).build();
        return new SgNetwork(cfg, new SplittableRandom(5));
    }

    /** {@code w_tgt·(|w0|/w_tgt)^(λⁿ)} with the sign of {@code w0}, in double. */
    private static double closedForm(double w0, double target, double lambda, int n) {
        return w0 == 0 ? 0 : Math.copySign(target * Math.pow(Math.abs(w0) / target, Math.pow(lambda, n)), w0);
    }

    @Test
    void fiveHundredIterationsPullEveryWeightByTheExponentLambdaToThe500th() {
        int n = 500;
        double lambda = 0.999;
        for (boolean recurrent : new boolean[] {false, true}) {
            for (SgLoss loss : SgLoss.values()) {
                SgNetwork net = network(recurrent, 1, loss);
                net.w[0][0] = 0f;
                net.w[0][1] = -3f;
                net.w[1][2] = 0.7f;
                net.w[1][3] = -0.01f;
                float[][] before = copy(net.parameters());
                // STDP off (η = 0), noise off; 100 steps per iteration on 3 copies as in the paper's iteration.
                SgSleepConfig sc = new SgSleepConfig(n, 100, 3, 0.0, 0.01, 0.012, 20, 0.0, 0.2, lambda);
                SgSleep sleep = new SgSleep(net, sc, 1.0);
                sleep.run(new SplittableRandom(1), 0, null);
                assertEquals(50_000, sleep.episodeSteps(), "simulated time: iterations × steps per iteration");

                float[][] after = net.parameters();
                for (int a = 0; a < after.length; a++) {
                    boolean bias = a < 2 * net.layers && a % 2 == 1;
                    for (int i = 0; i < after[a].length; i++) {
                        if (bias) {
                            assertEquals(before[a][i], after[a][i], "biases do not sleep");
                            continue;
                        }
                        double expected = closedForm(before[a][i], 0.2, lambda, n);
                        // The engine rounds to float after each of the n pulls (relative error <= 2⁻²⁴ each, computed
                        // in double). A pull maps ln|w| to λ·ln|w| + const, a contraction, so the rounding errors of
                        // ln|w| add up to at most n·2⁻²⁴, plus one rounding of the result: |Δw| <= (n+1)·2⁻²⁴·|w|.
                        double tol = (n + 1) * FLOAT_ROUNDOFF * Math.abs(expected);
                        assertEquals(expected, after[a][i], tol, "recurrent=" + recurrent + " " + loss + " array "
                                + a + " element " + i + " from " + before[a][i]);
                    }
                }
                assertEquals(0f, net.w[0][0], "0 stays 0");
                // The dose: −3 → −0.2·15^(0.999⁵⁰⁰) = −0.2·15^0.6064 ≈ −1.033, not −0.2 (0.999⁵⁰⁰⁰⁰ ≈ 2·10⁻²²).
                assertEquals(0.60638, Math.pow(lambda, n), 1e-5);
                assertEquals(-1.0333, net.w[0][1], 1e-3);
                assertEquals(0.2 * Math.pow(3.5, 0.60638), net.w[1][2], 1e-4);
                assertEquals(-0.2 * Math.pow(0.05, 0.60638), net.w[1][3], 1e-5);
                assertEquals(-0.03252, net.w[1][3], 1e-5);
            }
        }
    }

    /**
     * The SG-SNN pulls through {@link LogSpaceDecay}: with STDP and noise off, each iteration is one
     * {@link LogSpaceDecay#step} of every weight (bit for bit), and the silent input projection gets the n steps in
     * LogSpaceDecay's closed form {@link LogSpaceDecay#stepN} (bit for bit), which agrees with the stepped pull to
     * float rounding. An episode of a schedule's length ({@code run} with a count) pulls that many times.
     */
    @Test
    void theSgPullIsLogSpaceDecaysStepAndClosedForm() {
        double lambda = 0.99;
        LogSpaceDecay law = new LogSpaceDecay(lambda, 0);
        for (int n : new int[] {1, 37}) {
            for (boolean recurrent : new boolean[] {false, true}) {
                SgNetwork net = network(recurrent, 2, SgLoss.values()[0]);
                float[][] w0 = copy(net.w);
                float[][] v0 = copy(net.v);
                SgSleepConfig sc = new SgSleepConfig(500, 10, 2, 0.0, 0.01, 0.012, 20, 0.0, 0.2, lambda);
                new SgSleep(net, sc, 1.0).run(new SplittableRandom(1), n, 0, null);
                for (int l = 0; l < net.layers; l++) {
                    for (int i = 0; i < w0[l].length; i++) {
                        float stepped = w0[l][i];
                        for (int k = 0; k < n; k++) {
                            stepped = law.step(stepped, 0.2f, 1.0, null);
                        }
                        float closed = law.stepN(w0[l][i], 0.2, n);
                        if (l == 0) {
                            assertEquals(closed, net.w[l][i], "input projection: the closed form");
                        } else {
                            assertEquals(stepped, net.w[l][i], "layer " + l + ": one step per iteration");
                        }
                        assertEquals(closed, stepped, (n + 1) * FLOAT_ROUNDOFF * Math.abs(closed) + 1e-9);
                    }
                    if (v0[l] != null) {
                        for (int i = 0; i < v0[l].length; i++) {
                            float stepped = v0[l][i];
                            for (int k = 0; k < n; k++) {
                                stepped = law.step(stepped, 0.2f, 1.0, null);
                            }
                            assertEquals(stepped, net.v[l][i], "recurrent weights: one step per iteration");
                        }
                    }
                }
            }
        }
    }

    /**
     * One iteration of 2 steps on 2 copies of a 2-2-2 network, every number worked by hand (β = 0.5, θ = 1,
     * τ = 20 ms, dt = 1 ms, so the trace decay is d = e^(−1/20)). The noise is forced; the first step draws none.
     * <pre>
     *   hidden bias (1.5, 0.5); output bias (0.5, 0.1); W_out = [[0.8, 0.3], [−0.4, 0.6]]  (rows = post)
     *   step 0, both copies: U_h = (1.5, 0.5) → s_h = (1, 0); U_o = (0.5 + 0.8, 0.1 − 0.4) = (1.3, −0.3) → s_o = (1, 0)
     *            traces x_h = (1, 0), x_o = (1, 0)
     *            ΔW += A₊·s_o⊗x_h − A₋·x_o⊗s_h: only [0][0] gets A₊ − A₋ (per copy)
     *   step 1, copy 0, noise h (0, 0), o (0, 0):
     *            Ũ_h = (1.5, 0.5), reset (1, 0), U_h = 0.5·Ũ + b − θ·r = (1.25, 0.75) → s_h = (1, 0)
     *            I_o = b_o + W[:,0] = (1.3, −0.3), Ũ_o = (1.3, −0.3), reset (1, 0), U_o = (0.95, −0.45) → s_o = (0, 0)
     *            x_h = (d + 1, 0), x_o = (d, 0);  ΔW[0][0] −= A₋·d
     *   step 1, copy 1, noise h (−3, 3.5), o (−0.5, 1):
     *            Ũ_h = (−1.5, 4), reset (0, 1), U_h = (−0.75 + 1.5, 2 + 0.5 − 1) = (0.75, 1.5) → s_h = (0, 1)
     *            I_o = b_o + W[:,1] = (0.8, 0.7), Ũ_o = (0.8, 0.7), reset (0, 0), U_o = (1.2, 1.05) → s_o = (1, 1)
     *            x_h = (d, 1), x_o = (d + 1, 1);  ΔW[i][0] += A₊·d, ΔW[i][1] += A₊ − A₋·x_o[i]
     * </pre>
     */
    @Test
    void aHandWorkedIterationSumsTheStdpOverStepsAveragesOverCopiesAndThenPulls() {
        double aP = 0.01;
        double aM = 0.012;
        double d = Math.exp(-1.0 / 20);
        double[][] dW = {
                {2 * (aP - aM) - aM * d + aP * d, aP - aM * (d + 1)},
                {aP * d, aP - aM}};
        float[] w0 = {0.8f, 0.3f, -0.4f, 0.6f};
        double eta = 1.0;
        for (double lambda : new double[] {1.0, 0.5}) {
            SgConfig cfg = SgConfig.builder().inputs(2).hidden(2).outputs(2).beta(0.5).threshold(1.0).steps(2)
                    .batchSize(2).loss(SgLoss.SPIKE_COUNT).build();
            SgNetwork net = new SgNetwork(cfg, new SplittableRandom(1));
            float[] in = net.w[0].clone();
            net.b[0][0] = 1.5f;
            net.b[0][1] = 0.5f;
            net.b[1][0] = 0.5f;
            net.b[1][1] = 0.1f;
            System.arraycopy(w0, 0, net.w[1], 0, 4);
            SgSleepConfig sc = new SgSleepConfig(1, 2, 2, 1.0, aP, aM, 20, eta, 0.2, lambda);
            SgSleep sleep = new SgSleep(net, sc, 1.0);
            Forced noise = new Forced(0, 0, -3, 3.5, 0, 0, -0.5, 1);
            sleep.run(noise, 0, null);

            assertEquals(8, noise.used, "the first step draws no noise; the second draws 2 copies × (2 + 2)");
            assertArrayEquals(new long[] {4, 4}, sleep.spikeCounts, "spikes summed over copies and steps");
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    // η times the mean over the 2 copies of the sum over the 2 steps, then one pull.
                    double stdp = w0[i * 2 + j] + eta * dW[i][j] / 2;
                    double expected = closedForm(stdp, 0.2, lambda, 1);
                    assertEquals(expected, net.w[1][i * 2 + j], 1e-6, "λ=" + lambda + " W_out[" + i + "][" + j + "]");
                }
            }
            for (int k = 0; k < in.length; k++) {
                assertEquals(closedForm(in[k], 0.2, lambda, 1), net.w[0][k], 1e-7, "the silent input is only pulled");
            }
            assertEquals(1.5f, net.b[0][0], "biases do not sleep");
        }
    }

    @Test
    void theBatchedEngineEqualsAPlainLoopOverCopiesAndSteps() {
        for (boolean recurrent : new boolean[] {false, true}) {
            for (SgLoss loss : SgLoss.values()) {
                SgNetwork batched = network(recurrent, 2, loss);
                SgNetwork plain = network(recurrent, 2, loss);
                SgSleepConfig sc = new SgSleepConfig(3, 40, 5, 3.0, 0.01, 0.012, 20, 0.05, 0.2, 0.99);
                SgSleep sleep = new SgSleep(batched, sc, 1.0);
                List<Integer> sampled = new ArrayList<>();
                sleep.run(new SplittableRandom(11), 50, (step, name, abs, mean) -> sampled.add(step));
                long[] plainSpikes = plainEpisode(plain, sc, 1.0, new SplittableRandom(11));

                assertArrayEquals(plainSpikes, sleep.spikeCounts, "spikes per layer");
                assertTrue(sleep.spikeCounts[0] > 100, "the noise must drive the hidden layer");
                float[][] a = batched.parameters();
                float[][] b = plain.parameters();
                for (int k = 0; k < a.length; k++) {
                    for (int i = 0; i < a[k].length; i++) {
                        // Same arithmetic up to the order of the sums over copies (BLAS blocks them): a few float
                        // roundings of increments of order η·A·(trace ≤ 20)/B per step.
                        assertEquals(b[k][i], a[k][i], 1e-5 * Math.max(0.2, Math.abs(b[k][i])),
                                "recurrent=" + recurrent + " " + loss + " array " + k + " element " + i);
                    }
                }
                // Samples at the start, after the iteration that passes step 50 (80) and at the end (120).
                int matrices = recurrent ? 5 : 3;
                assertEquals(3 * matrices, sampled.size());
                assertEquals(List.of(0, 80, 120), sampled.stream().distinct().toList());
                // STDP did something beyond the pull: compare with a pure pull of the initial weights.
                SgNetwork pulledOnly = network(recurrent, 2, loss);
                new SgSleep(pulledOnly, new SgSleepConfig(3, 40, 5, 3.0, 0, 0, 20, 0, 0.2, 0.99), 1.0)
                        .run(new SplittableRandom(11), 0, null);
                assertTrue(maxDifference(a, pulledOnly.parameters()) > 1e-3, "STDP must change some weight");
            }
        }
    }

    @Test
    void sameNoiseSeedGivesTheSameWeights() {
        SgSleepConfig sc = new SgSleepConfig(4, 30, 6, 3.0, 0.01, 0.012, 20, 0.05, 0.2, 0.99);
        SgNetwork a = network(true, 1, SgLoss.SPIKE_COUNT);
        SgNetwork b = network(true, 1, SgLoss.SPIKE_COUNT);
        SgNetwork c = network(true, 1, SgLoss.SPIKE_COUNT);
        new SgSleep(a, sc, 1.0).run(new SplittableRandom(3), 0, null);
        new SgSleep(b, sc, 1.0).run(new SplittableRandom(3), 0, null);
        new SgSleep(c, sc, 1.0).run(new SplittableRandom(4), 0, null);
        for (int k = 0; k < a.parameters().length; k++) {
            assertArrayEquals(a.parameters()[k], b.parameters()[k]);
        }
        assertTrue(maxDifference(a.parameters(), c.parameters()) > 0, "other noise, other STDP");
    }

    @Test
    void noiseDrawnAheadOnAHelperGivesTheSameEpisodeBitForBit() {
        SgSleepConfig sc = new SgSleepConfig(4, 30, 6, 3.0, 0.01, 0.012, 20, 0.05, 0.2, 0.99);
        SgNetwork[] nets = new SgNetwork[2];
        SplittableRandom[] noise = new SplittableRandom[2];
        boolean[] drewAhead = new boolean[2];
        for (int k = 0; k < 2; k++) {
            try (SgThreading.Scope scope = SgThreading.use(k == 0 ? SgThreading.ONE : SgThreading.TWO)) {
                nets[k] = network(true, 2, SgLoss.SPIKE_COUNT);
                noise[k] = new SplittableRandom(3);
                SgSleep sleep = new SgSleep(nets[k], sc, 1.0);
                // two episodes of different lengths on the same stream: the second starts where the first left it
                sleep.run(noise[k], 0, null);
                sleep.run(noise[k], 7, 0, null);
                drewAhead[k] = sleep.drewAhead;
                assertEquals(7L * 29 * 6 * (8 + 8 + 3), sleep.noiseDraws(7), "iterations × noisy steps × copies × spiking neurons");
            }
        }
        assertTrue(!drewAhead[0] && drewAhead[1]);
        for (int k = 0; k < nets[0].parameters().length; k++) {
            assertArrayEquals(nets[0].parameters()[k], nets[1].parameters()[k], "array " + k);
        }
        assertEquals(noise[0].nextLong(), noise[1].nextLong(), "the streams end in the same state");
    }

    /**
     * A full paper-dose episode (500 iterations × 100 steps, σ = 3, λ = 0.999) with STDP off leaves a trained network
     * where the closed form puts it: same accuracy as the network whose weights are set to
     * {@code 0.2·(|w|/0.2)^(0.999⁵⁰⁰)}, within one test image, and well above chance.
     */
    @Test
    void aFullEpisodeLeavesATrainedNetworksAccuracyWhereTheClosedFormPutsIt() {
        LabeledImages train = GeomFig.generate(400, 8, 1);
        LabeledImages test = GeomFig.generate(200, 8, 2);
        SgConfig cfg = SgConfig.builder().inputs(64).hidden(32).outputs(4).steps(15).batchSize(20).epochs(6)
                .learningRate(1e-2).build();
        SgTrainer trainer = new SgTrainer();
        trainer.train(train, null, cfg, new SplittableRandom(7), SgListener.NONE);
        double trained = trainer.accuracy(test);
        SgNetwork net = trainer.network();
        float[][] start = copy(net.parameters());

        int n = 500;
        double lambda = 0.999;
        setClosedForm(net, start, lambda, n);
        double closed = trainer.accuracy(test);
        restore(net, start);
        // The paper's sleep with STDP off, on 4 copies instead of 128 (with STDP off the copies only drive spikes).
        SgSleepConfig sc = new SgSleepConfig(n, 100, 4, 3.0, 0.01, 0.012, 20, 0.0, 0.2, lambda);
        new SgSleep(net, sc, cfg.dtMs()).run(new SplittableRandom(8), 0, null);
        double slept = trainer.accuracy(test);
        // The old, per-step dose for contrast: 50 000 pulls leave every |w| at 0.2.
        setClosedForm(net, start, lambda, n * 100);
        double perStep = trainer.accuracy(test);

        String msg = String.format("trained %.3f, closed form %.3f, slept %.3f, per-step dose %.3f", trained, closed,
                slept, perStep);
        assertTrue(trained >= 0.7, "the network must have learned: " + msg);
        // The slept and the closed-form weights differ by float rounding only (<= 501·2⁻²⁴ ≈ 3·10⁻⁵ relative, see the
        // dose test), which can flip a prediction only where two output spike counts tie at the margin: allow one of
        // the 200 images.
        assertEquals(closed, slept, 1.0 / test.size() + 1e-12, msg);
        assertTrue(slept >= 0.5, "4 classes, chance 0.25: the pull must not destroy what was learned: " + msg);
    }

    private static void setClosedForm(SgNetwork net, float[][] start, double lambda, int n) {
        float[][] p = net.parameters();
        for (int l = 0; l < net.layers; l++) {
            float[] w = net.w[l];
            float[] w0 = start[indexOf(p, w)];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) closedForm(w0[i], 0.2, lambda, n);
            }
        }
    }

    private static void restore(SgNetwork net, float[][] start) {
        float[][] p = net.parameters();
        for (int k = 0; k < p.length; k++) {
            System.arraycopy(start[k], 0, p[k], 0, p[k].length);
        }
    }

    private static int indexOf(float[][] arrays, float[] a) {
        for (int k = 0; k < arrays.length; k++) {
            if (arrays[k] == a) {
                return k;
            }
        }
        throw new AssertionError("not a parameter array");
    }

    /**
     * The sleep episode written from the equations with plain loops: copy by copy, neuron by neuron, every weight
     * read every step (membranes in float, as the engine), the increments summed in double, {@link LogSpaceDecay#step} over every weight at the end of
     * each iteration. Same order of noise draws as the engine (step, layer, copy, neuron; none at an iteration's
     * first step).
     */
    static long[] plainEpisode(SgNetwork net, SgSleepConfig sc, double dtMs, SplittableRandom noise) {
        int layers = net.layers;
        int copies = sc.batchCopies();
        LogSpaceDecay law = new LogSpaceDecay(sc.lambda(), 0);
        double decay = Math.exp(-dtMs / sc.tauMs());
        long[] counts = new long[layers];
        for (int it = 0; it < sc.iterations(); it++) {
            float[][][] mem = new float[layers][copies][];
            double[][][] spk = new double[layers][copies][];
            double[][][] trace = new double[layers][copies][];
            double[][] dW = new double[layers][];
            double[][] dV = new double[layers][];
            for (int l = 0; l < layers; l++) {
                for (int c = 0; c < copies; c++) {
                    mem[l][c] = new float[net.sizes[l + 1]];
                    spk[l][c] = new double[net.sizes[l + 1]];
                    trace[l][c] = new double[net.sizes[l + 1]];
                }
                dW[l] = new double[net.w[l].length];
                dV[l] = net.v[l] == null ? null : new double[net.v[l].length];
            }
            for (int t = 0; t < sc.stepsPerIteration(); t++) {
                for (int l = 0; l < layers; l++) {
                    if (!net.spiking(l)) {
                        continue; // a membrane readout drives nothing and learns nothing
                    }
                    int post = net.sizes[l + 1];
                    int pre = net.sizes[l];
                    for (int c = 0; c < copies; c++) {
                        double[] newSpk = new double[post];
                        for (int h = 0; h < post; h++) {
                            float cur = net.b[l][h];
                            for (int j = 0; l > 0 && j < pre; j++) {
                                cur += net.w[l][h * pre + j] * (float) spk[l - 1][c][j];
                            }
                            for (int j = 0; net.v[l] != null && j < post; j++) {
                                cur += net.v[l][h * post + j] * (float) spk[l][c][j];
                            }
                            float u = mem[l][c][h];
                            if (t > 0) {
                                u += (float) sc.membraneNoise() * (float) GaussianDraws.draw(noise);
                            }
                            float reset = u > net.theta ? net.theta : 0f;
                            u = net.beta * u + cur - reset;
                            mem[l][c][h] = u;
                            newSpk[h] = u > net.theta ? 1 : 0;
                            counts[l] += (long) newSpk[h];
                        }
                        spk[l][c] = newSpk;
                    }
                }
                for (int l = 0; l < layers; l++) {
                    for (int c = 0; c < copies; c++) {
                        for (int h = 0; h < trace[l][c].length; h++) {
                            trace[l][c][h] = trace[l][c][h] * decay + spk[l][c][h];
                        }
                    }
                }
                for (int l = 0; l < layers; l++) {
                    if (!net.spiking(l)) {
                        continue;
                    }
                    for (int c = 0; c < copies; c++) {
                        if (l > 0) {
                            outer(dW[l], spk[l][c], trace[l - 1][c], trace[l][c], spk[l - 1][c], sc);
                        }
                        if (dV[l] != null) {
                            outer(dV[l], spk[l][c], trace[l][c], trace[l][c], spk[l][c], sc);
                        }
                    }
                }
            }
            for (int l = 0; l < layers; l++) {
                endOfIteration(net.w[l], dW[l], sc, law);
                if (net.v[l] != null) {
                    endOfIteration(net.v[l], dV[l], sc, law);
                }
            }
        }
        return counts;
    }

    private static void outer(double[] d, double[] postSpk, double[] preTrace, double[] postTrace, double[] preSpk,
                              SgSleepConfig sc) {
        int pre = preTrace.length;
        for (int i = 0; i < postSpk.length; i++) {
            for (int j = 0; j < pre; j++) {
                d[i * pre + j] += sc.aPlus() * postSpk[i] * preTrace[j] - sc.aMinus() * postTrace[i] * preSpk[j];
            }
        }
    }

    private static void endOfIteration(float[] w, double[] d, SgSleepConfig sc, LogSpaceDecay law) {
        for (int i = 0; i < w.length; i++) {
            float x = (float) (w[i] + sc.learningRate() * d[i] / sc.batchCopies());
            w[i] = law.step(x, (float) sc.target(), 1.0, null);
        }
    }

    private static double maxDifference(float[][] a, float[][] b) {
        double max = 0;
        for (int k = 0; k < a.length; k++) {
            for (int i = 0; i < a[k].length; i++) {
                max = Math.max(max, Math.abs(a[k][i] - b[k][i]));
            }
        }
        return max;
    }

    private static float[][] copy(float[][] a) {
        float[][] c = new float[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i] == null ? null : a[i].clone();
        }
        return c;
    }

    /** A generator whose Gaussian draws are given; counts them. */
    private static final class Forced implements RandomGenerator {
        private final double[] values;
        int used;

        Forced(double... values) {
            this.values = values;
        }

        @Override
        public double nextGaussian() {
            return values[used++];
        }

        @Override
        public long nextLong() {
            throw new AssertionError("sleep draws only Gaussians");
        }
    }
}
