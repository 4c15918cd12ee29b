package io.somnus.bench;

import io.somnus.core.GaussianDraws;
import io.somnus.core.SplittableState;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The settings the simulator's benchmarks share, which JMH reads from a superclass: ns per operation, 3 warm-up and 5
 * measured iterations of a second, and one fork with what the launcher gives every run (the Vector API's module, and
 * the opens that {@link GaussianDraws} and {@link SplittableState} need for the same noise on every JDK). A subclass
 * overrides any of them with its own annotation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector",
        "--add-opens", GaussianDraws.OPENS, "--add-opens", SplittableState.OPENS})
public abstract class SomnusBenchmark {
}
