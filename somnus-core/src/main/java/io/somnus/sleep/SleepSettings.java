package io.somnus.sleep;

import io.somnus.core.NumberText;
import java.util.List;
import java.util.Objects;

/**
 * What happens during a sleep episode (Massey et al. 2026): input silenced (or a low spontaneous rate), Gaussian
 * membrane noise on every neuron, the network's own plasticity running, and homeostatic decay of the
 * chosen projections' weights.
 *
 * @param noiseStdMv          membrane noise σ added each step (mV); paper 2
 * @param inputRateHz         spontaneous rate of the silenced inputs (Hz); paper 0
 * @param plasticity          whether the network's plasticity keeps running during sleep; paper true
 * @param law                 the decay law
 * @param target              what the weights decay toward
 * @param targetMagnitude     |w_tgt| for {@link DecayTarget#CONSTANT} (paper 0.2; the sign follows each weight)
 * @param projections         names of the projections that decay; empty = every plastic projection
 * @param decayEverySteps     the law is applied every K steps with K steps' worth of decay at once
 *                            (λ^K, exp(−K·dt/τ)); exact when no plasticity event falls inside the K steps,
 *                            otherwise a relative error of order K·(1 − λ) per event. 1 = every step
 * @param earlyEndTolerance   end the episode once every decaying projection's Σ|w| is within this
 *                            relative tolerance of its set point (paper 0.001); 0 = never end early
 * @param traceEverySteps     record weight traces every this many sleep steps
 * @param earlyEnd            what the early end compares with the set points
 * @param keepState           true: an episode continues the network's stream (no reset before or after, the
 *                            authors' code); false: it starts and ends at rest
 * @param dropLastWakeInput   with {@code keepState}: the input spikes of the last wake step are taken back before the
 *                            episode's first step, neither delivered nor visited by plasticity (the authors' code,
 *                            {@code spikes_prev[:st] = 0}, {@code src/train.py:508 @40b7d33}); false: the first sleep
 *                            step delivers them, as any step delivers the last step's spikes
 * @param deliverAfterDecay   true: a step's spikes reach their targets with the weights after that step's decay
 *                            (the authors' loop delivers them at the next update, after {@code sleep_func}:
 *                            {@code src/train.py:611-632, 654-666 @40b7d33}); false: with the weights before it, as
 *                            every step delivers within itself
 */
public record SleepSettings(double noiseStdMv, double inputRateHz, boolean plasticity, WeightDecayLaw law,
                            DecayTarget target, double targetMagnitude, List<String> projections,
                            int decayEverySteps, double earlyEndTolerance, int traceEverySteps, EarlyEnd earlyEnd,
                            boolean keepState, boolean dropLastWakeInput, boolean deliverAfterDecay) {
    /** What the early end of an episode tests. */
    public enum EarlyEnd {
        /** After each decay: every decaying projection's Σ|w| within the tolerance of its own set point. */
        PER_PROJECTION,
        /**
         * Before each step (the first included): Σ|w| of the excitatory-receptor decaying projections together, and
         * that of the inhibitory ones, each within the tolerance of the sum of their set points (the authors' code:
         * input, E→E and E→I as one group, I→E as the other; {@code src/train.py:443-468 @40b7d33}).
         */
        RECEPTOR_GROUPS
    }

    /** Per-projection early end, reset around each episode (the described model). */
    public SleepSettings(double noiseStdMv, double inputRateHz, boolean plasticity, WeightDecayLaw law,
                         DecayTarget target, double targetMagnitude, List<String> projections,
                         int decayEverySteps, double earlyEndTolerance, int traceEverySteps) {
        this(noiseStdMv, inputRateHz, plasticity, law, target, targetMagnitude, projections, decayEverySteps,
                earlyEndTolerance, traceEverySteps, EarlyEnd.PER_PROJECTION, false);
    }

    /** The last wake step's input delivered in the first sleep step. */
    public SleepSettings(double noiseStdMv, double inputRateHz, boolean plasticity, WeightDecayLaw law,
                         DecayTarget target, double targetMagnitude, List<String> projections,
                         int decayEverySteps, double earlyEndTolerance, int traceEverySteps, EarlyEnd earlyEnd,
                         boolean keepState) {
        this(noiseStdMv, inputRateHz, plasticity, law, target, targetMagnitude, projections, decayEverySteps,
                earlyEndTolerance, traceEverySteps, earlyEnd, keepState, false, false);
    }

    /**
     * Checks the settings, naming the configuration field ({@code sleep.*}): a null law, target, early-end rule or
     * projection list is a {@link NullPointerException}; a noise, input rate, target magnitude or tolerance that is
     * negative or not finite, and a decay or trace interval below 1 step, an {@link IllegalArgumentException}.
     */
    public SleepSettings {
        Objects.requireNonNull(earlyEnd, "earlyEnd");
        Objects.requireNonNull(law, "law: the weight decay law (LogSpaceDecay, LinearDecay)");
        Objects.requireNonNull(target, "target: what the weights decay toward (DecayTarget)");
        Objects.requireNonNull(projections,
                "projections: the projections that decay (empty for every plastic one)");
        if (!(noiseStdMv >= 0 && Double.isFinite(noiseStdMv))) {
            throw new IllegalArgumentException("sleep.noise_std_mv must be >= 0 and finite, got " + NumberText.of(noiseStdMv));
        }
        if (!(inputRateHz >= 0 && Double.isFinite(inputRateHz))) {
            throw new IllegalArgumentException("sleep.input_rate_hz must be >= 0 and finite, got " + NumberText.of(inputRateHz));
        }
        // a NaN turned every decaying weight NaN; 0 is a target too (the linear law decays toward 0, the log-space law
        // then leaves the weights as they are)
        if (!(targetMagnitude >= 0 && Double.isFinite(targetMagnitude))) {
            throw new IllegalArgumentException("sleep.target_magnitude must be >= 0 and finite (|w_tgt|; each weight "
                    + "keeps its sign), got " + NumberText.of(targetMagnitude));
        }
        if (decayEverySteps < 1) {
            throw new IllegalArgumentException("sleep.decay_every_steps must be >= 1, got " + decayEverySteps);
        }
        if (!(earlyEndTolerance >= 0 && Double.isFinite(earlyEndTolerance))) {
            throw new IllegalArgumentException("sleep.early_end_tolerance must be >= 0 and finite, got "
                    + NumberText.of(earlyEndTolerance));
        }
        if (traceEverySteps < 1) {
            throw new IllegalArgumentException("sleep.trace_every_steps must be >= 1, got " + traceEverySteps);
        }
        projections = List.copyOf(projections);
    }

    /**
     * Settings by name rather than position: the law and its target are required, the rest default to no noise, no
     * input, plasticity on, every plastic projection, the law every step, no early end, traces every 1 000 steps, the
     * per-projection early end and an episode from rest. E.g. the paper's:
     * {@code SleepSettings.builder(new LogSpaceDecay(0.99997, 0), DecayTarget.CONSTANT, 0.2).noiseStdMv(2)
     * .earlyEndTolerance(0.001).build()}.
     */
    public static Builder builder(WeightDecayLaw law, DecayTarget target, double targetMagnitude) {
        return new Builder(law, target, targetMagnitude);
    }

    /** See {@link #builder}; each setter names its record component. */
    public static final class Builder {
        private final WeightDecayLaw law;
        private final DecayTarget target;
        private final double targetMagnitude;
        private double noiseStdMv;
        private double inputRateHz;
        private boolean plasticity = true;
        private List<String> projections = List.of();
        private int decayEverySteps = 1;
        private double earlyEndTolerance;
        private int traceEverySteps = 1000;
        private EarlyEnd earlyEnd = EarlyEnd.PER_PROJECTION;
        private boolean keepState;
        private boolean dropLastWakeInput;
        private boolean deliverAfterDecay;

        private Builder(WeightDecayLaw law, DecayTarget target, double targetMagnitude) {
            this.law = law;
            this.target = target;
            this.targetMagnitude = targetMagnitude;
        }

        /** Membrane noise σ per step (mV; default 0, the paper 2). */
        public Builder noiseStdMv(double v) {
            noiseStdMv = v;
            return this;
        }

        /** Spontaneous rate of the silenced inputs (Hz; default 0). */
        public Builder inputRateHz(double v) {
            inputRateHz = v;
            return this;
        }

        /** Whether the network's plasticity runs during sleep (default true). */
        public Builder plasticity(boolean v) {
            plasticity = v;
            return this;
        }

        /** Names of the projections that decay (default empty: every plastic projection). */
        public Builder projections(List<String> v) {
            projections = v;
            return this;
        }

        /** Apply the law every K steps with K steps' decay at once (default 1: every step). */
        public Builder decayEverySteps(int v) {
            decayEverySteps = v;
            return this;
        }

        /**
         * Relative tolerance of Σ|w| to the set points that ends an episode (default 0: never early; the paper 0.001).
         */
        public Builder earlyEndTolerance(double v) {
            earlyEndTolerance = v;
            return this;
        }

        /** Record weight traces every this many sleep steps (default 1 000). */
        public Builder traceEverySteps(int v) {
            traceEverySteps = v;
            return this;
        }

        /** What the early end compares (default {@link EarlyEnd#PER_PROJECTION}). */
        public Builder earlyEnd(EarlyEnd v) {
            earlyEnd = v;
            return this;
        }

        /** true: an episode continues the network's stream, the authors' code (default false: from rest, to rest). */
        public Builder keepState(boolean v) {
            keepState = v;
            return this;
        }

        /** With keepState: the last wake step's input spikes taken back (default false). */
        public Builder dropLastWakeInput(boolean v) {
            dropLastWakeInput = v;
            return this;
        }

        /** true: a step's spikes are delivered with the weights after its decay (default false). */
        public Builder deliverAfterDecay(boolean v) {
            deliverAfterDecay = v;
            return this;
        }

        /** @throws IllegalArgumentException as the record's constructor does, naming the setting */
        public SleepSettings build() {
            return new SleepSettings(noiseStdMv, inputRateHz, plasticity, law, target, targetMagnitude, projections,
                    decayEverySteps, earlyEndTolerance, traceEverySteps, earlyEnd, keepState, dropLastWakeInput,
                    deliverAfterDecay);
        }
    }
}
