package io.somnus.experiment.stdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.encoding.SpikeTrain;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.InputOnlyStep;
import io.somnus.experiment.config.StdpRunConfig;
import io.somnus.experiment.config.StreamFirstStep;
import io.somnus.kernel.Kernels;
import io.somnus.network.Network;
import io.somnus.neuron.ConductanceLifParameters;
import io.somnus.neuron.ConductanceLifPopulation;
import io.somnus.neuron.CurrentLifParameters;
import io.somnus.neuron.CurrentLifPopulation;
import io.somnus.neuron.CurrentLifScheme;
import io.somnus.neuron.Population;
import io.somnus.neuron.SpikeSource;
import io.somnus.plasticity.NearestPairStdp;
import io.somnus.plasticity.SinceLastSpikeStdp;
import io.somnus.synapse.Projection;
import io.somnus.synapse.Receptor;
import io.somnus.synapse.SynapseList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The authors' batch start (src/big_comb.py:1962, 1997-2015 @40b7d33): V = 0 mV, everything else carried. */
class StreamStartsTest {
    @Test
    void theCarriedStartZeroesTheMembraneAndKeepsCurrentAdaptationSpikeTimesAndClock() {
        SpikeSource in = new SpikeSource("input", 1);
        CurrentLifPopulation e = new CurrentLifPopulation("e", 2, CurrentLifParameters.PAPER);
        Network net = new Network(1.0, in, List.<Population>of(in, e), List.of(), Map.of());
        SplittableRandom rng = new SplittableRandom(1);
        e.current()[1] = 40f; // V∞ = −70 + 30·40 → the neuron fires within a few steps
        for (int t = 0; t < 5; t++) {
            net.stepStream(false, 0, rng);
        }
        float current = e.current()[1];
        float adaptation = e.adaptation()[1];
        int lastSpike = e.lastSpikeStep()[1];
        StreamStarts.carriedWithMembraneAtZero(net);
        assertEquals(0f, e.membrane()[0]);
        assertEquals(0f, e.membrane()[1]);
        assertEquals(current, e.current()[1]);
        assertEquals(adaptation, e.adaptation()[1]);
        assertEquals(lastSpike, e.lastSpikeStep()[1]);
        assertEquals(true, adaptation > 0 && lastSpike >= 0, "the neuron spiked before the start");
        // the stream clock runs on: the next step is step 5, one after the last
        net.stepStream(false, 0, rng);
        // first step from 0 mV (exponential Euler, I ≈ 0 for neuron 0): V = −70 + 70·e^(−1/30), far above θ: it fires
        assertEquals(5, e.lastSpikeStep()[0]);
    }

    @Test
    void onlyCurrentLifNeuronsHaveIt() {
        SpikeSource in = new SpikeSource("input", 1);
        ConductanceLifPopulation e = new ConductanceLifPopulation("e", 2, ConductanceLifParameters.DIEHL_COOK_EXCITATORY);
        Network net = new Network(1.0, in, List.<Population>of(in, e), List.of(), Map.of());
        assertThrows(ConfigException.class, () -> StreamStarts.checkCarried(net));
    }

    @Test
    void aLaterStreamsFirstStepTestsTheBaseThresholdOnce() {
        // their later batches get the threshold array as first filled, θ₀ = −55 mV, while a carries
        // (big_comb.py:1549-1553, 2010). a = 60: clip(−55 + 60, −90, 0) = 0 mV. From V = 0, I = 0, forward Euler:
        // V = 0 + (−(0 − (−70)))/30 = −2.33 mV, below 0 but above −55
        SpikeSource in = new SpikeSource("input", 1);
        CurrentLifPopulation e = new CurrentLifPopulation("e", 1, CurrentLifParameters.PAPER, Kernels.preferred(),
                CurrentLifScheme.AUTHORS);
        Network net = new Network(1.0, in, List.<Population>of(in, e), List.of(), Map.of());
        SplittableRandom rng = new SplittableRandom(1);
        e.adaptation()[0] = 60f;
        StreamStarts.carriedWithMembraneAtZero(net, false, false);
        net.stepStream(false, 0, rng);
        assertEquals(Population.NEVER, e.lastSpikeStep()[0], "against the carried threshold, 0 mV: no spike");
        e.adaptation()[0] = 60f;
        StreamStarts.carriedWithMembraneAtZero(net, false, true);
        net.stepStream(false, 0, rng);
        assertEquals(1, e.lastSpikeStep()[0], "against θ₀: a spike");
        // a decays by 1 − dt/τ_a and rises by 3 mV, as at any spike
        assertEquals(60f * (float) (1 - 1.0 / CurrentLifParameters.PAPER.tauAdaptationMs())
                + (float) CurrentLifParameters.PAPER.adaptationMv(), e.adaptation()[0]);
        e.adaptation()[0] = 60f;
        e.membrane()[0] = 0f;
        net.stepStream(false, 0, rng);
        net.stepStream(false, 0, rng);
        assertEquals(1, e.lastSpikeStep()[0], "once only: the next steps test clip(θ₀ + a) again");
    }

    @Test
    void theDroppedLastStepIsNeitherDeliveredNorSeenByStdp() {
        // their next batch starts from row 0 of its own arrays (train.py:393-394): the input spike of the last step
        // never arrives and its synapse is not visited. Delivered, step 1 would give I > 0 and, the post firing from
        // V = 0 at step 1 (Δ = 0 − 1 = −1), LTD; dropped, neither
        SpikeSource in = new SpikeSource("input", 1);
        CurrentLifPopulation e = new CurrentLifPopulation("e", 1, CurrentLifParameters.PAPER);
        SynapseList syn = new SynapseList(1);
        syn.add(0, 0);
        Projection p = new Projection("input_e", in, e, Receptor.EXCITATORY, syn, new float[] {0.9f}, 0.01f, 25f)
                .withPlasticity(new SinceLastSpikeStdp(8e-4, 10, 7.5, 1, 1.0));
        Network net = new Network(1.0, in, List.<Population>of(in, e), List.of(p), Map.of());
        SpikeTrain t = new SpikeTrain();
        t.reset(1);
        t.add(0, 0);
        t.finish();
        SplittableRandom rng = new SplittableRandom(1);
        net.presentContinuing(t, true, rng);
        assertEquals(0.9f, e.excitatoryInput()[0]);
        StreamStarts.carriedWithMembraneAtZero(net, true, false);
        assertEquals(0f, e.excitatoryInput()[0]);
        net.stepStream(true, 0, rng);
        assertEquals(1, e.lastSpikeStep()[0], "the post fires from V = 0");
        assertEquals(0.9f, p.weights()[0], "no visit at step 1");
        assertEquals(0f, e.current()[0]);
    }

    @Test
    void droppingNeedsTheSinceLastSpikeRuleAndTheBaseThresholdTheAuthorsTest() {
        String field = "simulation.stream_start_last_step";
        StdpRunConfig c = PresetConfigs.of("paper", field, "dropped"); // nearest-pair STDP, streams from rest
        Network dropping = NetworkFactory.build(c, 225, new SplittableRandom(1), Kernels.scalar());
        ConfigException e = assertThrows(ConfigException.class,
                () -> StreamStarts.checkChoices(dropping, c.simulation(), c.sleep(), true));
        assertTrue(e.getMessage().startsWith(field + ": ") && e.getMessage().contains("nearest-pair"), e.getMessage());
        // every sleep drops the last wake step's spikes, whatever the start: refused as the configuration resolves
        e = assertThrows(ConfigException.class, () -> PresetConfigs.of("paper", "sleep.last_wake_input", "dropped"));
        assertTrue(e.getMessage().startsWith("sleep.last_wake_input: ") && e.getMessage().contains("nearest-pair")
                && e.getMessage().contains("(projections.input_e.plasticity)"), e.getMessage());
        StdpRunConfig base = PresetConfigs.of("paper", "simulation.stream_start_threshold", "base"); // V >= θ + a
        Network net = NetworkFactory.build(base, 225, new SplittableRandom(1), Kernels.scalar());
        assertThrows(ConfigException.class, () -> StreamStarts.checkChoices(net, base.simulation(), base.sleep(), true));
        StdpRunConfig code = PresetConfigs.of("paper-code");
        StreamStarts.checkChoices(NetworkFactory.build(code, 225, new SplittableRandom(1), Kernels.scalar()),
                code.simulation(), code.sleep(), true);
    }

    /**
     * The stream-start choices change nothing where every stream starts from rest, so they are not refused there:
     * paper-code with Somnus's spike test and streams from rest (scripts/bench-stdp's paper-code rows,
     * validation/paper_code's commands) was refused once paper-code chose θ₀ at a carried stream's first step.
     */
    @Test
    void streamsFromRestAreNotRefusedForTheCarriedStartsChoices() {
        StdpRunConfig c = PresetConfigs.of("paper-code", "simulation.spike_test", "at_or_above",
                "simulation.stream_start", "rest");
        Network net = NetworkFactory.build(c, 225, new SplittableRandom(1), Kernels.scalar());
        StreamStarts.checkChoices(net, c.simulation(), c.sleep(), false);
        StdpRunConfig dropped = PresetConfigs.of("paper", "simulation.stream_start_last_step", "dropped");
        StreamStarts.checkChoices(NetworkFactory.build(dropped, 225, new SplittableRandom(1), Kernels.scalar()),
                dropped.simulation(), dropped.sleep(), false);
    }

    /**
     * The input-only first step learns nothing, so a carried start whose previous last step is still delivered would
     * add that step's spikes to the first row unseen by STDP: refused, naming the two fields; the preset's own
     * combination (dropped) and streams from rest pass.
     */
    @Test
    void theInputOnlyFirstStepNeedsTheDroppedLastStepAtACarriedStart() {
        StdpRunConfig c = PresetConfigs.of("paper-code", "simulation.stream_start_last_step", "delivered");
        Network net = NetworkFactory.build(c, 225, new SplittableRandom(1), Kernels.scalar());
        ConfigException e = assertThrows(ConfigException.class,
                () -> StreamStarts.checkChoices(net, c.simulation(), c.sleep(), true));
        assertTrue(e.getMessage().startsWith("simulation.stream_first_step: ")
                && e.getMessage().contains("simulation.stream_start_last_step: dropped"), e.getMessage());
        StreamStarts.checkChoices(net, c.simulation(), c.sleep(), false);
        StdpRunConfig code = PresetConfigs.of("paper-code");
        assertEquals(StreamFirstStep.INPUT_ONLY, code.simulation().streamFirstStep());
        assertEquals(StreamFirstStep.INTEGRATES,
                PresetConfigs.of("paper").simulation().streamFirstStep());
    }

    /** Both choices deliver at the next step what a projection with a longer delay would still hold: refused, named. */
    @Test
    void theInputOnlyStepAndTheDeliveryAfterTheDecayRefuseADelayedProjection() {
        SpikeSource in = new SpikeSource("input", 1);
        CurrentLifPopulation e = new CurrentLifPopulation("e", 1, CurrentLifParameters.PAPER);
        SynapseList syn = new SynapseList(1);
        syn.add(0, 0);
        Projection delayed = new Projection("input_e", in, e, Receptor.EXCITATORY, syn, new float[] {0.9f}, 0f, 25f)
                .withPlasticity(new SinceLastSpikeStdp(8e-4, 10, 7.5, 1, 1.0)).withDelaySteps(2);
        Network net = new Network(1.0, in, List.<Population>of(in, e), List.of(delayed), Map.of());
        StdpRunConfig code = PresetConfigs.of("paper-code");
        ConfigException a = assertThrows(ConfigException.class,
                () -> StreamStarts.checkChoices(net, code.simulation(), code.sleep(), false));
        assertTrue(a.getMessage().startsWith("sleep.delivery: ") && a.getMessage().contains("input_e"), a.getMessage());
        StdpRunConfig before = PresetConfigs.of("paper-code", "sleep.delivery", "before_decay");
        ConfigException b = assertThrows(ConfigException.class,
                () -> StreamStarts.checkChoices(net, before.simulation(), before.sleep(), false));
        assertTrue(b.getMessage().startsWith("simulation.stream_first_step: ") && b.getMessage().contains("input_e"),
                b.getMessage());
        StdpRunConfig neither = PresetConfigs.of("paper-code", "sleep.delivery", "before_decay",
                "simulation.stream_first_step", "integrates", "simulation.input_only_step", "timed");
        StreamStarts.checkChoices(net, neither.simulation(), neither.sleep(), false);
    }

    /**
     * The untimed first row needs an input-only step to take off the clock, and a rule that can visit spikes without a
     * spike time: refused otherwise, naming the fields (and the projection); the preset's own combination passes.
     */
    @Test
    void theUntimedFirstRowNeedsTheInputOnlyStepAndSinceLastSpikeStdp() {
        StdpRunConfig code = PresetConfigs.of("paper-code");
        assertEquals(InputOnlyStep.UNTIMED, code.simulation().inputOnlyStep());
        assertEquals(InputOnlyStep.TIMED, PresetConfigs.of("paper").simulation().inputOnlyStep());
        Network net = NetworkFactory.build(code, 225, new SplittableRandom(1), Kernels.scalar());
        StreamStarts.checkChoices(net, code.simulation(), code.sleep(), true);
        StdpRunConfig integrates = PresetConfigs.of("paper-code", "simulation.stream_first_step", "integrates");
        ConfigException a = assertThrows(ConfigException.class,
                () -> StreamStarts.checkChoices(net, integrates.simulation(), integrates.sleep(), true));
        assertTrue(a.getMessage().startsWith("simulation.input_only_step: untimed")
                && a.getMessage().contains("simulation.stream_first_step is integrates"), a.getMessage());
        SpikeSource in = new SpikeSource("input", 1);
        CurrentLifPopulation e = new CurrentLifPopulation("e", 1, CurrentLifParameters.PAPER);
        SynapseList syn = new SynapseList(1);
        syn.add(0, 0);
        Projection nearest = new Projection("input_e", in, e, Receptor.EXCITATORY, syn, new float[] {0.9f}, 0f, 25f)
                .withPlasticity(new NearestPairStdp(0.01, 1, 1, 20, 20, 1, 1.0));
        Network other = new Network(1.0, in, List.<Population>of(in, e), List.of(nearest), Map.of());
        StdpRunConfig rest = PresetConfigs.of("paper-code", "sleep.last_wake_input", "delivered");
        ConfigException b = assertThrows(ConfigException.class,
                () -> StreamStarts.checkChoices(other, rest.simulation(), rest.sleep(), false));
        assertTrue(b.getMessage().startsWith("simulation.input_only_step: untimed") && b.getMessage().contains("input_e"),
                b.getMessage());
    }
}
