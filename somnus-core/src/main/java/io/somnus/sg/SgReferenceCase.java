package io.somnus.sg;

import io.somnus.core.GaussianDraws;
import io.somnus.data.LabeledImages;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A short SG-SNN computation with everything recorded, for checking Somnus against an independent implementation
 * ({@code validation/pytorch}, issue 12): the initial parameters; for each of K minibatches its input and labels,
 * the loss, the gradients and the parameters after that Adam step; then one sleep iteration from those parameters
 * with every Gaussian draw of its membrane noise, and the parameters after it. The settings the other side needs
 * are recorded as numbers. Weight matrices are in PyTorch's {@code nn.Linear.weight} layout {@code [post][pre]}.
 *
 * <p>Only what the reference implements is accepted: one hidden layer, no recurrence, a spiking output read out by
 * {@link SgLoss#SPIKE_COUNT} or {@link SgLoss#PER_STEP_SPIKES}.
 *
 * <p>Keys (npz names in {@code validation/pytorch/README.md}): arrays {@code w_in_h_init}, {@code b_h_init},
 * {@code w_h_out_init}, {@code b_out_init}; per step k = 1…K {@code input_stepk} ({@code [B][inputs]} for a
 * time-invariant encoding, else {@code [T][B][inputs]}), {@code labels_stepk}, {@code grad_<param>_stepk},
 * {@code <param>_stepk}; {@code sleep_noise_h} {@code [S][copies][hidden]} and {@code sleep_noise_out}
 * {@code [S][copies][outputs]} (step 0 draws none: zeros), {@code <param>_sleep}. Scalars: the settings, and
 * {@code loss_stepk}, {@code out_spikes_stepk}, {@code sleep_spikes_h}, {@code sleep_spikes_out}.
 */
public final class SgReferenceCase {
    /** Codes of the surrogate and the loss in the file (the reference's tables). */
    private static final Map<SgSurrogate, Integer> SURROGATE_CODE =
            Map.of(SgSurrogate.FAST_SIGMOID, 0, SgSurrogate.ARCTAN, 1, SgSurrogate.SIGMOID, 2);
    private static final Map<SgLoss, Integer> LOSS_CODE = Map.of(SgLoss.SPIKE_COUNT, 0, SgLoss.PER_STEP_SPIKES, 1);
    private static final String[] NAMES = {"w_in_h", "b_h", "w_h_out", "b_out"};

    /**
     * One float32 array and its shape.
     *
     * @param data  the values, row-major
     * @param shape the dimensions, outermost first
     */
    public record Array(float[] data, int[] shape) { }

    /**
     * The recorded case: float32 arrays and float64 scalars.
     *
     * @param arrays  the float32 arrays by name
     * @param scalars the float64 scalars by name
     */
    public record Recorded(Map<String, Array> arrays, Map<String, Double> scalars) { }

    private SgReferenceCase() { }

    /**
     * Records a case.
     *
     * @param cfg        the network, its training and its sleep ({@code cfg.sleep()}: one iteration of
     *                   {@code stepsPerIteration} steps on {@code batchCopies} copies is recorded)
     * @param data       at least {@code adamSteps × batchSize} images; minibatch k takes the next {@code batchSize}
     * @param adamSteps  K ≥ 1
     * @param rng        initialisation, encoding and sleep noise are split from it in that order
     */
    public static Recorded record(SgConfig cfg, LabeledImages data, int adamSteps, SplittableRandom rng) {
        if (cfg.depth() != 1 || cfg.recurrent() || !LOSS_CODE.containsKey(cfg.loss())) {
            throw new IllegalArgumentException("the reference case needs one hidden layer, no recurrence and the "
                    + "spike_count or per_step_spikes loss; got depth " + cfg.depth() + ", recurrent "
                    + cfg.recurrent() + ", loss " + cfg.loss());
        }
        int batch = cfg.batchSize();
        if (adamSteps < 1 || data.size() < adamSteps * batch) {
            throw new IllegalArgumentException("the reference case needs " + adamSteps + " × " + batch
                    + " images, got " + data.size());
        }
        SgNetwork net = new SgNetwork(cfg, rng.split());
        SplittableRandom encodeRng = rng.split();
        SplittableRandom noiseRng = rng.split();
        SgAdam adam = new SgAdam(net.parameters(), net.gradients(), cfg.learningRate(), cfg.adamBeta1(),
                cfg.adamBeta2(), cfg.adamEpsilon());
        Map<String, Array> arrays = new LinkedHashMap<>();
        Map<String, Double> scalars = new LinkedHashMap<>();
        settings(cfg, adamSteps, scalars);
        parameters(net, "_init", arrays);
        boolean invariant = cfg.encoding().timeInvariant();
        int inputs = cfg.inputs();
        int[] order = new int[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        int[] labels = new int[batch];
        for (int k = 1; k <= adamSteps; k++) {
            int from = (k - 1) * batch;
            cfg.encoding().encode(data.images(), order, from, batch, inputs, cfg.steps(), cfg.poissonRateHz(),
                    cfg.dtMs(), encodeRng, net.input);
            float[] labelValues = new float[batch];
            for (int r = 0; r < batch; r++) {
                labels[r] = data.labels()[from + r];
                labelValues[r] = labels[r];
            }
            int[] inputShape = invariant ? new int[] {batch, inputs} : new int[] {cfg.steps(), batch, inputs};
            arrays.put("input_step" + k, new Array(Arrays.copyOf(net.input, size(inputShape)), inputShape));
            arrays.put("labels_step" + k, new Array(labelValues, new int[] {batch}));
            scalars.put("loss_step" + k, net.lossAndGradients(batch, invariant, labels));
            long[] spikes = new long[net.layers];
            net.countSpikes(batch, spikes);
            scalars.put("out_spikes_step" + k, (double) spikes[net.layers - 1]);
            float[][] grads = net.gradients();
            for (int i = 0; i < NAMES.length; i++) {
                arrays.put("grad_" + NAMES[i] + "_step" + k, new Array(grads[i].clone(), shape(net, i)));
            }
            adam.step();
            parameters(net, "_step" + k, arrays);
        }
        SgSleep sleep = new SgSleep(net, cfg.sleep(), cfg.dtMs());
        RecordingGaussians noise = new RecordingGaussians(noiseRng);
        sleep.run(noise, 1, 0, null);
        arrays.putAll(noise.byLayer(cfg.sleep().stepsPerIteration(), sleep.copies(), net));
        scalars.put("sleep_spikes_h", (double) sleep.spikeCounts[0]);
        scalars.put("sleep_spikes_out", (double) sleep.spikeCounts[1]);
        parameters(net, "_sleep", arrays);
        return new Recorded(arrays, scalars);
    }

    private static void settings(SgConfig cfg, int adamSteps, Map<String, Double> s) {
        SgSleepConfig sl = cfg.sleep();
        // beta and theta as the float32 numbers the network computes with
        s.put("beta", (double) (float) cfg.beta());
        s.put("threshold", (double) (float) cfg.threshold());
        s.put("steps", (double) cfg.steps());
        s.put("surrogate", (double) SURROGATE_CODE.get(cfg.surrogate()));
        s.put("surrogate_slope", (double) (float) cfg.surrogateSlope());
        s.put("loss", (double) LOSS_CODE.get(cfg.loss()));
        s.put("detach_reset", cfg.detachReset() ? 1.0 : 0.0);
        s.put("time_invariant", cfg.encoding().timeInvariant() ? 1.0 : 0.0);
        s.put("adam_steps", (double) adamSteps);
        s.put("adam_lr", cfg.learningRate());
        s.put("adam_beta1", cfg.adamBeta1());
        s.put("adam_beta2", cfg.adamBeta2());
        s.put("adam_eps", cfg.adamEpsilon());
        s.put("dt_ms", cfg.dtMs());
        s.put("sleep_sigma", (double) (float) sl.membraneNoise());
        s.put("sleep_a_plus", (double) (float) sl.aPlus());
        s.put("sleep_a_minus", (double) (float) sl.aMinus());
        s.put("sleep_tau_ms", sl.tauMs());
        s.put("sleep_learning_rate", sl.learningRate());
        s.put("sleep_target", sl.target());
        s.put("sleep_lambda", sl.lambda());
    }

    private static void parameters(SgNetwork net, String suffix, Map<String, Array> arrays) {
        float[][] p = net.parameters();
        for (int i = 0; i < NAMES.length; i++) {
            arrays.put(NAMES[i] + suffix, new Array(p[i].clone(), shape(net, i)));
        }
    }

    /** Shape of parameter {@code i} of {@link SgNetwork#parameters()}: w [post][pre], b [post]. */
    private static int[] shape(SgNetwork net, int i) {
        int l = i / 2;
        return i % 2 == 0 ? new int[] {net.sizes[l + 1], net.sizes[l]} : new int[] {net.sizes[l + 1]};
    }

    private static int size(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** Passes Gaussian draws through and keeps them (as the float32 values the sleep uses). */
    private static final class RecordingGaussians implements RandomGenerator {
        private final RandomGenerator source;
        private final List<Float> draws = new ArrayList<>();

        RecordingGaussians(RandomGenerator source) {
            this.source = source;
        }

        @Override
        public long nextLong() {
            return source.nextLong();
        }

        @Override
        public double nextGaussian() {
            double g = GaussianDraws.draw(source);
            draws.add((float) g);
            return g;
        }

        /**
         * The draws as {@code sleep_noise_<layer>} {@code [S][copies][n]}: {@link SgSleep} draws in the order step
         * (from the second), layer, copy, neuron.
         */
        Map<String, Array> byLayer(int steps, int copies, SgNetwork net) {
            float[][] out = new float[net.layers][];
            for (int l = 0; l < net.layers; l++) {
                out[l] = new float[steps * copies * net.sizes[l + 1]];
            }
            int next = 0;
            for (int t = 1; t < steps && !draws.isEmpty(); t++) { // σ = 0 draws nothing: the noise is zeros
                for (int l = 0; l < net.layers; l++) {
                    int n = copies * net.sizes[l + 1];
                    for (int i = 0; i < n; i++) {
                        out[l][t * n + i] = draws.get(next++);
                    }
                }
            }
            if (next != draws.size()) {
                throw new IllegalStateException("the sleep drew " + draws.size() + " Gaussians, expected " + next);
            }
            Map<String, Array> m = new LinkedHashMap<>();
            for (int l = 0; l < net.layers; l++) {
                m.put("sleep_noise_" + net.layerName(l), new Array(out[l], new int[] {steps, copies, net.sizes[l + 1]}));
            }
            return m;
        }
    }
}
