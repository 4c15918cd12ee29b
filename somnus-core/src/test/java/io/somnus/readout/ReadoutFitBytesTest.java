package io.somnus.readout;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * {@link Readout#fitBytes} is a lower bound of a fit's peak, so it can never exceed what the fit allocates in all
 * (measured by the JVM's per-thread allocation counter), on each path: d × d and n × n (more than
 * {@link DenseProducts#WIDE_ABOVE} features, fewer samples), and it counts at least the standardised copy.
 */
class ReadoutFitBytesTest {
    private static final ThreadMXBean THREADS =
            (ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static void check(Readout r, int n, int d, boolean copiesFeatures) {
        Blobs b = Blobs.generate(3, n, d, 4, 1.0, 0);
        long before = THREADS.getCurrentThreadAllocatedBytes();
        r.fit(b.x, b.y, 4, 1);
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        long bound = r.fitBytes(n, d, 4);
        assertTrue(bound <= allocated, r.name() + " n " + n + " d " + d + ": fitBytes " + bound + " > allocated " + allocated);
        assertTrue(bound >= (copiesFeatures ? 8L * n * d : 8L * 4 * d), r.name() + " n " + n + " d " + d + ": " + bound);
    }

    @Test
    void neverAboveWhatAFitAllocates() {
        for (int[] nd : new int[][] {{300, 40}, {40, DenseProducts.WIDE_ABOVE + 60}}) {
            check(new LinearReadout(new LogisticRegression.Options(1.0, 1e-4, 50)), nd[0], nd[1], true);
            check(new PcaLogisticReadout(0.95, new LogisticRegression.Options(1.0, 1e-4, 50)), nd[0], nd[1], true);
            check(new LabelVoteReadout(), nd[0], nd[1], false);
        }
    }
}
