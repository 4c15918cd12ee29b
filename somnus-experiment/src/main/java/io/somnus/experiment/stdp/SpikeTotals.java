package io.somnus.experiment.stdp;

import io.somnus.core.StateStreams;
import io.somnus.metrics.FiringRates;
import io.somnus.network.SpikeCounter;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Spikes and neuron-steps per population accumulated over a phase (wake or sleep), and the mean firing rates and
 * spikes per image they give, per population in the order first seen.
 */
final class SpikeTotals {
    /** Per population: {spikes, neuron-steps}. */
    private final Map<String, long[]> totals = new LinkedHashMap<>();

    /** Adds what each counter holds now, counted over {@code steps} steps. */
    void add(List<SpikeCounter> counters, long steps) {
        for (SpikeCounter c : counters) {
            add(c.population().name(), c.total(), (long) c.population().size() * steps);
        }
    }

    void add(String population, long spikes, long neuronSteps) {
        long[] acc = totals.computeIfAbsent(population, k -> new long[2]);
        acc[0] += spikes;
        acc[1] += neuronSteps;
    }

    /** Mean rate per neuron in Hz of each population (0 for one that has not run a step). */
    Map<String, Double> ratesHz(double dtMs) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : totals.entrySet()) {
            long neuronSteps = e.getValue()[1];
            // one neuron over all neuron-steps: the mean over neurons
            out.put(e.getKey(), neuronSteps == 0 ? 0.0 : FiringRates.rateHz(e.getValue()[0], neuronSteps, dtMs));
        }
        return out;
    }

    /**
     * Spikes of each population per image over {@code images} images (every presentation of an image counted: Diehl
     * &amp; Cook's re-presentations too); 0 when no image was shown. How busy the network was, which a rate per
     * neuron hides: what an event-driven simulator's speed depends on.
     */
    Map<String, Double> perImage(long images) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : totals.entrySet()) {
            out.put(e.getKey(), images == 0 ? 0.0 : (double) e.getValue()[0] / images);
        }
        return out;
    }

    /** Writes the totals in their order (which rates_*_hz keeps), for a resume snapshot. */
    void writeState(DataOutput out) throws IOException {
        out.writeInt(totals.size());
        for (Map.Entry<String, long[]> e : totals.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeLong(e.getValue()[0]);
            out.writeLong(e.getValue()[1]);
        }
    }

    void readState(DataInput in) throws IOException {
        totals.clear();
        for (int i = 0, n = StateStreams.count(in); i < n; i++) {
            totals.put(in.readUTF(), new long[] {in.readLong(), in.readLong()});
        }
    }
}
