package io.somnus.neuron;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Current-based LIF neurons with threshold adaptation. Per neuron, with synaptic current I and threshold
 * increase a:
 * <pre>
 *   τ_m dV/dt = −(V − V_rest) + R·I          (+ Gaussian noise σ per step during sleep)
 *   τ_syn dI/dt = −I,    I += gain·w on each presynaptic spike (gain 1 as in the paper's code; 1/τ_syn
 *                        gives a unit-area kernel)
 *   τ_a da/dt = −a,      a += adaptation on each spike
 *   spike when V ≥ V_th + a;  then V ← V_reset;  V clipped to [V_min, V_max]
 * </pre>
 * V is advanced by the exponential-Euler step, exact for I constant over the step:
 * {@code V ← V∞ + (V − V∞)·exp(−dt/τ_m)}, {@code V∞ = V_rest + R·I}; I and a decay exactly. A spike
 * delivered at step t is added to I before the update of step t+1; a neuron that spiked at step s is
 * refractory (V frozen, no spike) until step s + max(1, refractory/dt).
 * Excitatory and inhibitory input both add into I (weights carry their sign).
 */
public final class CurrentLifPopulation extends Population {
    private final CurrentLifParameters p;
    private final float[] v;
    private final float[] current;
    private final float[] adaptation;
    private final int[] refractoryUntil;

    public CurrentLifPopulation(String name, int size, CurrentLifParameters p) {
        super(name, size);
        this.p = p;
        this.v = new float[size];
        this.current = new float[size];
        this.adaptation = new float[size];
        this.refractoryUntil = new int[size];
        resetState();
    }

    public CurrentLifParameters parameters() {
        return p;
    }

    /** Membrane potentials (mV); live view. */
    public float[] membrane() {
        return v;
    }

    /** Synaptic currents; live view. */
    public float[] current() {
        return current;
    }

    /** Threshold increases (mV); live view. */
    public float[] adaptation() {
        return adaptation;
    }

    @Override
    public void integrate(int step, double dtMs, double noiseStdMv, RandomGenerator rng) {
        clearSpikes();
        final float decayV = (float) Math.exp(-dtMs / p.tauMembraneMs());
        final float decayI = (float) Math.exp(-dtMs / p.tauSynapseMs());
        final float decayA = (float) Math.exp(-dtMs / p.tauAdaptationMs());
        final float gain = (float) p.synapticGain();
        final float rest = (float) p.vRestMv();
        final float r = (float) p.resistance();
        final float threshold = (float) p.vThresholdMv();
        final float reset = (float) p.vResetMv();
        final float vMin = (float) p.vMinMv();
        final float vMax = (float) p.vMaxMv();
        final float adapt = (float) p.adaptationMv();
        final int refractorySteps = (int) Math.round(p.refractoryMs() / dtMs);
        final float[] exc = excitatoryInput;
        final float[] inh = inhibitoryInput;
        for (int i = 0; i < size; i++) {
            float vi = v[i];
            // input that arrived at the previous step acts from this step on (as Brian2's synapses slot)
            float ii = current[i] + (exc[i] + inh[i]) * gain;
            exc[i] = 0f;
            inh[i] = 0f;
            if (step >= refractoryUntil[i]) {
                float vInf = rest + r * ii;
                vi = vInf + (vi - vInf) * decayV;
                if (noiseStdMv > 0) {
                    vi += (float) (noiseStdMv * rng.nextGaussian());
                }
            }
            ii *= decayI;
            float ai = adaptation[i] * decayA;
            if (vi < vMin) {
                vi = vMin;
            } else if (vi > vMax) {
                vi = vMax;
            }
            if (vi >= threshold + ai && step >= refractoryUntil[i]) {
                vi = reset;
                ai += adapt;
                refractoryUntil[i] = step + Math.max(1, refractorySteps);
                emit(i, step);
            }
            v[i] = vi;
            current[i] = ii;
            adaptation[i] = ai;
        }
    }

    @Override
    public void resetState() {
        Arrays.fill(v, (float) p.vRestMv());
        Arrays.fill(current, 0f);
        Arrays.fill(adaptation, 0f);
        Arrays.fill(refractoryUntil, 0);
        resetSpikeHistory();
    }

    @Override
    public void copyLearnedStateFrom(Population other) {
        // threshold adaptation is transient (τ = 100 ms) and is reset between presentations
    }

    @Override
    public Population copy() {
        return new CurrentLifPopulation(name(), size, p);
    }
}
