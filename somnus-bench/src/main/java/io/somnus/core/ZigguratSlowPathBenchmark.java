package io.somnus.core;

import io.somnus.bench.SomnusBenchmark;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The slow path of the normal draws ({@link ModifiedZiggurat#normalSlow}, JDK 17's arithmetic): a draw whose first long
 * falls outside the 253 layers that lie wholly under the density, 3 in 256 draws (1.17 %). Each call takes the next of
 * 4 096 such longs drawn beforehand and its further longs from a generator, as {@link GaussianDraws} does. Score: ns
 * per slow draw; times 3/256, what the slow path adds to the average draw of {@code GaussianDrawsBenchmark}. In this
 * package to reach the package's own slow path.
 */
public class ZigguratSlowPathBenchmark extends SomnusBenchmark {
    /**
     * 4 096 first longs that take the slow path, and the generator of further longs; JMH's state, public for JMH's
     * generated code, not to be called.
     */
    @State(Scope.Thread)
    public static class SlowLongs {
        final long[] u = new long[4096];
        final SplittableRandom further = new SplittableRandom(7);
        int next;

        /**
         * Draws the slow-path longs (JMH's setup, public for JMH's generated code, not to be called).
         *
         * @throws IllegalStateException if the ziggurat's tables are unavailable (the message says why)
         */
        @Setup
        public void setUp() {
            if (ModifiedZiggurat.TABLES == null) {
                throw new IllegalStateException(ModifiedZiggurat.UNAVAILABLE);
            }
            SplittableRandom r = new SplittableRandom(2026);
            for (int n = 0; n < u.length; ) {
                long x = r.nextLong();
                if (((int) x & 0xFF) >= ModifiedZiggurat.TABLES.normalLayers()) {
                    u[n++] = x;
                }
            }
        }
    }

    /** One slow-path normal draw from the next prepared long (returns the draw, for JMH to consume). */
    @Benchmark
    public double slowDraw(SlowLongs s) {
        long u = s.u[s.next++ & (s.u.length - 1)];
        return ModifiedZiggurat.normalSlow(ModifiedZiggurat.TABLES, u, s.further);
    }
}
