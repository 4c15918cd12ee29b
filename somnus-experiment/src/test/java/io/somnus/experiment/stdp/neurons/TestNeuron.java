package io.somnus.experiment.stdp.neurons;

import io.somnus.neuron.Population;
import java.util.Arrays;
import java.util.function.IntConsumer;
import java.util.function.IntToDoubleFunction;
import java.util.random.RandomGenerator;

/**
 * What the neuron classes of one's own in these tests share: silent unless a class steps otherwise (a step consumes
 * the input and no neuron spikes), reset to no spike history, no learned state to copy; and the driven neurons'
 * step ({@link #drive}) with its threshold check.
 */
public abstract class TestNeuron extends Population {
    /** As {@link Population#Population(String, int)}. */
    protected TestNeuron(String name, int size) {
        super(name, size);
    }

    /** Silent: the step's synaptic input is consumed and no neuron spikes. */
    @Override
    public void integrate(int step, double dtMs, double noiseStdMv, RandomGenerator rng) {
        clearSpikes();
        Arrays.fill(excitatoryInput, 0f);
        Arrays.fill(inhibitoryInput, 0f);
    }

    @Override
    public void resetState() {
        resetSpikeHistory();
    }

    @Override
    public void copyLearnedStateFrom(Population other) {
    }

    /**
     * {@code thresholdMv} (mV) where it is above 0.
     *
     * @throws IllegalArgumentException naming {@code threshold_mv}, as a configuration's params say it
     */
    protected static double positiveThreshold(double thresholdMv) {
        if (!(thresholdMv > 0)) {
            throw new IllegalArgumentException("threshold_mv must be > 0, got " + thresholdMv);
        }
        return thresholdMv;
    }

    /**
     * One step of driven neurons: neuron i's {@code v[i]} (mV) grows by {@code driveMvPerMs} × (i + 1) × dt plus its
     * synaptic input (excitatory minus inhibitory, mV), and once it reaches {@code thresholdMv.applyAsDouble(i)} the
     * neuron spikes, back to 0, and {@code spiked} is told of it before the spike is emitted.
     */
    protected final void drive(int step, double dtMs, double[] v, double driveMvPerMs, IntToDoubleFunction thresholdMv,
                               IntConsumer spiked) {
        clearSpikes();
        for (int i = 0; i < size; i++) {
            v[i] += driveMvPerMs * (i + 1) * dtMs + excitatoryInput[i] - inhibitoryInput[i];
            excitatoryInput[i] = 0f;
            inhibitoryInput[i] = 0f;
            if (v[i] >= thresholdMv.applyAsDouble(i)) {
                v[i] = 0;
                spiked.accept(i);
                emit(i, step);
            }
        }
    }
}
