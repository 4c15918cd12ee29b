package io.somnus.bench;

import io.somnus.kernel.Kernels;
import io.somnus.neuron.ConductanceLifParameters;
import io.somnus.neuron.ConductanceLifPopulation;
import io.somnus.neuron.CurrentLifParameters;
import io.somnus.neuron.CurrentLifPopulation;
import io.somnus.neuron.CurrentLifScheme;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One time step of a whole population (Population.integrate, i.e. the Kernels.conductanceLif, currentLif or
 * currentLifPreviousThreshold kernel), scalar against SIMD: the per-step cost of every neuron in the network. Score:
 * ns per step.
 */
public class NeuronUpdateBenchmark extends SomnusBenchmark {
    /**
     * Steps per presentation (Diehl &amp; Cook: 350 ms at dt = 0.5 ms); state is reset between, as Network.present
     * does.
     */
    static final int PRESENTATION_STEPS = 700;
    /** Pre-drawn input vectors, cycled, so that the random number generator is not what is measured. */
    static final int INPUT_ROWS = 64;

    /** Diehl &amp; Cook excitatory neurons at dt = 0.5 ms. */
    @State(Scope.Thread)
    public static class Conductance {
        @Param({"scalar", "vector"})
        String kernels;
        @Param({"100", "400", "1600"})
        int size;
        /**
         * The largest g_e input per step (uniform from 0): 1.2 settles g_e near 1.2, V∞ ≈ −30 mV, and 1.9 % of the
         * neurons spike per step, so the exact test of spike candidates runs in most vectors; 0.25 settles g_e just past
         * what reaches the threshold, 0.07 % spike per step, as in a diehl-cook training (0.008 % over 20 000 images
         * at N_e = 100, 0.2 % in a fresh network's first images).
         */
        @Param({"1.2", "0.25"})
        float drive;

        ConductanceLifPopulation pop;
        float[][] input;
        int step;
        /** Spikes and neuron-steps over the trial, for the spiking rate printed at its end (the drive's figures). */
        long spikes;
        long neuronSteps;

        /**
         * Builds the {@code size} diehl-cook excitatory neurons and their random input rows (JMH's setup, public for
         * JMH's generated code, not to be called).
         */
        @Setup
        public void setUp() {
            pop = new ConductanceLifPopulation("e", size, ConductanceLifParameters.DIEHL_COOK_EXCITATORY,
                    Kernels.named(kernels));
            input = randomRows(size, drive, 1);
        }

        /**
         * Prints the trial's percentage of neurons that spiked per step (JMH's teardown, public for JMH's generated
         * code, not to be called).
         */
        @TearDown
        public void printSpikingRate() {
            System.out.printf("drive %s, %d neurons: %.3f %% of the neurons spiked per step%n", drive, size,
                    100.0 * spikes / Math.max(1, neuronSteps));
        }
    }

    /** How a current-LIF population takes a step (JMH runs every value unless {@code -p scheme=…} names some). */
    public enum Scheme {
        /** Exponential decays, V ≥ θ + a. */
        SOMNUS(CurrentLifScheme.SOMNUS),
        /** paper-code's: forward Euler, V &gt; the previous step's clipped threshold. */
        AUTHORS(CurrentLifScheme.AUTHORS);

        final CurrentLifScheme scheme;

        Scheme(CurrentLifScheme scheme) {
            this.scheme = scheme;
        }
    }

    /** The paper's current-based neurons (200 E) at dt = 1 ms, under each {@link Scheme}. */
    @State(Scope.Thread)
    public static class Current {
        @Param({"scalar", "vector"})
        String kernels;
        @Param
        Scheme scheme;

        CurrentLifPopulation pop;
        float[][] input;
        int step;

        /**
         * Builds 200 of the paper's current-LIF neurons and their random input rows (JMH's setup, public for JMH's
         * generated code, not to be called).
         */
        @Setup
        public void setUp() {
            pop = new CurrentLifPopulation("e", 200, CurrentLifParameters.PAPER, Kernels.named(kernels),
                    scheme.scheme);
            // I += input each step settles near 30·input: uniform in [0, 0.05) gives I ≈ 0.75, above the 0.5 the
            // threshold needs, so neurons spike (limited by threshold adaptation).
            input = randomRows(200, 0.05f, 2);
        }
    }

    static float[][] randomRows(int size, float max, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] rows = new float[INPUT_ROWS][size];
        for (float[] row : rows) {
            for (int i = 0; i < size; i++) {
                row[i] = (float) (max * rng.nextDouble());
            }
        }
        return rows;
    }

    /** @return the number of neurons that spiked this step */
    @Benchmark
    public int conductanceLifStep(Conductance s) {
        ConductanceLifPopulation pop = s.pop;
        if (s.step == PRESENTATION_STEPS) {
            // a new presentation; θ back to its initial value too, else it would grow without bound over millions of steps
            pop.resetState();
            Arrays.fill(pop.theta(), pop.parameters().thetaInitialMv());
            s.step = 0;
        }
        int t = s.step++;
        System.arraycopy(s.input[t % INPUT_ROWS], 0, pop.excitatoryInput(), 0, s.size);
        pop.integrate(t, 0.5, 0.0, null);
        s.spikes += pop.spikeCount();
        s.neuronSteps += s.size;
        return pop.spikeCount();
    }

    /** @return the number of neurons that spiked this step */
    @Benchmark
    public int currentLifStep200(Current s) {
        CurrentLifPopulation pop = s.pop;
        if (s.step == PRESENTATION_STEPS) {
            pop.resetState();
            s.step = 0;
        }
        int t = s.step++;
        System.arraycopy(s.input[t % INPUT_ROWS], 0, pop.excitatoryInput(), 0, 200);
        pop.integrate(t, 1.0, 0.0, null);
        return pop.spikeCount();
    }
}
