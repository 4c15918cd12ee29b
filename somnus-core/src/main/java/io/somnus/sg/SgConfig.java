package io.somnus.sg;

import io.somnus.core.NumberText;
import java.util.Objects;

/**
 * Configuration of a surrogate-gradient SNN and its training. The canonical constructor validates every field;
 * the defaults (those of {@link #paperSg()} and {@link #builder()}) are the paper's SG-SNN (Massey et al. 2026):
 * 225 → 1000 → 10 LIF, β = 0.95, θ = 1, T = 100 steps of 1 ms, pixel values as direct input current, fast-sigmoid
 * surrogate with slope 25, cross-entropy on output spike counts, Adam (lr 10⁻³, β₁ 0.9, β₂ 0.999, ε 10⁻⁸),
 * batch 128 (the last minibatch of an epoch may be smaller), 50 epochs, no sleep (when sleeping: after each epoch
 * with probability f).
 *
 * @param inputs         input units (default 225 = 15×15 images); must equal the images' pixel count
 * @param hidden         LIF neurons per hidden layer (default 1000)
 * @param depth          number of hidden layers (default 1)
 * @param outputs        output units = classes (default 10)
 * @param recurrent      whether each hidden layer has all-to-all recurrent weights {@code w_h_h} (default false)
 * @param beta           membrane decay per step β in [0, 1] (default 0.95, i.e. τ_m ≈ 19.5 ms at dt = 1 ms)
 * @param threshold      firing threshold θ > 0, also the amount subtracted at reset (default 1)
 * @param steps          time steps T per image (default 100)
 * @param dtMs           the step in ms, used by Poisson input and by the sleep traces (default 1 ms)
 * @param encoding       input encoding (default {@link SgInputEncoding#DIRECT})
 * @param poissonRateHz  rate of a pixel of value 1 for {@link SgInputEncoding#POISSON} (default 100 Hz)
 * @param surrogate      surrogate derivative (default {@link SgSurrogate#FAST_SIGMOID})
 * @param surrogateSlope its slope k (default 25; snnTorch uses α = 2 for arctan)
 * @param loss           readout of the output layer (default {@link SgLoss#SPIKE_COUNT})
 * @param detachReset    whether the reset term {@code −θ·S[t−1]} is excluded from the gradient, as in snnTorch
 *                       (default true)
 * @param learningRate   Adam learning rate (default 10⁻³)
 * @param adamBeta1      Adam β₁ (default 0.9)
 * @param adamBeta2      Adam β₂ (default 0.999)
 * @param adamEpsilon    Adam ε (default 10⁻⁸)
 * @param batchSize      minibatch size (default 128)
 * @param dropLast       whether an epoch leaves out its last minibatch when it is smaller than {@code batchSize}
 *                       (PyTorch's {@code drop_last}; default false: it trains on the smaller one)
 * @param epochs         passes over the training set (default 50)
 * @param sleepRatio     the sleep ratio f in [0, 1] (default 0: never); what it means is {@code sleepSchedule}'s
 * @param sleepSchedule  when to sleep (default {@link SgSleepSchedule#PER_EPOCH}: after each epoch with probability
 *                       f; {@link SgSleepSchedule#EVERY_MINIBATCHES}: after every ⌊1/f⌋-th minibatch)
 * @param sleep          the sleep episode's settings (default {@link SgSleepConfig#paper()})
 */
public record SgConfig(int inputs, int hidden, int depth, int outputs, boolean recurrent,
                       double beta, double threshold, int steps, double dtMs,
                       SgInputEncoding encoding, double poissonRateHz,
                       SgSurrogate surrogate, double surrogateSlope, SgLoss loss, boolean detachReset,
                       double learningRate, double adamBeta1, double adamBeta2, double adamEpsilon,
                       int batchSize, boolean dropLast, int epochs, double sleepRatio,
                       SgSleepSchedule sleepSchedule, SgSleepConfig sleep) {

    /** Checks every field, naming the first out of its range ({@link IllegalArgumentException}). */
    public SgConfig {
        requireAtLeast("sg.inputs", inputs, 1);
        requireAtLeast("sg.hidden", hidden, 1);
        requireAtLeast("sg.depth", depth, 1);
        requireAtLeast("sg.outputs", outputs, 2);
        if (!(beta >= 0 && beta <= 1)) {
            throw new IllegalArgumentException("sg.beta must be in [0, 1], got " + NumberText.of(beta));
        }
        requirePositive("sg.threshold", threshold);
        requireAtLeast("sg.steps", steps, 1);
        requirePositive("sg.dt_ms", dtMs);
        Objects.requireNonNull(encoding, "sg.encoding must be one of DIRECT, BERNOULLI, POISSON");
        SgSleepConfig.requireNonNegative("sg.poisson_rate_hz", poissonRateHz);
        Objects.requireNonNull(surrogate, "sg.surrogate must be one of FAST_SIGMOID, ARCTAN, SIGMOID");
        requirePositive("sg.surrogate_slope", surrogateSlope);
        Objects.requireNonNull(loss, "sg.loss must be one of SPIKE_COUNT, MEMBRANE, PER_STEP_SPIKES");
        requirePositive("sg.learning_rate", learningRate);
        if (!(adamBeta1 >= 0 && adamBeta1 < 1)) {
            throw new IllegalArgumentException("sg.adam_beta1 must be in [0, 1), got " + NumberText.of(adamBeta1));
        }
        if (!(adamBeta2 >= 0 && adamBeta2 < 1)) {
            throw new IllegalArgumentException("sg.adam_beta2 must be in [0, 1), got " + NumberText.of(adamBeta2));
        }
        requirePositive("sg.adam_epsilon", adamEpsilon);
        requireAtLeast("sg.batch_size", batchSize, 1);
        requireAtLeast("sg.epochs", epochs, 0);
        if (!(sleepRatio >= 0 && sleepRatio <= 1)) {
            throw new IllegalArgumentException("sg.sleep_ratio must be in [0, 1], got " + NumberText.of(sleepRatio));
        }
        Objects.requireNonNull(sleepSchedule, "sg.sleep_schedule must be one of PER_EPOCH, EVERY_MINIBATCHES");
        Objects.requireNonNull(sleep, "sg.sleep must be given");
        long largest = (long) steps * batchSize * Math.max(inputs, Math.max(hidden, outputs));
        if (largest > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("sg.steps × sg.batch_size × the widest layer must fit a Java array ("
                    + Integer.MAX_VALUE + "), got " + largest + "; lower sg.batch_size or sg.steps");
        }
        long sleepState = (long) sleep.batchCopies() * Math.max(hidden, outputs);
        if (sleepState > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("sg.sleep.batch_copies × the widest layer must fit a Java array ("
                    + Integer.MAX_VALUE + "), got " + sleepState + "; lower sg.sleep.batch_copies");
        }
    }

    /**
     * The paper's SG-SNN: 225 → 1000 → 10, β 0.95, θ 1, T 100, direct current input, fast sigmoid 25, spike-count
     * cross-entropy, Adam 10⁻³, batch 128, 50 epochs, sleep ratio 0 (set it to sleep).
     */
    public static SgConfig paperSg() {
        return builder().build();
    }

    /**
     * The images an epoch of {@code images} training images trains: all, or with {@link #dropLast()} whole minibatches
     * only.
     *
     * @param images the training images an epoch goes through
     */
    public int trainedPerEpoch(int images) {
        return dropLast ? images - images % batchSize : images;
    }

    /** A builder holding the defaults ({@link #paperSg()}). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.inputs = inputs;
        b.hidden = hidden;
        b.depth = depth;
        b.outputs = outputs;
        b.recurrent = recurrent;
        b.beta = beta;
        b.threshold = threshold;
        b.steps = steps;
        b.dtMs = dtMs;
        b.encoding = encoding;
        b.poissonRateHz = poissonRateHz;
        b.surrogate = surrogate;
        b.surrogateSlope = surrogateSlope;
        b.loss = loss;
        b.detachReset = detachReset;
        b.learningRate = learningRate;
        b.adamBeta1 = adamBeta1;
        b.adamBeta2 = adamBeta2;
        b.adamEpsilon = adamEpsilon;
        b.batchSize = batchSize;
        b.dropLast = dropLast;
        b.epochs = epochs;
        b.sleepRatio = sleepRatio;
        b.sleepSchedule = sleepSchedule;
        b.sleep = sleep;
        return b;
    }

    /** Layer widths {@code [inputs, hidden × depth, outputs]}. */
    public int[] layerSizes() {
        int[] s = new int[depth + 2];
        s[0] = inputs;
        for (int i = 1; i <= depth; i++) {
            s[i] = hidden;
        }
        s[depth + 1] = outputs;
        return s;
    }

    private static void requireAtLeast(String field, int v, int min) {
        if (v < min) {
            throw new IllegalArgumentException(field + " must be >= " + min + ", got " + v);
        }
    }

    private static void requirePositive(String field, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(field + " must be a finite number > 0, got " + NumberText.of(v));
        }
    }

    /** Mutable builder; every setter returns {@code this}; {@link #build()} validates. */
    public static final class Builder {
        private int inputs = 225;
        private int hidden = 1000;
        private int depth = 1;
        private int outputs = 10;
        private boolean recurrent = false;
        private double beta = 0.95;
        private double threshold = 1.0;
        private int steps = 100;
        private double dtMs = 1.0;
        private SgInputEncoding encoding = SgInputEncoding.DIRECT;
        private double poissonRateHz = 100.0;
        private SgSurrogate surrogate = SgSurrogate.FAST_SIGMOID;
        private double surrogateSlope = 25.0;
        private SgLoss loss = SgLoss.SPIKE_COUNT;
        private boolean detachReset = true;
        private double learningRate = 1e-3;
        private double adamBeta1 = 0.9;
        private double adamBeta2 = 0.999;
        private double adamEpsilon = 1e-8;
        private int batchSize = 128;
        private boolean dropLast = false;
        private int epochs = 50;
        private double sleepRatio = 0.0;
        private SgSleepSchedule sleepSchedule = SgSleepSchedule.PER_EPOCH;
        private SgSleepConfig sleep = SgSleepConfig.paper();

        private Builder() {}

        /**
         * Sets {@link SgConfig#inputs()}: input units (default 225 = 15×15 images); must equal the images' pixel count.
         */
        public Builder inputs(int v) { inputs = v; return this; }
        /** Sets {@link SgConfig#hidden()}: LIF neurons per hidden layer (default 1000). */
        public Builder hidden(int v) { hidden = v; return this; }
        /** Sets {@link SgConfig#depth()}: number of hidden layers (default 1). */
        public Builder depth(int v) { depth = v; return this; }
        /** Sets {@link SgConfig#outputs()}: output units = classes (default 10). */
        public Builder outputs(int v) { outputs = v; return this; }
        /**
         * Sets {@link SgConfig#recurrent()}: whether each hidden layer has all-to-all recurrent weights {@code w_h_h}
         * (default false).
         */
        public Builder recurrent(boolean v) { recurrent = v; return this; }
        /**
         * Sets {@link SgConfig#beta()}: membrane decay per step β in [0, 1] (default 0.95, i.e. τ_m ≈ 19.5 ms at
         * dt = 1 ms).
         */
        public Builder beta(double v) { beta = v; return this; }
        /**
         * Sets {@link SgConfig#threshold()}: firing threshold θ > 0, also the amount subtracted at reset (default 1).
         */
        public Builder threshold(double v) { threshold = v; return this; }
        /** Sets {@link SgConfig#steps()}: time steps T per image (default 100). */
        public Builder steps(int v) { steps = v; return this; }
        /**
         * Sets {@link SgConfig#dtMs()}: the step in ms, used by Poisson input and by the sleep traces (default 1 ms).
         */
        public Builder dtMs(double v) { dtMs = v; return this; }
        /** Sets {@link SgConfig#encoding()}: input encoding (default {@link SgInputEncoding#DIRECT}). */
        public Builder encoding(SgInputEncoding v) { encoding = v; return this; }
        /**
         * Sets {@link SgConfig#poissonRateHz()}: rate of a pixel of value 1 for {@link SgInputEncoding#POISSON}
         * (default 100 Hz).
         */
        public Builder poissonRateHz(double v) { poissonRateHz = v; return this; }
        /** Sets the surrogate and its slope (to the given value). */
        public Builder surrogate(SgSurrogate v, double slope) { surrogate = v; surrogateSlope = slope; return this; }
        /** Sets the surrogate with snnTorch's default slope for it. */
        public Builder surrogate(SgSurrogate v) { surrogate = v; surrogateSlope = v.defaultSlope(); return this; }
        /** Sets {@link SgConfig#surrogateSlope()}: its slope k (default 25; snnTorch uses α = 2 for arctan). */
        public Builder surrogateSlope(double v) { surrogateSlope = v; return this; }
        /** Sets {@link SgConfig#loss()}: readout of the output layer (default {@link SgLoss#SPIKE_COUNT}). */
        public Builder loss(SgLoss v) { loss = v; return this; }
        /**
         * Sets {@link SgConfig#detachReset()}: whether the reset term {@code −θ·S[t−1]} is excluded from the gradient,
         * as in snnTorch (default true).
         */
        public Builder detachReset(boolean v) { detachReset = v; return this; }
        /** Sets {@link SgConfig#learningRate()}: Adam learning rate (default 10⁻³). */
        public Builder learningRate(double v) { learningRate = v; return this; }
        /** Sets {@link SgConfig#adamBeta1()}: Adam β₁ (default 0.9). */
        public Builder adamBeta1(double v) { adamBeta1 = v; return this; }
        /** Sets {@link SgConfig#adamBeta2()}: Adam β₂ (default 0.999). */
        public Builder adamBeta2(double v) { adamBeta2 = v; return this; }
        /** Sets {@link SgConfig#adamEpsilon()}: Adam ε (default 10⁻⁸). */
        public Builder adamEpsilon(double v) { adamEpsilon = v; return this; }
        /** Sets {@link SgConfig#batchSize()}: minibatch size (default 128). */
        public Builder batchSize(int v) { batchSize = v; return this; }
        /**
         * Sets {@link SgConfig#dropLast()}: whether an epoch leaves out its last minibatch when it is smaller than
         * {@code batchSize} (PyTorch's {@code drop_last}; default false: it trains on the smaller one).
         */
        public Builder dropLast(boolean v) { dropLast = v; return this; }
        /** Sets {@link SgConfig#epochs()}: passes over the training set (default 50). */
        public Builder epochs(int v) { epochs = v; return this; }
        /**
         * Sets {@link SgConfig#sleepRatio()}: the sleep ratio f in [0, 1] (default 0: never); what it means is {@code
         * sleepSchedule}'s.
         */
        public Builder sleepRatio(double v) { sleepRatio = v; return this; }
        /**
         * Sets {@link SgConfig#sleepSchedule()}: when to sleep (default {@link SgSleepSchedule#PER_EPOCH}: after each
         * epoch with probability f; {@link SgSleepSchedule#EVERY_MINIBATCHES}: after every ⌊1/f⌋-th minibatch).
         */
        public Builder sleepSchedule(SgSleepSchedule v) { sleepSchedule = v; return this; }
        /** Sets {@link SgConfig#sleep()}: the sleep episode's settings (default {@link SgSleepConfig#paper()}). */
        public Builder sleep(SgSleepConfig v) { sleep = v; return this; }

        /**
         * The configuration.
         *
         * @throws IllegalArgumentException naming the first field out of its range
         */
        public SgConfig build() {
            return new SgConfig(inputs, hidden, depth, outputs, recurrent, beta, threshold, steps, dtMs, encoding,
                    poissonRateHz, surrogate, surrogateSlope, loss, detachReset, learningRate, adamBeta1, adamBeta2,
                    adamEpsilon, batchSize, dropLast, epochs, sleepRatio, sleepSchedule, sleep);
        }
    }
}
