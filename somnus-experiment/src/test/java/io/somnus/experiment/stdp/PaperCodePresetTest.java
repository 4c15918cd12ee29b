package io.somnus.experiment.stdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.data.ResizeFilter;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.Configs;
import io.somnus.experiment.config.DataSampling;
import io.somnus.experiment.config.PhiDefinition;
import io.somnus.experiment.config.StdpRunConfig;
import io.somnus.experiment.config.StreamStart;
import io.somnus.experiment.config.WakeClock;
import io.somnus.experiment.run.StandardResolver;
import io.somnus.kernel.Kernels;
import io.somnus.network.Network;
import io.somnus.neuron.CurrentLifPopulation;
import io.somnus.neuron.CurrentLifScheme;
import io.somnus.neuron.SpikeSource;
import io.somnus.plasticity.SinceLastSpikeStdp;
import io.somnus.sleep.RatioOfWake;
import io.somnus.sleep.SleepSettings;
import io.somnus.synapse.Projection;
import io.somnus.synapse.Receptor;
import io.somnus.synapse.SynapseList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The paper-code preset wires each choice of docs/fidelity.md to what the authors' code ran. */
class PaperCodePresetTest {
    private static StdpRunConfig resolve(Map<String, Object> settings) {
        return (StdpRunConfig) Configs.bind(new StandardResolver().resolve(settings));
    }

    @Test
    void everyChoiceIsTheOneThatRan() {
        StdpRunConfig c = resolve(Map.of("preset", "paper-code"));
        assertEquals(1000, c.simulation().stepsPerImage());
        assertEquals(300, c.simulation().resetEveryImages());
        assertTrue(c.readout().fromTraining(), "the readout of the training stream");
        assertEquals(ResizeFilter.ANTIALIASED, c.dataset().resizeFilter(), "torchvision's Resize on PIL images");
        assertEquals(DataSampling.POOLED, c.dataset().sampling(), "train+test pooled and shuffled");
        assertEquals(List.of(PhiDefinition.SOMNUS, PhiDefinition.AUTHORS), c.readout().phi());
        assertEquals(2.0, c.simulation().wakeNoiseStdMv(), "σ = 2 mV awake (train.py:192-195)");
        assertEquals(StreamStart.CARRIED_V_ZERO, c.simulation().streamStart());
        assertEquals(WakeClock.PER_STREAM, c.sleep().wakeClock());
        Network net = NetworkFactory.build(c, 225, new SplittableRandom(3), Kernels.scalar());
        for (String pop : new String[] {"e", "i"}) {
            CurrentLifPopulation lif = (CurrentLifPopulation) net.population(pop);
            assertEquals(new CurrentLifScheme(true, true), lif.scheme(), "forward Euler, V > clip(θ_prev, −90, 0)");
        }
        for (Projection p : net.projections()) {
            assertInstanceOf(SinceLastSpikeStdp.class, p.plasticity(), p.name());
            boolean exc = p.receptor() == Receptor.EXCITATORY;
            assertEquals(exc ? 0.01f : -25f, p.wMin(), p.name());
            assertEquals(exc ? 25f : -0.01f, p.wMax(), p.name());
        }
        RatioOfWake schedule = assertInstanceOf(RatioOfWake.class, SleepSettingsFactory.schedule(c.sleep()));
        assertEquals(7000, schedule.episodeSteps(), "round(35 000 · 0.2)");
        SleepSettings s = SleepSettingsFactory.create(c.sleep(), 1.0);
        assertEquals(SleepSettings.EarlyEnd.RECEPTOR_GROUPS, s.earlyEnd());
        assertTrue(s.keepState());
        assertEquals(0.01, s.targetMagnitude());
        assertEquals(0.001, s.earlyEndTolerance());
        // ratio 1.0 is allowed here and capped at 10 000 steps
        StdpRunConfig full = resolve(Map.of("preset", "paper-code", "sleep.fraction", 1.0));
        assertEquals(10_000, ((RatioOfWake) SleepSettingsFactory.schedule(full.sleep())).episodeSteps());
    }

    @Test
    void thePaperPresetKeepsTheDescribedModel() {
        StdpRunConfig c = resolve(Map.of("preset", "paper"));
        assertEquals(1, c.simulation().resetEveryImages());
        assertEquals(0.0, c.simulation().wakeNoiseStdMv());
        assertEquals(StreamStart.REST, c.simulation().streamStart());
        assertEquals(WakeClock.CONTINUOUS, c.sleep().wakeClock());
        Network net = NetworkFactory.build(c, 225, new SplittableRandom(3), Kernels.scalar());
        assertEquals(CurrentLifScheme.SOMNUS, ((CurrentLifPopulation) net.population("e")).scheme());
        assertThrows(ConfigException.class, () -> NetworkFactory.build(resolve(Map.of("preset", "diehl-cook",
                "simulation.spike_test", "above_previous_clipped")), 225, new SplittableRandom(3), Kernels.scalar()),
                "the authors' spike test is the current LIF's");
        assertFalse(c.sleep().ratioOfWake());
        assertFalse(c.readout().fromTraining());
        assertEquals(ResizeFilter.BILINEAR, c.dataset().resizeFilter());
        assertEquals(DataSampling.FIRST, c.dataset().sampling());
        assertEquals(List.of(PhiDefinition.SOMNUS), c.readout().phi());
        ConfigException noPhi = assertThrows(ConfigException.class, () -> new StdpRunner(Kernels.scalar())
                .validate(resolve(Map.of("preset", "paper", "readout.phi", List.of()))));
        assertTrue(noPhi.getMessage().contains("readout.phi"), noPhi.getMessage());
        SleepSettings s = SleepSettingsFactory.create(c.sleep(), 1.0);
        assertEquals(SleepSettings.EarlyEnd.PER_PROJECTION, s.earlyEnd());
        assertFalse(s.keepState());
        assertThrows(ConfigException.class, () -> resolve(Map.of("preset", "paper", "sleep.fraction", 1.0)),
                "a fraction of 1 would be sleep only");
    }

    /** No I_i → E_j synapse survives where E_j → I_i exists, and every other one does. */
    @Test
    void inhibitionIsRemovedWhereTheReciprocalExcitationExists() {
        StdpRunConfig c = resolve(Map.of("preset", "paper-code"));
        Network net = NetworkFactory.build(c, 225, new SplittableRandom(11), Kernels.scalar());
        Projection ei = net.projection("e_i");
        Projection ie = net.projection("i_e");
        Set<Long> eToI = new HashSet<>();
        for (int s = 0; s < ei.synapseCount(); s++) {
            eToI.add((long) ei.preIndex()[s] * 1000 + ei.postIndex()[s]);
        }
        for (int s = 0; s < ie.synapseCount(); s++) {
            assertFalse(eToI.contains((long) ie.postIndex()[s] * 1000 + ie.preIndex()[s]), "reciprocal pair kept");
        }
        // expected p = 0.25 · (1 − 0.20) = 0.20 of the 50 · 200 pairs, ± 5 σ
        double n = 50 * 200;
        double mean = n * 0.2;
        assertEquals(mean, ie.synapseCount(), 5 * Math.sqrt(n * 0.2 * 0.8));
    }

    @Test
    void withoutReciprocalKeepsOrderAndDropsOnlyReversePairs() {
        SpikeSource a = new SpikeSource("a", 3);
        SpikeSource b = new SpikeSource("b", 2);
        SynapseList back = new SynapseList(2);
        back.add(1, 0); // b1 → a0
        back.add(0, 2); // b0 → a2
        Projection reverse = new Projection("ba", b, a, Receptor.EXCITATORY, back, new float[] {1, 1}, 0, 1);
        SynapseList forward = new SynapseList(4);
        forward.add(0, 1); // a0 → b1: reverse exists, dropped
        forward.add(0, 0); // a0 → b0: kept
        forward.add(2, 0); // a2 → b0: reverse exists, dropped
        forward.add(2, 1); // a2 → b1: kept
        SynapseList kept = NetworkFactory.withoutReciprocal(forward, reverse);
        assertEquals(2, kept.size());
        assertEquals(0, kept.pre(0));
        assertEquals(0, kept.post(0));
        assertEquals(2, kept.pre(1));
        assertEquals(1, kept.post(1));
    }
}
