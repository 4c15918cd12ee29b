package io.somnus.examples;

import io.somnus.encoding.PoissonEncoder;
import io.somnus.network.Network;
import io.somnus.network.SpikeCounter;
import io.somnus.network.StateMonitor;
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
 * A neuron model of one's own in a network of built-in parts: {@link PoissonStdpNetwork}'s 100 Poisson inputs (5 to
 * 40 Hz) through an all-to-all projection with the built-in all-to-all STDP onto 10 {@link IzhikevichPopulation}
 * regular-spiking neurons (delta synapses: a spike of weight w mV jumps v by w), a spike counter and a state monitor of
 * neuron 0's v; run for 1 s of 1 ms steps, it prints each neuron's spikes, v's range and the weight change of the slow
 * and the fast inputs.
 *
 * <p>{@code examples/run IzhikevichNetwork [duration_ms]} (README, "Examples").
 */
public final class IzhikevichNetwork {
    /** The time step (ms). */
    static final double DT_MS = 1.0;

    /**
     * What a run gave.
     *
     * @param spikesPerNeuron each neuron's spikes over the run (10 counts)
     * @param v0Mv            neuron 0's v (mV) after each step
     * @param weightsBefore   the projection's 1 000 weights (mV) before the run (input i to neuron j is synapse
     *                        {@code i·10 + j})
     * @param weightsAfter    the same after the run's STDP (mV, in [0, 4])
     */
    public record Result(int[] spikesPerNeuron, double[] v0Mv, float[] weightsBefore, float[] weightsAfter) {
    }

    private IzhikevichNetwork() {
    }

    /**
     * The network, untrained: 100 Poisson inputs ({@code poisson}), {@code input_izh} all-to-all with weights drawn
     * uniformly in [1, 3) mV from {@code rng}, bounds [0, 4], all-to-all STDP (η 0.05, τ± 20 ms, A₋ = 1.05·A₊), onto
     * 10 regular-spiking Izhikevich neurons ({@code izh}).
     */
    public static Network network(SplittableRandom rng) {
        SpikeSource input = new SpikeSource("poisson", 100);
        IzhikevichPopulation izh = new IzhikevichPopulation("izh", 10, IzhikevichPopulation.Parameters.REGULAR_SPIKING);
        SynapseList synapses = Connector.allToAll().connect(input, izh, rng);
        float[] w = new float[synapses.size()];
        for (int s = 0; s < w.length; s++) {
            w[s] = 1f + 2f * (float) rng.nextDouble();                         // mV: v jumps by w at a spike
        }
        Projection inputIzh = Projection.named("input_izh").from(input).to(izh).receptor(Receptor.EXCITATORY)
                .synapses(synapses).weights(w).bounds(0f, 4f).build()
                .withPlasticity(AllToAllStdp.builder(DT_MS).eta(0.05).aMinus(1.05).tauPlusMs(20).tauMinusMs(20).build());
        return new Network(DT_MS, input, List.of(input, izh), List.of(inputIzh), Map.of());
    }

    /** Runs it for {@code durationMs} ms with seed {@code seed} and prints what it found. */
    public static Result run(double durationMs, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Network net = network(rng);
        IzhikevichPopulation izh = (IzhikevichPopulation) net.population("izh");
        Projection inputIzh = net.projection("input_izh");
        SpikeCounter counter = net.count(izh);
        StateMonitor v0 = net.state(izh, "v", 0);
        float[] before = inputIzh.weights().clone();
        net.run(durationMs, PoissonEncoder.ofRatesHz(), PoissonStdpNetwork.ratesHz(), /* plastic */ true, rng);
        Result r = new Result(counter.counts(), v0.trace(0), before, inputIzh.weights().clone());
        System.out.println(net);
        System.out.println(izh + ", " + inputIzh);
        System.out.println(counter + ", per neuron " + Arrays.toString(r.spikesPerNeuron()));
        System.out.printf("neuron 0's v: %.1f to %.1f mV%n", Arrays.stream(r.v0Mv()).min().orElse(Double.NaN),
                Arrays.stream(r.v0Mv()).max().orElse(Double.NaN));
        System.out.printf("mean weight change: inputs at 5–12 Hz %+.4f mV, at 33–40 Hz %+.4f mV%n",
                PoissonStdpNetwork.meanChange(before, r.weightsAfter(), izh.size(), 0, 20),
                PoissonStdpNetwork.meanChange(before, r.weightsAfter(), izh.size(), 80, 100));
        return r;
    }

    /** {@code [duration_ms]}, 1000 unless given. */
    public static void main(String[] args) {
        run(args.length > 0 ? Double.parseDouble(args[0]) : 1000, 1);
    }
}
