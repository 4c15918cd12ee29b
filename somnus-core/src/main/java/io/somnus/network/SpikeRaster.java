package io.somnus.network;

import io.somnus.neuron.Population;
import java.util.Arrays;

/**
 * A monitor recording every spike of one population as (step, neuron) (Brian2's SpikeMonitor). Steps count the
 * network steps since the raster was attached — wake and sleep, across resets — so a raster reads as one stream.
 * Attached by {@link Network#raster}.
 */
public final class SpikeRaster {
    private final Population population;
    private int[] steps = new int[1024];
    private int[] neurons = new int[1024];
    private int size;
    private int step;

    SpikeRaster(Population population) {
        this.population = population;
    }

    /** The population whose spikes this raster records. */
    public Population population() {
        return population;
    }

    /** Adds the spikes the population emitted this step, then advances the raster's step. */
    public void record() {
        int[] s = population.spiked();
        int n = population.spikeCount();
        if (size + n > steps.length) {
            int cap = Math.max(steps.length * 2, size + n);
            steps = Arrays.copyOf(steps, cap);
            neurons = Arrays.copyOf(neurons, cap);
        }
        for (int k = 0; k < n; k++) {
            steps[size] = step;
            neurons[size++] = s[k];
        }
        step++;
    }

    /** Steps recorded so far. */
    public int stepsRecorded() {
        return step;
    }

    /** The step of each spike, in order. */
    public int[] spikeSteps() {
        return Arrays.copyOf(steps, size);
    }

    /** The neuron of each spike, in the order of {@link #spikeSteps()}. */
    public int[] spikeNeurons() {
        return Arrays.copyOf(neurons, size);
    }

    /** The population recorded, its spikes and the steps recorded, e.g. {@code SpikeRaster[e, 52 spikes in 1000 steps]}. */
    @Override
    public String toString() {
        return "SpikeRaster[" + population.name() + ", " + size + " spikes in " + step + " steps]";
    }
}
