package io.somnus.examples;

import io.somnus.encoding.PoissonEncoder;
import io.somnus.network.Network;
import io.somnus.network.SpikeCounter;
import io.somnus.network.SpikeRaster;
import io.somnus.neuron.CurrentLifParameters;
import io.somnus.neuron.CurrentLifPopulation;
import io.somnus.neuron.Population;
import io.somnus.neuron.SpikeSource;
import io.somnus.plasticity.AllToAllStdp;
import io.somnus.synapse.Connector;
import io.somnus.synapse.Projection;
import io.somnus.synapse.Receptor;
import io.somnus.synapse.SynapseList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A network of one's own from the simulator alone: 100 Poisson inputs (5 to 40 Hz), an all-to-all projection with
 * all-to-all STDP onto 10 of the paper's LIF neurons, a spike counter and a raster on them, run for 1 s of 1 ms steps;
 * prints each neuron's spikes and how STDP moved the weights of the slow and the fast inputs.
 *
 * <p>{@code examples/run PoissonStdpNetwork [duration_ms]} (README, "Examples").
 */
public final class PoissonStdpNetwork {
    /** The time step (ms). */
    static final double DT_MS = 1.0;

    /**
     * What a run gave: the LIF neurons' spikes (per neuron, and as a raster) and the projection's weights before and
     * after, by synapse (input i to neuron j is synapse {@code i·10 + j}: all-to-all, pre by pre).
     *
     * @param spikesPerNeuron each LIF neuron's spikes over the run (10 counts; 0 for a silent neuron)
     * @param rasterSteps the step (1 ms) of each LIF spike from the run's start, in time order (of any neuron; empty
     *     when none fired)
     * @param weightsBefore the projection's 1 000 weights before the run (a copy; in [0, 1])
     * @param weightsAfter the same weights after the run's STDP (a copy; in [0, 1], the projection's bounds)
     * @param ratesHz each input's Poisson rate (Hz), 5 for input 0 rising evenly to 40 for input 99
     */
    public record Result(int[] spikesPerNeuron, int[] rasterSteps, float[] weightsBefore, float[] weightsAfter,
                         float[] ratesHz) {
    }

    private PoissonStdpNetwork() {
    }

    /**
     * Runs it for {@code durationMs} ms (a whole number of steps) with seed {@code seed} and prints what it found.
     */
    public static Result run(double durationMs, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Network net = network(rng);
        Population lif = net.population("lif");
        Projection inputLif = net.projection("input_lif");
        SpikeCounter counter = net.count(lif);
        SpikeRaster raster = net.raster(lif);
        float[] before = inputLif.weights().clone();                            // weights() is live: copy to keep

        float[] ratesHz = ratesHz();
        net.run(durationMs, PoissonEncoder.ofRatesHz(), ratesHz, /* plastic */ true, rng); // Brian2's run(duration)

        Result r = new Result(counter.counts(), raster.spikeSteps(), before, inputLif.weights().clone(), ratesHz);
        System.out.println(net);
        System.out.println(inputLif);
        System.out.println(counter + ", per neuron " + Arrays.toString(r.spikesPerNeuron()));
        System.out.printf("mean weight change: inputs at 5–12 Hz %+.4f, at 33–40 Hz %+.4f%n",
                meanChange(before, r.weightsAfter(), lif.size(), 0, 20),
                meanChange(before, r.weightsAfter(), lif.size(), 80, 100));
        return r;
    }

    /**
     * The network, untrained: 100 Poisson inputs ({@code poisson}), an all-to-all projection {@code input_lif} with
     * all-to-all STDP (weights drawn uniformly in [0.3, 0.7) from {@code rng}, bounds [0, 1]) onto 10 of the paper's
     * LIF neurons ({@code lif}).
     */
    public static Network network(SplittableRandom rng) {
        SpikeSource input = new SpikeSource("poisson", 100);                   // PyNN's SpikeSourcePoisson
        CurrentLifPopulation lif = new CurrentLifPopulation("lif", 10, CurrentLifParameters.PAPER);
        SynapseList synapses = Connector.allToAll().connect(input, lif, rng);
        float[] w = new float[synapses.size()];
        for (int s = 0; s < w.length; s++) {
            w[s] = 0.3f + 0.4f * (float) rng.nextDouble();                      // current units: a spike adds w/30 to I
        }
        Projection inputLif = Projection.named("input_lif").from(input).to(lif).receptor(Receptor.EXCITATORY)
                .synapses(synapses).weights(w).bounds(0f, 1f).build()
                .withPlasticity(AllToAllStdp.builder(DT_MS).eta(0.01).tauPlusMs(20).tauMinusMs(20).build());
        return new Network(DT_MS, input, List.of(input, lif), List.of(inputLif), Map.of());
    }

    /** Each input's Poisson rate (Hz): 5 for input 0, rising evenly to 40 for input 99. */
    public static float[] ratesHz() {
        float[] ratesHz = new float[100];
        for (int i = 0; i < ratesHz.length; i++) {
            ratesHz[i] = 5f + 35f * i / (ratesHz.length - 1);                   // 5 Hz … 40 Hz
        }
        return ratesHz;
    }

    /**
     * The mean weight change of the synapses from inputs {@code [from, to)} of an all-to-all projection onto
     * {@code post} neurons (input i to neuron j is synapse {@code i·post + j}), in the weights' unit; this example's and
     * {@link IzhikevichNetwork}'s.
     */
    static double meanChange(float[] before, float[] after, int post, int from, int to) {
        double sum = 0;
        for (int s = from * post; s < to * post; s++) {
            sum += after[s] - before[s];
        }
        return sum / ((to - from) * post);
    }

    /** {@code [duration_ms]}, 1000 unless given. */
    public static void main(String[] args) {
        run(args.length > 0 ? Double.parseDouble(args[0]) : 1000, 1);
    }
}
