package io.somnus.readout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.metrics.Diversity;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Spike counts kept sparse read back as the counts, and every readout fits on them what it fits on dense rows. */
class SpikeCountsTest {
    /** {@code n} images × {@code d} neurons, each neuron tuned to one of 4 classes; a few rows silent. */
    private static int[][] counts(int n, int d, int[] labels, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[][] c = new int[n][d];
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(4);
            if (i % 17 == 5) {
                continue; // an image no neuron answered
            }
            for (int j = 0; j < d; j++) {
                c[i][j] = r.nextDouble() < (j % 4 == labels[i] ? 0.4 : 0.05) ? 1 + r.nextInt(40) : 0;
            }
        }
        return c;
    }

    private static SpikeCounts sparse(int[][] c, int d) {
        SpikeCounts s = new SpikeCounts(c.length, d);
        for (int i = c.length - 1; i >= 0; i--) { // any order, as the evaluation threads set them
            s.set(i, c[i]);
        }
        return s;
    }

    private static double[][] dense(int[][] c) {
        double[][] x = new double[c.length][];
        for (int i = 0; i < c.length; i++) {
            x[i] = new double[c[i].length];
            for (int j = 0; j < c[i].length; j++) {
                x[i][j] = c[i][j];
            }
        }
        return x;
    }

    @Test
    void readsBackEveryCount() {
        int[] labels = new int[60];
        int[][] c = counts(60, 23, labels, 1);
        SpikeCounts s = sparse(c, 23);
        assertEquals(60, s.rows());
        assertEquals(23, s.columns());
        long total = 0;
        double[] row = new double[3 + 23];
        for (int i = 0; i < c.length; i++) {
            Arrays.fill(row, 7.0); // copyRow writes every column, zeros included
            s.copyRow(i, row, 3);
            for (int j = 0; j < 23; j++) {
                assertEquals(c[i][j], s.count(i, j), "count " + i + "," + j);
                assertEquals(c[i][j], row[3 + j], 0.0, "row " + i + "," + j);
                total += c[i][j];
            }
            assertEquals(7.0, row[2], 0.0, "nothing before the offset");
        }
        assertEquals(total, s.total());
        double[][] d = dense(c);
        double[][] back = s.toDense();
        for (int i = 0; i < c.length; i++) {
            assertArrayEquals(d[i], back[i], 0.0);
        }
        // the rows set hold 2 ints per neuron that fired; a dense double row would take 8 bytes per neuron
        long fired = 0;
        for (int[] r : c) {
            for (int x : r) {
                fired += x != 0 ? 1 : 0;
            }
        }
        assertTrue(s.bytes() < 16 + 8L * 60 + 16L * 60 + 8 * fired, "bytes " + s.bytes());
        assertTrue(s.bytes() >= 8 * fired, "bytes " + s.bytes());
    }

    @Test
    void aRowNeverSetIsSilent() {
        SpikeCounts s = new SpikeCounts(2, 3);
        s.set(1, new int[] {0, 4, 0});
        double[] row = {1, 1, 1};
        s.copyRow(0, row, 0);
        assertArrayEquals(new double[] {0, 0, 0}, row, 0.0);
        assertEquals(4, s.count(1, 1));
        assertEquals(0, s.count(1, 2));
        assertEquals(4, s.total());
    }

    @Test
    void badRowsAreRefusedByName() {
        SpikeCounts s = new SpikeCounts(2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.set(1, new int[] {1, 2}));
        assertTrue(e.getMessage().contains("row 1 has 2 counts for 3 neurons"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.set(0, new int[] {0, -1, 0}));
        assertTrue(e.getMessage().contains("neuron 1 has count -1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new LinearReadout().fit(new SpikeCounts(0, 3), new int[0], 2, 1));
        assertTrue(e.getMessage().contains("features has no rows"), e.getMessage());
    }

    /**
     * Predictions and scores go through blocks of {@link Features#BLOCK_ROWS} rows: on more rows than two blocks (the
     * last one partial) they are bit for bit those of the whole matrix at once, computed by the fitted parts' own
     * whole-matrix methods.
     */
    @Test
    void blocksOfRowsGiveWhatTheWholeMatrixGives() {
        int n = 2 * Features.BLOCK_ROWS + 37;
        int[] labels = new int[n];
        double[][] x = dense(counts(n, 12, labels, 4));
        LinearReadout.Fitted linear = new LinearReadout().fit(x, labels, 4, 1);
        assertArrayEquals(linear.model().predict(linear.standardizer().transform(x)), linear.predict(x));
        PcaLogisticReadout.Fitted pca = new PcaLogisticReadout().fit(x, labels, 4, 1);
        double[][] whole = pca.pca().transform(pca.standardizer().transform(x));
        double[][] blocked = pca.transform(x);
        for (int i = 0; i < n; i++) {
            assertArrayEquals(whole[i], blocked[i], 0.0, "scores of row " + i);
        }
        assertArrayEquals(pca.model().predict(whole), pca.predict(x));
    }

    @Test
    void everyReadoutFitsOnSparseCountsWhatItFitsOnDenseRows() {
        int[] labels = new int[150];
        int[][] c = counts(150, 40, labels, 2);
        int[] testLabels = new int[50];
        int[][] t = counts(50, 40, testLabels, 3);
        SpikeCounts x = sparse(c, 40);
        double[][] xd = dense(c);
        SpikeCounts test = sparse(t, 40);
        double[][] testd = dense(t);

        LabelVoteReadout.Fitted vs = new LabelVoteReadout().fit(x, labels, 4, 1);
        LabelVoteReadout.Fitted vd = new LabelVoteReadout().fit(xd, labels, 4, 1);
        assertArrayEquals(vd.assignments(), vs.assignments());
        assertArrayEquals(vd.predict(testd), vs.predict(test));
        assertEquals(vd.accuracy(testd, testLabels), vs.accuracy(test, testLabels), 0.0);

        LinearReadout.Fitted ls = new LinearReadout().fit(x, labels, 4, 1);
        LinearReadout.Fitted ld = new LinearReadout().fit(xd, labels, 4, 1);
        for (int k = 0; k < 4; k++) {
            assertArrayEquals(ld.model().weights()[k], ls.model().weights()[k], 0.0, "class " + k);
        }
        assertArrayEquals(ld.predict(testd), ls.predict(test));

        PcaLogisticReadout.Fitted ps = new PcaLogisticReadout().fit(x, labels, 4, 1);
        PcaLogisticReadout.Fitted pd = new PcaLogisticReadout().fit(xd, labels, 4, 1);
        assertTrue(pd.numComponents() > 1);
        assertEquals(pd.model().objective(), ps.model().objective(), 0.0);
        double[][] zs = ps.transform(test);
        double[][] zd = pd.transform(testd);
        for (int i = 0; i < zd.length; i++) {
            assertArrayEquals(zd[i], zs[i], 0.0, "scores of test image " + i);
        }
        assertArrayEquals(pd.predict(testd), ps.predict(test));

        float[] rf = new float[7 * 40];
        for (int k = 0; k < rf.length; k++) {
            rf[k] = (k * 31 % 11) / 10f;
        }
        assertEquals(Diversity.of(testd, testLabels, 4, rf, 7), Diversity.of(test, testLabels, 4, rf, 7));
    }
}
