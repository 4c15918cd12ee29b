package io.somnus.bench;

import io.somnus.core.GaussianDraws;
import io.somnus.core.SplittableState;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The SIMD neuron update of 100 diehl-cook neurons (as {@link NeuronUpdateBenchmark#conductanceLifStep}) compiled
 * after class-check traps in the Vector API's shared code, under the JVM's default trap limit and under the
 * launcher's (docs/performance-rounds.md, twenty-third round). C2 adds up the traps that the profile of every method it
 * inlines has recorded, once per inlined copy; {@code VectorOperators.opCode} is inlined into the neuron update about
 * fifty times, so that four traps there once (JIT warm-up code meeting a second kind of operator) pass the default
 * {@code -XX:PerMethodTrapLimit=100}. C2 then compiles every class check of the update without a trap, and the
 * vectors' boxes are allocated: 2.3–2.7× slower here on Java 17 (Java 25 is not affected). With
 * {@code trapHistory} the setup causes those traps before the update is first compiled. Score: ns per step.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class TrapHistoryBenchmark {
    /** The launcher's options that compile the neuron update on its own (each method below adds a trap limit). */
    private static final String UPDATE_ALONE =
            "-XX:CompileCommand=dontinline,io.somnus.kernel.VectorKernels::conductanceLif";
    private static final String THETA_ALONE =
            "-XX:CompileCommand=dontinline,io.somnus.kernel.VectorKernels::decayTheta";
    private static final NeuronUpdateBenchmark UPDATE = new NeuronUpdateBenchmark();

    /** Whether the setup leaves class-check traps in {@code VectorOperators.opCode}'s profile first. */
    @Param({"true", "false"})
    boolean trapHistory;

    NeuronUpdateBenchmark.Conductance neurons;

    /**
     * Leaves the operator-class traps in the JIT's history where {@code trapHistory} asks, then builds 100 conductance
     * neurons at drive 1.2 (JMH's setup, public for JMH's generated code, not to be called).
     */
    @Setup(Level.Trial)
    public void setUp() throws InterruptedException {
        if (trapHistory) {
            leaveOpCodeTraps();
        }
        neurons = new NeuronUpdateBenchmark.Conductance();
        neurons.kernels = "vector";
        neurons.size = 100;
        neurons.drive = 1.2f;
        neurons.setUp();
    }

    /**
     * Compiles {@link #apply} for one kind of binary operator (multiplication is associative), then calls it with
     * another (subtraction): each call traps at the operator's class check that C2 inlined from
     * {@code VectorOperators.opCode}, and the trap is recorded in that method's profile.
     */
    private static void leaveOpCodeTraps() throws InterruptedException {
        FloatVector v = FloatVector.broadcast(FloatVector.SPECIES_PREFERRED, 1f);
        for (int i = 0; i < 100_000; i++) {
            apply(v, VectorOperators.MUL);
        }
        Thread.sleep(500); // C2 compiles apply in the background
        for (int i = 0; i < 20; i++) {
            apply(v, VectorOperators.SUB);
        }
    }

    /** Never inlined: the operator is a parameter here, checked against the class its profile has seen. */
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    private static float apply(FloatVector v, VectorOperators.Binary op) {
        return v.lanewise(op, v).lane(0);
    }

    /** The JVM's default trap limit. */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector",
        "--add-opens", GaussianDraws.OPENS, "--add-opens", SplittableState.OPENS,
        UPDATE_ALONE, THETA_ALONE,
        "-XX:PerMethodTrapLimit=100"})
    public int defaultLimit() {
        return UPDATE.conductanceLifStep(neurons);
    }

    /** The launcher's trap limit. */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector",
        "--add-opens", GaussianDraws.OPENS, "--add-opens", SplittableState.OPENS,
        UPDATE_ALONE, THETA_ALONE,
        "-XX:PerMethodTrapLimit=10000"})
    public int launcherLimit() {
        return UPDATE.conductanceLifStep(neurons);
    }
}
