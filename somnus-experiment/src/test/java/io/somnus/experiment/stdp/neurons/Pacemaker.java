package io.somnus.experiment.stdp.neurons;

import io.somnus.neuron.Population;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import java.util.random.RandomGenerator;

/**
 * A neuron of one's own for {@code ClassNeuronsTest}, loaded by name from a configuration, whose spikes are known by
 * hand: neuron i's v (mV) grows by {@code driveMvPerMs} × (i + 1) × dt each step, plus its synaptic input (excitatory
 * minus inhibitory, mV), and it spikes, back to 0, once v reaches {@code thresholdMv}. Without input, neuron i spikes
 * every ⌈thresholdMv / (driveMvPerMs × (i + 1) × dt)⌉ steps. Keeps no resume snapshot (no writeState).
 */
public final class Pacemaker extends TestNeuron {
    /**
     * @param driveMvPerMs the first neuron's drive (mV/ms); neuron i gets i + 1 times it
     * @param thresholdMv  the spike threshold (mV), &gt; 0
     */
    public record Params(double driveMvPerMs, double thresholdMv) { }

    /** The last one built: what a test reads back. */
    public static volatile Pacemaker last;

    private final Params params;
    private final double[] v;

    /** @throws IllegalArgumentException naming {@code threshold_mv} when it is not above 0 */
    public Pacemaker(String name, int size, Params params) {
        super(name, size);
        positiveThreshold(params.thresholdMv());
        this.params = params;
        this.v = new double[size];
        last = this;
    }

    /** Its parameters as bound. */
    public Params params() {
        return params;
    }

    @Override
    public void integrate(int step, double dtMs, double noiseStdMv, RandomGenerator rng) {
        drive(step, dtMs, v, params.driveMvPerMs(), i -> params.thresholdMv(), i -> { });
    }

    @Override
    public void resetState() {
        Arrays.fill(v, 0);
        super.resetState();
    }

    @Override
    public Population copy() {
        return new Pacemaker(name(), size, params);
    }

    @Override
    public List<String> stateVariables() {
        return List.of("v");
    }

    @Override
    public IntToDoubleFunction stateReader(String variable) {
        return variable.equals("v") ? i -> v[i] : super.stateReader(variable);
    }
}
