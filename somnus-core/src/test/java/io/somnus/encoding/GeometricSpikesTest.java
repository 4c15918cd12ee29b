package io.somnus.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.core.DoublesAhead;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GeometricSpikesTest {
    /** Spikes of {@code emit} per source and of {@code emitAll}, as (step, source) pairs in time order. */
    private static void assertSameTrains(SpikeTrainBuilder one, SpikeTrainBuilder all, String what) {
        SpikeTrain a = new SpikeTrain();
        SpikeTrain b = new SpikeTrain();
        one.buildInto(a);
        all.buildInto(b);
        assertEquals(a.totalSpikes(), b.totalSpikes(), what + ": spikes");
        for (int t = 0; t < a.numSteps(); t++) {
            assertEquals(a.start(t), b.start(t), what + ": start of step " + t);
            for (int k = a.start(t); k < a.end(t); k++) {
                assertEquals(a.source(k), b.source(k), what + ": spike " + k);
            }
        }
    }

    /**
     * The block path takes the same draws as one {@code nextDouble()} per gap: the same spikes and the same generator
     * state afterwards, for probabilities from subnormal to 1 (and 0, above 1, NaN), over many blocks of draws.
     */
    @Test
    void emitAllDrawsWhatEmitPerSourceDraws() {
        assertNotNull(DoublesAhead.open(new SplittableRandom(1)), "the builds open java.util: the block path must run");
        SplittableRandom make = new SplittableRandom(3);
        double[] special = {0, -0.5, Double.NaN, 1, 1.5, Double.MIN_VALUE, 1e-300, 1e-9, 0.5, 1 - 0x1p-53, 0.999};
        int[] stepCounts = {0, 1, 7, 350, 700};
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + make.nextInt(800);
            double[] p = new double[n];
            for (int i = 0; i < n; i++) {
                p[i] = switch (make.nextInt(4)) {
                    case 0 -> 0;
                    case 1 -> special[make.nextInt(special.length)];
                    case 2 -> make.nextDouble() * 0.05;
                    default -> make.nextDouble();
                };
            }
            int steps = stepCounts[trial % stepCounts.length];
            long seed = make.nextLong();
            SplittableRandom r1 = new SplittableRandom(seed);
            SplittableRandom r2 = new SplittableRandom(seed);
            SpikeTrainBuilder one = new SpikeTrainBuilder();
            SpikeTrainBuilder all = new SpikeTrainBuilder();
            one.reset(steps);
            all.reset(steps);
            for (int i = 0; i < n; i++) {
                GeometricSpikes.emit(one, i, p[i], steps, r1);
            }
            GeometricSpikes.emitAll(all, p, n, steps, r2);
            assertSameTrains(one, all, "trial " + trial);
            assertEquals(r1.nextLong(), r2.nextLong(), "generator state after trial " + trial);
        }
    }

    /**
     * Where the guess lies on or next to an integer but the exact quotient ln V / ln(1 − p) lies on its other side, the
     * gap is the exact floor, not the guess's: V = (1 − p)ʲ makes quotients within an ulp of j, on either side.
     */
    @Test
    void aGuessOnAnIntegerTakesTheExactQuotient() {
        SplittableRandom r = new SplittableRandom(11);
        int below = 0;
        for (int trial = 0; trial < 2000; trial++) {
            double p = 1e-4 + r.nextDouble() * 0.5;
            double logQ = Math.log1p(-p);
            int j = 1 + r.nextInt(20);
            double v = Math.exp(j * logQ);
            double exact = Math.floor(Math.log(v) / logQ);
            assertEquals((int) exact, GeometricSpikes.gap(j, v, logQ, 1000), "p " + p + ", j " + j);
            // guesses a few ulps off the integer, on either side, as the block path's can be
            assertEquals((int) exact, GeometricSpikes.gap(j * (1 + 1e-14), v, logQ, 1000), "p " + p + ", j⁺ " + j);
            assertEquals((int) exact, GeometricSpikes.gap(j * (1 - 1e-14), v, logQ, 1000), "p " + p + ", j⁻ " + j);
            if (exact < j) {
                below++;
            }
        }
        assertTrue(below > 0, "some quotients must fall just below their integer for the test to mean anything");
        // a guess far from an integer is taken as it is, and capped at the steps
        assertEquals(3, GeometricSpikes.gap(3.5, 0.5, -0.1, 1000));
        assertEquals(10, GeometricSpikes.gap(1e12, 0.5, -1e-13, 10));
        assertEquals(0, GeometricSpikes.gap(-0.0, 1.0, -0.1, 10));
    }

    /** The cache of ln(1 − p) returns Math.log1p(−p) bit for bit, for repeated values and values sharing a slot. */
    @Test
    void complementLogsAreMathLog1p() {
        ComplementLogs logs = new ComplementLogs();
        SplittableRandom r = new SplittableRandom(9);
        double[] seen = new double[3000]; // more values than slots: some share one
        for (int i = 0; i < seen.length; i++) {
            seen[i] = i % 3 == 0 ? (1 + r.nextInt(255)) / 255.0 * 0.03 : r.nextDouble();
        }
        for (int pass = 0; pass < 3; pass++) {
            for (double p : seen) {
                assertEquals(Math.log1p(-p), logs.of(p), "p " + p);
            }
        }
        assertEquals(Math.log1p(-Double.MIN_VALUE), logs.of(Double.MIN_VALUE));
    }
}
