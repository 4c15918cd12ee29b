package io.somnus.bench;

import io.somnus.core.GaussianDraws;
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
 * Standard normal draws into a float array, as the SG-SNN's sleep takes them (one step of 16 or 128 copies of 1 000
 * neurons): {@code bulk} is {@link GaussianDraws#fill}, {@code jdk} the JDK's own {@code nextGaussian()}. Score: ns per
 * array (divide by {@code size} for ns per draw). The fork opens {@link SplittableState#OPENS}, so {@code bulk} keeps
 * the generator's state in a local variable; {@code -jvmArgsAppend "--add-opens java.base/jdk.internal.util.random=ALL-UNNAMED"}
 * (this open only) measures the same draws with the generator's {@code nextLong()} called per draw.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", GaussianDraws.OPENS, "--add-opens", SplittableState.OPENS})
@State(Scope.Thread)
public class GaussianDrawsBenchmark {
    @Param({"16000", "128000"})
    int size;

    final SplittableRandom rng = new SplittableRandom(2026);
    float[] out;

    /** Allocates the {@code size} draws' array (JMH's setup, public for JMH's generated code, not to be called). */
    @Setup
    public void setUp() {
        out = new float[size];
    }

    /** {@code size} standard normal draws by {@link GaussianDraws#fill} (returns the last, for JMH to consume). */
    @Benchmark
    public float bulk() {
        GaussianDraws.fill(rng, out, 0, size);
        return out[size - 1];
    }

    /** {@code size} standard normal draws by the JDK's {@code nextGaussian}, one at a time (returns the last). */
    @Benchmark
    public float jdk() {
        for (int i = 0; i < size; i++) {
            out[i] = (float) rng.nextGaussian();
        }
        return out[size - 1];
    }
}
