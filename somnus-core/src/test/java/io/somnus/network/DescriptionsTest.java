package io.somnus.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.somnus.encoding.SpikeTrain;
import io.somnus.neuron.CurrentLifParameters;
import io.somnus.neuron.CurrentLifPopulation;
import io.somnus.neuron.SpikeSource;
import io.somnus.plasticity.AllToAllStdp;
import io.somnus.plasticity.NearestPairStdp;
import io.somnus.plasticity.SinceLastSpikeStdp;
import io.somnus.plasticity.TripletStdp;
import io.somnus.plasticity.WeightDependence;
import io.somnus.synapse.Projection;
import io.somnus.synapse.Receptor;
import io.somnus.synapse.SynapseList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * What a researcher sees when printing a network's parts (jshell, a debugger, a log line): their names, sizes and
 * values, not {@code Class@hash}.
 */
class DescriptionsTest {
    @Test
    void aNetworkAndItsPartsSayWhatTheyAre() {
        SpikeSource input = new SpikeSource("input", 3);
        CurrentLifPopulation e = new CurrentLifPopulation("e", 2, CurrentLifParameters.PAPER);
        Projection inputE = Projection.named("input_e").from(input).to(e).receptor(Receptor.EXCITATORY)
                .synapses(SynapseList.allToAll(3, 2)).weights(new float[] {1, 1, 1, 1, 1, 1}).build()
                .withPlasticity(NearestPairStdp.builder(1.0).build()).withDelaySteps(2);
        Projection ee = Projection.named("e_e").from(e).to(e).receptor(Receptor.EXCITATORY)
                .synapses(SynapseList.allButSelf(2)).weights(new float[] {0.5f, 0.5f}).build();
        Network net = new Network(1.0, input, List.of(input, e), List.of(inputE, ee), Map.of());
        assertEquals("SpikeSource[input, 3 neurons]", input.toString());
        assertEquals("CurrentLifPopulation[e, 2 neurons]", e.toString());
        assertEquals("Projection[input_e: input → e, excitatory, 6 synapses, nearest-pair STDP (η 0.0005, A+ 1, A− 1, "
                + "τ+ 7.5 ms, τ− 7.5 ms, sign +1, dt 1 ms), delay 2 steps]", inputE.toString());
        assertEquals("Projection[e_e: e → e, excitatory, 2 synapses, static]", ee.toString());
        SynapseList one = new SynapseList(1);
        one.add(0, 1);
        assertEquals("Projection[one: input → e, inhibitory, 1 synapse, static]", Projection.named("one").from(input)
                .to(e).receptor(Receptor.INHIBITORY).synapses(one).weights(new float[] {-1}).build().toString());
        assertEquals("Network[dt 1 ms, input input, populations [input, e], projections [input_e, e_e]]", net.toString());

        SpikeCounter counter = net.count(input);
        SpikeRaster raster = net.raster(input);
        StateMonitor v = net.state(e, "v", 1);
        SpikeTrain train = new SpikeTrain();
        train.reset(4);
        train.add(0, 0);
        train.add(0, 2);
        train.add(3, 1);
        train.finish();
        assertEquals("SpikeTrain[4 steps, 3 spikes]", train.toString());
        net.present(train, false, new SplittableRandom(1));
        assertEquals("SpikeCounter[input, 3 spikes]", counter.toString());
        assertEquals("SpikeRaster[input, 3 spikes in 4 steps]", raster.toString());
        assertEquals("StateMonitor[e.v, 1 neuron, 4 steps]", v.toString());
    }

    @Test
    void eachStdpRuleSaysItsValues() {
        assertEquals("all-to-all STDP (η 1, A+ 0.005, A− 0.00525, τ+ 20 ms, τ− 20 ms, sign −1, multiplicative, dt 0.5 ms)",
                AllToAllStdp.builder(0.5).eta(1).aPlus(0.005).aMinus(0.00525).tauPlusMs(20).tauMinusMs(20).sign(-1)
                        .weightDependence(WeightDependence.MULTIPLICATIVE).build().toString());
        assertEquals("triplet STDP (ν_pre 0.0001, ν_post 0.01, τ_pre 20 ms, τ_post1 20 ms, τ_post2 40 ms, exact traces, "
                + "dt 0.5 ms)", TripletStdp.builder(0.5).eulerTraces(false).build().toString());
        assertEquals("since-last-spike STDP (η 0.0008, τ_ltp 10 ms, τ_ltd 7.5 ms, sign +1, dt 1 ms)",
                SinceLastSpikeStdp.builder(1.0).build().toString());
    }
}
