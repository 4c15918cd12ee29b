package io.somnus.encoding;

import io.somnus.core.SplittableState;
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
 * {@link Math#log} per gap ({@link GeometricSpikes#emit} per input). Score: µs per image.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", SplittableState.OPENS})
@State(Scope.Thread)
public class EncoderBenchmark {
    private static final int STEPS = 700;
    private static final double DT_MS = 0.5;

    @Param({"poisson", "bernoulli"})
    String kind;

    final SplittableRandom rng = new SplittableRandom(2026);
    final SpikeTrain train = new SpikeTrain();
    float[][] images;
    SpikeEncoder encoder;
    double intensity;
    int next;

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
    }

    @Benchmark
    public int encode() {
        encoder.encode(images[next++ & 63], intensity, STEPS, DT_MS, rng, train);
        return train.totalSpikes();
    }

    @Benchmark
    public int perDraw() {
        float[] image = images[next++ & 63];
        SpikeTrainBuilder b = train.builder();
        b.reset(STEPS);
        boolean poisson = encoder instanceof PoissonEncoder;
        for (int i = 0; i < image.length; i++) {
            double p = poisson ? ((PoissonEncoder) encoder).probabilityPerStep(image[i], intensity, DT_MS)
                    : BernoulliEncoder.probabilityPerStep(image[i], intensity);
            GeometricSpikes.emit(b, i, p, STEPS, rng);
        }
        b.buildInto(train);
        return train.totalSpikes();
    }
}
