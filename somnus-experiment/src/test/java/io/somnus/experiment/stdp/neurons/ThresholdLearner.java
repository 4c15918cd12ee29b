package io.somnus.experiment.stdp.neurons;

import io.somnus.neuron.Population;
import java.util.Arrays;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A neuron of one's own with an adaptive threshold it learns, for {@code ClassNeuronsTest}: as {@link Pacemaker}, neuron
 * i's v (mV) grows by {@code driveMvPerMs} × (i + 1) × dt each step plus its input, and it spikes, back to 0, once v
 * reaches {@code thresholdMv} + θ_i; each spike raises θ_i by {@code thetaPlusMv} unless learning is frozen
 * ({@link #freezeLearning}). θ never decays, so that what it learned is known by hand: θ₊ per spike.
 */
public final class ThresholdLearner extends TestNeuron {
    /**
     * @param driveMvPerMs the first neuron's drive (mV/ms); neuron i gets i + 1 times it
     * @param thresholdMv  the spike threshold before adaptation (mV), &gt; 0
     * @param thetaPlusMv  θ's increase per spike (mV)
     */
    public record Params(double driveMvPerMs, double thresholdMv, double thetaPlusMv) { }

    /** The last one built (an evaluation's copy, once the network has been copied): what a test reads back. */
    public static volatile ThresholdLearner last;

    private final Params params;
    private final double[] v;
    /** The learned threshold increase θ (mV), per neuron. */
    private final double[] theta;
    private boolean frozen;

    /** @throws IllegalArgumentException naming {@code threshold_mv} when it is not above 0 */
    public ThresholdLearner(String name, int size, Params params) {
        super(name, size);
        positiveThreshold(params.thresholdMv());
        this.params = params;
        this.v = new double[size];
        this.theta = new double[size];
        last = this;
    }

    @Override
    public void integrate(int step, double dtMs, double noiseStdMv, RandomGenerator rng) {
        drive(step, dtMs, v, params.driveMvPerMs(), i -> params.thresholdMv() + theta[i], i -> {
            if (!frozen) {
                theta[i] += params.thetaPlusMv();
            }
        });
    }

    @Override
    public void freezeLearning(boolean frozen) {
        this.frozen = frozen;
    }

    @Override
    public void resetState() {
        Arrays.fill(v, 0);
        super.resetState();
    }

    @Override
    public Map<String, double[]> learnedState() {
        return Map.of("theta_mv", theta);
    }

    @Override
    public boolean hasAdaptiveThreshold() {
        return true;
    }

    @Override
    public void copyLearnedStateFrom(Population other) {
        System.arraycopy(((ThresholdLearner) other).theta, 0, theta, 0, size);
    }

    @Override
    public Population copy() {
        ThresholdLearner c = new ThresholdLearner(name(), size, params);
        c.copyLearnedStateFrom(this);
        return c;
    }
}
