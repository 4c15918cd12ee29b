package io.somnus.examples;

import io.somnus.neuron.Population;
import io.somnus.neuron.SpikeHistory;
import io.somnus.plasticity.ExponentialTraces;
import io.somnus.synapse.Plasticity;
import io.somnus.synapse.Projection;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Objects;

/**
 * A plasticity rule of one's own, written against {@link Plasticity} from outside the simulator: Pfister &amp;
 * Gerstner's (2006) triplet STDP, all-to-all. Each pre neuron keeps two traces r₁ (τ₊) and r₂ (τ_x), each post neuron
 * two, o₁ (τ₋) and o₂ (τ_y); every trace decays exponentially and grows by 1 at its neuron's spike (each an
 * {@link ExponentialTraces}, the simulator's own, which decays it exactly between spikes). Then
 * <pre>
 *   at a pre spike:   w ← w − o₁·(A₂⁻ + A₃⁻·r₂)      (r₂ before this spike),   then r₁, r₂ += 1
 *   at a post spike:  w ← w + r₁·(A₂⁺ + A₃⁺·o₂)      (o₂ before this spike),   then o₁, o₂ += 1
 * </pre>
 * each weight clipped to the projection's bounds. As {@link Plasticity} asks, a step's pre spikes come before its post
 * spikes: a pre and a post spike at one step pair as pre before post, Δt = 0. A₃⁻ = 0 is the minimal model without
 * r₂. The changes are in the projection's weight unit (additive).
 *
 * <p>What the network calls: {@link #attach} once, when the projection takes the rule (size the traces);
 * {@link #apply} at every plastic step, after every population has emitted that step's spikes; {@link #resetState}
 * at the network's {@code resetState()} (steps count from 0 again); {@link #writeState} and {@link #readState} for a
 * configured run's resume snapshots.
 */
public final class PfisterTripletStdp implements Plasticity {
    /**
     * The rule's amplitudes (weight units) and time constants (ms).
     *
     * @param a2Plus    A₂⁺, pair potentiation
     * @param a3Plus    A₃⁺, triplet potentiation (post–pre–post)
     * @param a2Minus   A₂⁻, pair depression
     * @param a3Minus   A₃⁻, triplet depression (pre–post–pre); 0 for the minimal model
     * @param tauPlusMs τ₊, r₁'s time constant
     * @param tauXMs    τ_x, r₂'s
     * @param tauMinusMs τ₋, o₁'s
     * @param tauYMs    τ_y, o₂'s
     */
    public record Parameters(double a2Plus, double a3Plus, double a2Minus, double a3Minus, double tauPlusMs,
                             double tauXMs, double tauMinusMs, double tauYMs) {
        /**
         * The visual-cortex all-to-all fit as NESTML's triplet STDP synapse model lists it in its documentation
         * (Pfister &amp; Gerstner 2006, Sjöström et al.'s 2001 data): A₂⁺ = 7.5·10⁻¹⁰, A₃⁺ = 9.3·10⁻³, A₂⁻ = 7·10⁻³, A₃⁻ = 2.3·10⁻⁴,
         * τ₊ = 16.8 ms, τ_x = 101 ms, τ₋ = 33.7 ms, τ_y = 125 ms.
         */
        public static final Parameters VISUAL_CORTEX = new Parameters(7.5e-10, 9.3e-3, 7e-3, 2.3e-4, 16.8, 101, 33.7,
                125);
    }

    private final Parameters p;
    private final double dtMs;
    private Projection bound;
    /** The pre neurons' traces. */
    private final ExponentialTraces r1;
    private final ExponentialTraces r2;
    /** The post neurons' traces. */
    private final ExponentialTraces o1;
    private final ExponentialTraces o2;
    /** The step of the last {@link #apply}: a smaller one means the network's steps restarted. */
    private int lastStep = Population.NEVER;

    /**
     * The rule for a network stepping {@code dtMs}.
     *
     * @throws IllegalArgumentException for a negative amplitude, or naming the time constant, a τ or dt not finite
     *                                  and &gt; 0
     */
    public PfisterTripletStdp(Parameters p, double dtMs) {
        this.p = Objects.requireNonNull(p, "parameters");
        for (double a : new double[] {p.a2Plus(), p.a3Plus(), p.a2Minus(), p.a3Minus()}) {
            if (!(a >= 0 && Double.isFinite(a))) {
                throw new IllegalArgumentException("triplet STDP: amplitudes must be finite and >= 0, got " + p);
            }
        }
        this.dtMs = dtMs;
        r1 = new ExponentialTraces("triplet STDP", "τ₊", p.tauPlusMs(), dtMs, false);
        r2 = new ExponentialTraces("triplet STDP", "τ_x", p.tauXMs(), dtMs, false);
        o1 = new ExponentialTraces("triplet STDP", "τ₋", p.tauMinusMs(), dtMs, false);
        o2 = new ExponentialTraces("triplet STDP", "τ_y", p.tauYMs(), dtMs, false);
    }

    /** Its parameters. */
    public Parameters parameters() {
        return p;
    }

    @Override
    public String name() {
        return "pfister-triplet";
    }

    @Override
    public double dtMs() {
        return dtMs;
    }

    /** Takes {@code projection}'s sizes for the traces; refuses a second projection (the traces are one's). */
    @Override
    public void attach(Projection projection) {
        if (bound != null && bound != projection) {
            throw new IllegalArgumentException("a triplet STDP rule keeps the traces of one projection (" + bound.name()
                    + "); give projection " + projection.name() + " its own");
        }
        bound = projection;
        r1.resize(projection.pre().size());
        r2.resize(projection.pre().size());
        o1.resize(projection.post().size());
        o2.resize(projection.post().size());
        resetState();
    }

    /** Every trace 0. */
    @Override
    public void resetState() {
        for (ExponentialTraces t : new ExponentialTraces[] {r1, r2, o1, o2}) {
            t.reset();
        }
        lastStep = Population.NEVER;
    }

    @Override
    public void apply(Projection projection, int step) {
        if (projection != bound) {
            throw new IllegalStateException("triplet STDP applied to projection " + projection.name()
                    + ", which it was not given to (Projection.withPlasticity)");
        }
        if (step < lastStep) {
            resetState();
        }
        lastStep = step;
        SpikeHistory pre = projection.preSpikes(); // as they reach the synapses (a delayed projection's arrive late)
        SpikeHistory post = projection.post().spikes();
        if (pre.spikeCount() == 0 && post.spikeCount() == 0) {
            return;
        }
        float[] w = projection.weights(); // live; taking it tells the projection its weights change
        int[] rowStart = projection.rowStart();
        int[] postIndex = projection.postIndex();
        for (int k = 0; k < pre.spikeCount(); k++) { // pre events first
            int i = pre.spiked()[k];
            double r2Before = r2.at(i, step);
            for (int s = rowStart[i]; s < rowStart[i + 1]; s++) {
                int j = postIndex[s]; // o₁ of the post spikes before this step: this step's come next
                w[s] = projection.clamp((float) (w[s] - o1.at(j, step) * (p.a2Minus() + p.a3Minus() * r2Before)));
            }
            r1.add(i, step, 1);
            r2.add(i, step, 1);
        }
        int[] colStart = projection.colStart();
        int[] colSynapse = projection.colSynapse();
        int[] colPre = projection.colPre();
        for (int k = 0; k < post.spikeCount(); k++) {
            int j = post.spiked()[k];
            double o2Before = o2.at(j, step);
            for (int c = colStart[j]; c < colStart[j + 1]; c++) {
                int i = colPre[c]; // r₁ including this step's pre spikes
                int s = colSynapse[c];
                w[s] = projection.clamp((float) (w[s] + r1.at(i, step) * (p.a2Plus() + p.a3Plus() * o2Before)));
            }
            o1.add(j, step, 1);
            o2.add(j, step, 1);
        }
    }

    /**
     * Writes the last step applied and the traces (each with the step of its last spike), for a resume snapshot of a
     * configured run ({@code rule: class}; without it, such a run keeps none).
     */
    @Override
    public void writeState(Projection projection, DataOutput out) throws IOException {
        if (projection != bound) {
            throw new IllegalStateException("triplet STDP of projection " + (bound == null ? "none" : bound.name())
                    + " asked for the state of projection " + projection.name());
        }
        out.writeInt(lastStep);
        for (ExponentialTraces t : new ExponentialTraces[] {r1, r2, o1, o2}) {
            t.write(out);
        }
    }

    /** Reads what {@link #writeState} wrote, into a rule attached to a projection of the same sizes. */
    @Override
    public void readState(Projection projection, DataInput in) throws IOException {
        if (projection != bound) {
            throw new IllegalStateException("triplet STDP of projection " + (bound == null ? "none" : bound.name())
                    + " given the state of projection " + projection.name());
        }
        lastStep = in.readInt();
        r1.read(in, "triplet STDP r₁");
        r2.read(in, "triplet STDP r₂");
        o1.read(in, "triplet STDP o₁");
        o2.read(in, "triplet STDP o₂");
    }

    /** The rule and its parameters. */
    @Override
    public String toString() {
        return name() + " STDP " + p + ", dt " + dtMs + " ms";
    }
}
