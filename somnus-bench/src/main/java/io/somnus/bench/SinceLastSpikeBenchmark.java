package io.somnus.bench;

import io.somnus.core.GaussianDraws;
import io.somnus.core.SplittableState;
import io.somnus.encoding.SpikeTrain;
import io.somnus.neuron.SpikeSource;
import io.somnus.plasticity.SinceLastSpikeStdp;
import io.somnus.synapse.Connector;
import io.somnus.synapse.Projection;
import io.somnus.synapse.Receptor;
import io.somnus.synapse.SynapseList;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One plastic step of paper-code's since-last-spike rule on its four projections (input → E 10 %, E → E 15 %,
 * E → I 20 %, I → E 25 % of all pairs; 225 inputs, 200 E, 50 I), with each population firing at paper-code's
 * training rates (input 22.5, E 11.6 and I 14.6 spikes per 1 ms step: the wake rates of a 300-image, 3-epoch run).
 * Pre and post are SpikeSources replaying fixed random trains, one stream of {@link #STREAM_STEPS} steps, then a
 * reset of the spike history (weights kept), as a new batch of 300 images does. Score: ns per step, including the
 * replay of the step's spikes.
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--add-opens", GaussianDraws.OPENS,
        "--add-opens", SplittableState.OPENS, "-XX:CompileCommand=quiet",
        "-XX:CompileCommand=dontinline,io.somnus.plasticity.SinceLastSpikeStdp::visit*"}) // the walks as the launcher
public class SinceLastSpikeBenchmark extends SomnusBenchmark {
    static final int STREAM_STEPS = 5_000;
    static final double DT_MS = 1.0;

    SpikeSource input;
    SpikeSource e;
    SpikeSource i;
    Projection[] projections;
    int step;

    /**
     * Builds the four STDP projections between the three spiking sources (JMH's setup, public for JMH's generated code,
     * not to be called).
     */
    @Setup
    public void setUp() {
        SplittableRandom rng = new SplittableRandom(9);
        input = source("input", 225, 22.5, rng);
        e = source("e", 200, 11.6, rng);
        i = source("i", 50, 14.6, rng);
        // η and τ as the preset: 8e-4 for excitatory pre, 5e-3 for inhibitory; τ_LTP 10 ms, τ_LTD 7.5 ms
        projections = new Projection[] {
            projection("input_e", input, e, 0.10, 0.15f, 8e-4, 1, rng),
            projection("e_e", e, e, 0.15, 0.30f, 8e-4, 1, rng),
            projection("e_i", e, i, 0.20, 0.60f, 8e-4, 1, rng),
            projection("i_e", i, e, 0.25, -0.50f, 5e-3, -1, rng),
        };
    }

    /** A source replaying Bernoulli spikes at {@code perStep} expected spikes per step. */
    private static SpikeSource source(String name, int size, double perStep, SplittableRandom rng) {
        SpikeTrain train = new SpikeTrain();
        train.reset(STREAM_STEPS);
        double p = perStep / size;
        for (int t = 0; t < STREAM_STEPS; t++) {
            for (int k = 0; k < size; k++) {
                if (rng.nextDouble() < p) {
                    train.add(t, k);
                }
            }
        }
        train.finish();
        SpikeSource s = new SpikeSource(name, size);
        s.play(train);
        return s;
    }

    private static Projection projection(String name, SpikeSource pre, SpikeSource post, double p, float weight,
                                         double eta, int sign, SplittableRandom rng) {
        SynapseList syn = Connector.fixedProbability(p).connect(pre.size(), post.size(), pre == post, rng);
        float[] w = new float[syn.size()];
        Arrays.fill(w, weight);
        Projection proj = sign > 0
                ? new Projection(name, pre, post, Receptor.EXCITATORY, syn, w, 0.01f, 25f)
                : new Projection(name, pre, post, Receptor.INHIBITORY, syn, w, -25f, -0.01f);
        return proj.withPlasticity(new SinceLastSpikeStdp(eta, 10.0, 7.5, sign, DT_MS));
    }

    /** @return a weight, so that the work is used */
    @Benchmark
    public float paperCodeStep() {
        if (step == STREAM_STEPS) {
            step = 0;
            input.resetState();
            e.resetState();
            i.resetState();
        }
        int t = step++;
        input.integrate(t, DT_MS, 0.0, null);
        e.integrate(t, DT_MS, 0.0, null);
        i.integrate(t, DT_MS, 0.0, null);
        for (Projection p : projections) {
            p.plasticity().apply(p, t);
        }
        return projections[0].weights()[0];
    }
}
