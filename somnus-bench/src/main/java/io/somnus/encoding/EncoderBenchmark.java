package io.somnus.encoding;

import io.somnus.core.DoublesAhead;
import io.somnus.core.SplittableState;
import io.somnus.kernel.Kernels;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One image's input spikes, as the presets encode them: {@code poisson} (diehl-cook: 63.75 Hz at pixel 1, 700 steps of
 * 0.5 ms, ≈ 4 400 spikes) and {@code bernoulli} (paper, paper-code: p = pixel · 0.1 per step, ≈ 13 000 spikes), on
 * 64 synthetic 28 × 28 images of 8-bit pixels, half of them 0. {@code encode} is the encoder (draws taken ahead in
 * blocks, {@link GeometricSpikes#emitAll}); {@code perDraw} the same spikes with one {@code nextDouble()} and one
 * {@link Math#log} per gap ({@link GeometricSpikes#emit} per input). Parts of {@code encode}: {@code drawsAndLogs},
 * the uniform draws of one Poisson image (19 blocks of 256) and their logarithms ({@link Kernels#unitLogs});
 * {@code sortByStep}, the sort of one image's spikes by step ({@link SpikeTrain}). Score: µs per image.
 * <p>
 * The fork runs the launcher's kernels (the Vector API module, and {@code unitLogs} compiled on its own, as
 * {@code ./somnus} does). {@code -jvmArgsAppend "--add-opens java.base/java.util=ALL-UNNAMED -Dsomnus.kernels=scalar"}
 * times the scalar logarithms (JMH's {@code -jvmArgsAppend} replaces these options, and the draws need the opens).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", SplittableState.OPENS, "--add-modules", "jdk.incubator.vector",
        "-XX:PerMethodTrapLimit=10000", "-XX:CompileCommand=quiet",
        "-XX:CompileCommand=dontinline,io.somnus.kernel.VectorKernels::unitLogs"})
@State(Scope.Thread)
public class EncoderBenchmark {
    private static final int STEPS = 700;
    private static final double DT_MS = 0.5;
    /** Blocks of draws of one Poisson image (≈ 4 860 draws: a spike each, and one more per input that fires). */
    private static final int BLOCKS = 19;
    private static final int BLOCK = 256;

    @Param({"poisson", "bernoulli"})
    String kind;

    final SplittableRandom rng = new SplittableRandom(2026);
    final SpikeTrain train = new SpikeTrain();
    float[][] images;
    SpikeEncoder encoder;
    double intensity;
    int next;
    final double[] draws = new double[BLOCK];
    final double[] logs = new double[BLOCK];
    /** One image's spikes in the encoder's order (by input), for {@code sortByStep}. */
    int[] spikeSteps;
    int[] spikeSources;

    /**
     * Draws the 64 images, picks the encoder and encodes the first image for {@code sortByStep} (JMH's setup, public
     * for JMH's generated code, not to be called).
     */
    @Setup
    public void setUp() {
        SplittableRandom r = new SplittableRandom(1);
        images = new float[64][784];
        for (float[] image : images) {
            for (int i = 0; i < image.length; i++) {
                image[i] = r.nextBoolean() ? 0f : (1 + r.nextInt(255)) / 255f;
            }
        }
        boolean poisson = kind.equals("poisson");
        encoder = poisson ? new PoissonEncoder(PoissonEncoder.DIEHL_COOK_MAX_RATE_HZ) : new BernoulliEncoder();
        intensity = poisson ? 1.0 : 0.1;
        SpikeTrainBuilder b = new SpikeTrainBuilder();
        b.reset(STEPS);
        for (int i = 0; i < images[0].length; i++) {
            GeometricSpikes.emit(b, i, probability(images[0][i]), STEPS, new SplittableRandom(i));
        }
        spikeSteps = Arrays.copyOf(b.stepArray(), b.size());
        spikeSources = Arrays.copyOf(b.sourceArray(), b.size());
    }

    private double probability(float pixel) {
        return encoder instanceof PoissonEncoder poisson ? poisson.probabilityPerStep(pixel, intensity, DT_MS)
                : BernoulliEncoder.probabilityPerStep(pixel, intensity);
    }

    /** The uniform draws of one Poisson image, 19 blocks of 256, and their logarithms (returns a sum JMH consumes). */
    @Benchmark
    public double drawsAndLogs() {
        DoublesAhead ahead = DoublesAhead.open(rng);
        Kernels kernels = Kernels.preferred();
        double sum = 0;
        for (int b = 0; b < BLOCKS; b++) {
            ahead.fillComplements(draws, BLOCK);
            kernels.unitLogs(draws, logs, BLOCK);
            sum += logs[b];
        }
        ahead.close((long) BLOCKS * BLOCK);
        return sum;
    }

    /** Sorts one image's spikes by step (returns the spikes, for JMH to consume). */
    @Benchmark
    public int sortByStep() {
        train.fillByStep(STEPS, spikeSteps.length, spikeSteps, spikeSources);
        return train.totalSpikes();
    }

    /** Encodes the next image as the preset's encoder does (returns its spikes, for JMH to consume). */
    @Benchmark
    public int encode() {
        encoder.encode(images[next++ & 63], intensity, STEPS, DT_MS, rng, train);
        return train.totalSpikes();
    }

    /** The same spikes with one draw and one logarithm per gap (returns its spikes, for JMH to consume). */
    @Benchmark
    public int perDraw() {
        float[] image = images[next++ & 63];
        SpikeTrainBuilder b = train.builder();
        b.reset(STEPS);
        for (int i = 0; i < image.length; i++) {
            GeometricSpikes.emit(b, i, probability(image[i]), STEPS, rng);
        }
        b.buildInto(train);
        return train.totalSpikes();
    }
}
