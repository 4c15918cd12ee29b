package io.somnus.bench;

import io.somnus.encoding.SpikeTrain;
import io.somnus.kernel.Kernels;
import io.somnus.neuron.ConductanceLifParameters;
import io.somnus.neuron.ConductanceLifPopulation;
import io.somnus.neuron.SpikeSource;
import io.somnus.synapse.Connector;
import io.somnus.synapse.Projection;
import io.somnus.synapse.Receptor;
import io.somnus.synapse.SynapseList;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One step of event-driven propagation (Projection.propagate) into N neurons: a dense all-to-all projection (the SIMD
 * Kernels.addRows path), a sparse one with p = 0.1 (the CSR loop, the same code for both kernels) and that sparse
 * one's frozen copy, as evaluation runs it (its weights as dense rows where it has a matrix: Projection.frozenCopy).
 * The input: 784 sources with 7 spikes per step (Poisson input of the Diehl &amp; Cook network, {@code
 * input=784:7}) or 225 with 22 (the paper preset's 15 × 15 Bernoulli input, {@code input=225:22}). Score: ns per
 * step, including the replay of the step's input spikes by the SpikeSource (a few ns).
 */
@State(Scope.Thread)
public class PropagationBenchmark extends SomnusBenchmark {
    static final int PRESENTATION_STEPS = 700;

    @Param({"scalar", "vector"})
    String kernels;
    @Param({"100", "400", "1600"})
    int size;
    /** Input sources and spikes per step, as {@code sources:spikes}. */
    @Param({"784:7", "225:22"})
    String input;

    SpikeSource pre;
    ConductanceLifPopulation post;
    Projection dense;
    Projection sparse;
    Projection sparseFrozen;
    int step;

    /**
     * Builds the input's spike train and the dense, sparse and frozen sparse projections (JMH's setup, public for JMH's
     * generated code, not to be called).
     *
     * @throws IllegalStateException if the all-to-all projection is not on the dense path
     */
    @Setup
    public void setUp() {
        SplittableRandom rng = new SplittableRandom(3);
        String[] parts = input.split(":");
        int inputs = Integer.parseInt(parts[0]);
        pre = new SpikeSource("in", inputs);
        pre.play(randomTrain(inputs, PRESENTATION_STEPS, Integer.parseInt(parts[1]), rng));
        post = new ConductanceLifPopulation("e", size, ConductanceLifParameters.DIEHL_COOK_EXCITATORY,
                Kernels.named(kernels));
        dense = projection("dense", Connector.allToAll(), rng);
        sparse = projection("sparse", Connector.fixedProbability(0.1), rng);
        sparseFrozen = sparse.frozenCopy(pre, post);
        if (!dense.isDense()) {
            throw new IllegalStateException("all-to-all projection is not on the dense path");
        }
    }

    private Projection projection(String name, Connector connector, SplittableRandom rng) {
        SynapseList syn = connector.connect(pre.size(), size, false, rng);
        float[] w = new float[syn.size()];
        for (int k = 0; k < w.length; k++) {
            w[k] = (float) (0.003 + 0.297 * rng.nextDouble()); // Diehl & Cook's initial input weights
        }
        return new Projection(name, pre, post, Receptor.EXCITATORY, syn, w, 0f, 1f, Kernels.named(kernels));
    }

    /** {@code spikesPerStep} distinct random sources at every step. */
    static SpikeTrain randomTrain(int sources, int steps, int spikesPerStep, SplittableRandom rng) {
        SpikeTrain train = new SpikeTrain();
        train.reset(steps);
        for (int t = 0; t < steps; t++) {
            int[] picked = rng.ints(0, sources).distinct().limit(spikesPerStep).sorted().toArray();
            for (int i : picked) {
                train.add(t, i);
            }
        }
        train.finish();
        return train;
    }

    /** Replays the next input step; at the end of the train starts over with the post input cleared. */
    private void nextInputStep() {
        if (step == PRESENTATION_STEPS) {
            step = 0;
            Arrays.fill(post.excitatoryInput(), 0f); // post never integrates here: keep its input bounded
        }
        pre.integrate(step++, 0.5, 0.0, null);
    }

    /** @return a delivered input, so that the work is used */
    @Benchmark
    public float denseAllToAll() {
        nextInputStep();
        dense.propagate();
        return post.excitatoryInput()[0];
    }

    /** @return a delivered input, so that the work is used */
    @Benchmark
    public float sparseP01() {
        nextInputStep();
        sparse.propagate();
        return post.excitatoryInput()[0];
    }

    /** @return a delivered input, so that the work is used */
    @Benchmark
    public float sparseP01Frozen() {
        nextInputStep();
        sparseFrozen.propagate();
        return post.excitatoryInput()[0];
    }
}
