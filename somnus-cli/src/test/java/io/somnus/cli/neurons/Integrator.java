package io.somnus.cli.neurons;

import io.somnus.neuron.Population;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * A neuron of one's own for {@code ClassNeuronTrainTest}: v (mV) adds its synaptic input each step (excitatory minus
 * inhibitory, a weight's unit taken as mV) and the neuron spikes, back to 0, at {@code thresholdMv}. Counts its spikes
 * and its constructions by the configuration; keeps no resume snapshot.
 */
public final class Integrator extends Population {
    /** @param thresholdMv the spike threshold (mV), &gt; 0 */
    public record Params(double thresholdMv) { }

    /** The spikes every instance emitted, and the last parameters given. */
    public static final AtomicLong SPIKES = new AtomicLong();
    public static volatile Params last;

    private final Params params;
    private final double[] v;

    /** Constructions by the configuration (the public constructor; a copy for evaluation does not count). */
    public static final AtomicInteger BUILT = new AtomicInteger();

    public Integrator(String name, int size, Params params) {
        this(name, size, params, true);
        if (!(params.thresholdMv() > 0)) {
            throw new IllegalArgumentException("threshold_mv must be > 0, got " + params.thresholdMv());
        }
        last = params;
        BUILT.incrementAndGet();
    }

    private Integrator(String name, int size, Params params, boolean unused) {
        super(name, size);
        this.params = params;
        this.v = new double[size];
    }

    @Override
    public void integrate(int step, double dtMs, double noiseStdMv, RandomGenerator rng) {
        clearSpikes();
        for (int i = 0; i < size; i++) {
            v[i] = Math.max(0, v[i] + excitatoryInput[i] - inhibitoryInput[i]);
            excitatoryInput[i] = 0f;
            inhibitoryInput[i] = 0f;
            if (v[i] >= params.thresholdMv()) {
                v[i] = 0;
                emit(i, step);
                SPIKES.incrementAndGet();
            }
        }
    }

    @Override
    public void resetState() {
        Arrays.fill(v, 0);
        resetSpikeHistory();
    }

    @Override
    public void copyLearnedStateFrom(Population other) {
    }

    @Override
    public Population copy() {
        return new Integrator(name(), size, params, false);
    }
}
