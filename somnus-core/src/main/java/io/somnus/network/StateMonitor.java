package io.somnus.network;

import io.somnus.neuron.Population;
import java.util.Arrays;
import java.util.function.IntToDoubleFunction;

/**
 * A monitor recording one state variable of chosen neurons of a population after every step (Brian2's StateMonitor,
 * PyNN's {@code record('v')}); attached by {@link Network#state}. Steps count the network steps since it was attached,
 * wake and sleep, as a {@link SpikeRaster}'s do. It reads the state without marking it as changed, so recording leaves
 * the simulation's work and numbers as they were.
 */
public final class StateMonitor {
    private final Population population;
    private final String variable;
    private final int[] neurons;
    private final IntToDoubleFunction reader;
    /** Step-major: the value of neuron {@code neurons[k]} after step t is {@code values[t·neurons.length + k]}. */
    private double[] values;
    private int steps;

    StateMonitor(Population population, String variable, int[] neurons) {
        this.reader = population.stateReader(variable);
        for (int n : neurons) {
            if (n < 0 || n >= population.size()) {
                throw new IllegalArgumentException("population " + population.name() + " has neurons 0.."
                        + (population.size() - 1) + ", not " + n);
            }
        }
        this.population = population;
        this.variable = variable;
        this.neurons = neurons.clone();
        this.values = new double[Math.max(1, neurons.length) * 256];
    }

    /** The population whose state this monitor records. */
    public Population population() {
        return population;
    }

    /**
     * The recorded state variable's name, one of the population's {@link Population#stateVariables()} (e.g. {@code v}).
     */
    public String variable() {
        return variable;
    }

    /** The recorded neurons, in the order of {@link #trace}'s index. */
    public int[] neurons() {
        return neurons.clone();
    }

    /** Steps recorded so far. */
    public int stepsRecorded() {
        return steps;
    }

    /** Appends the variable's value of each recorded neuron after this step. */
    void record() {
        int n = neurons.length;
        long needed = (long) (steps + 1) * n;
        if (needed > values.length) {
            if (needed > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("the state monitor of " + population.name() + "." + variable + " holds "
                        + steps + " steps × " + n + " neurons, as many values as one array can: record fewer neurons, "
                        + "or detach it (Network.detach) before a long run");
            }
            values = Arrays.copyOf(values, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(2L * values.length, needed)));
        }
        for (int k = 0; k < n; k++) {
            values[steps * n + k] = reader.applyAsDouble(neurons[k]);
        }
        steps++;
    }

    /**
     * The variable of the {@code k}-th recorded neuron (in the order given, not its index in the population) after
     * each step, in step order (a copy), in the variable's unit (e.g. mV for {@code v}).
     *
     * @throws IndexOutOfBoundsException for a {@code k} outside the recorded neurons
     */
    public double[] trace(int k) {
        if (k < 0 || k >= neurons.length) {
            throw new IndexOutOfBoundsException("recorded neuron " + k + " of " + neurons.length);
        }
        double[] out = new double[steps];
        for (int t = 0; t < steps; t++) {
            out[t] = values[t * neurons.length + k];
        }
        return out;
    }

    /** The variable, its neurons and the steps recorded, e.g. {@code StateMonitor[e.v, 3 neurons, 100 steps]}. */
    @Override
    public String toString() {
        return "StateMonitor[" + population.name() + "." + variable + ", " + neurons.length
                + (neurons.length == 1 ? " neuron, " : " neurons, ") + steps + " steps]";
    }
}
