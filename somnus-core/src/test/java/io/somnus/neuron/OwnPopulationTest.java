package io.somnus.neuron;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.network.Network;
import io.somnus.network.SpikeCounter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** A model of one's own, written as Population's javadoc asks: what a mistake in its update meets. */
class OwnPopulationTest {
    /** Neuron 0 spikes at every step; {@code clears}: whether its update calls clearSpikes() first. */
    private static final class EverySteps extends Population {
        private final boolean clears;

        EverySteps(String name, boolean clears) {
            super(name, 2);
            this.clears = clears;
        }

        @Override
        public void integrate(int step, double dtMs, double noiseStdMv, RandomGenerator rng) {
            if (clears) {
                clearSpikes();
            }
            emit(0, step);
        }

        @Override
        public void resetState() {
            resetSpikeHistory();
        }

        @Override
        public void copyLearnedStateFrom(Population other) {
        }

        @Override
        public Population copy() {
            return new EverySteps(name(), clears);
        }
    }

    private static Network network(Population own) {
        SpikeSource input = new SpikeSource("input", 1);
        return new Network(1.0, input, List.of(input, own), List.of(), Map.of());
    }

    /** An update that emits without clearing the last step's spikes is stopped at its second step, by name. */
    @Test
    void anUpdateThatDoesNotClearTheLastStepsSpikesIsRefusedByName() {
        Network net = network(new EverySteps("own", false));
        SplittableRandom rng = new SplittableRandom(1);
        net.step(0, false, 0, rng);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> net.step(1, false, 0, rng));
        assertTrue(e.getMessage().contains("population own") && e.getMessage().contains("clearSpikes()"),
                e.getMessage());
    }

    /** One that clears first records one spike per step. */
    @Test
    void anUpdateThatClearsFirstRecordsEachStepsSpikesOnce() {
        EverySteps own = new EverySteps("own", true);
        Network net = network(own);
        SpikeCounter counter = net.count(own);
        SplittableRandom rng = new SplittableRandom(1);
        for (int t = 0; t < 3; t++) {
            net.step(t, false, 0, rng);
        }
        assertArrayEquals(new int[] {3, 0}, counter.counts());
        assertArrayEquals(new int[] {0}, Arrays.copyOf(own.spiked(), own.spikeCount()));
    }
}
