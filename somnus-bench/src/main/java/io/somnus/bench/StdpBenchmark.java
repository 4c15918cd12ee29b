package io.somnus.bench;

import io.somnus.encoding.SpikeTrain;
import io.somnus.kernel.Kernels;
import io.somnus.neuron.SpikeSource;
import io.somnus.plasticity.TripletStdp;
import io.somnus.synapse.Connector;
import io.somnus.synapse.Projection;
import io.somnus.synapse.Receptor;
import io.somnus.synapse.SynapseList;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One plastic step (Plasticity.apply) of Diehl &amp; Cook's triplet STDP on a dense 784→N projection: ~7 input
 * spikes every step depress their rows (Kernels.depressRows, SIMD when vector) and one post neuron spikes every
 * 16 steps to potentiate its column. Pre and post are SpikeSources replaying fixed trains, so the spike pattern is
 * the same for both kernels. Score: ns per step, including the replay of the step's spikes (a few ns).
 */
@State(Scope.Thread)
public class StdpBenchmark extends SomnusBenchmark {
    static final int INPUTS = 784;
    /** Input spikes per step (Poisson input of the Diehl &amp; Cook network). */
    static final int SPIKES_PER_STEP = 7;
    static final int PRESENTATION_STEPS = 700;
    static final int POST_SPIKE_EVERY_STEPS = 16;
    static final double DT_MS = 0.5;

    @Param({"scalar", "vector"})
    String kernels;
    @Param({"100", "400", "1600"})
    int size;

    SpikeSource pre;
    SpikeSource post;
    Projection projection;
    TripletStdp stdp;
    int step;

    /**
     * Builds the input and post spike trains and the all-to-all STDP projection (JMH's setup, public for JMH's
     * generated code, not to be called).
     */
    @Setup
    public void setUp() {
        SplittableRandom rng = new SplittableRandom(4);
        pre = new SpikeSource("in", INPUTS);
        pre.play(PropagationBenchmark.randomTrain(INPUTS, PRESENTATION_STEPS, SPIKES_PER_STEP, rng));
        post = new SpikeSource("e", size);
        SpikeTrain postTrain = new SpikeTrain();
        postTrain.reset(PRESENTATION_STEPS);
        for (int t = 0; t < PRESENTATION_STEPS; t += POST_SPIKE_EVERY_STEPS) {
            postTrain.add(t, rng.nextInt(size));
        }
        postTrain.finish();
        post.play(postTrain);
        SynapseList syn = Connector.allToAll().connect(INPUTS, size, false, rng);
        float[] w = new float[syn.size()];
        for (int k = 0; k < w.length; k++) {
            w[k] = (float) (0.003 + 0.297 * rng.nextDouble());
        }
        // the projection's kernels also run its STDP
        projection = new Projection("in_e", pre, post, Receptor.EXCITATORY, syn, w, 0f, 1f, Kernels.named(kernels));
        // ν_pre 1e-4, ν_post 1e-2, τ_pre = τ_post1 = 20 ms, τ_post2 = 40 ms, Euler traces as in the preset
        stdp = new TripletStdp(1e-4, 1e-2, 20, 20, 40, DT_MS, true);
        projection.withPlasticity(stdp);
    }

    /** @return a weight, so that the work is used */
    @Benchmark
    public float tripletStep() {
        if (step == PRESENTATION_STEPS) {
            // a new presentation from step 0, as Network.present does (spike times forgotten, weights kept)
            step = 0;
            pre.resetState();
            post.resetState();
        }
        int t = step++;
        pre.integrate(t, DT_MS, 0.0, null);
        post.integrate(t, DT_MS, 0.0, null);
        stdp.apply(projection, t);
        return projection.weights()[0];
    }
}
