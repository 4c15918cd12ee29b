package io.somnus.experiment.stdp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.experiment.config.ReadoutKind;
import io.somnus.readout.FittedReadout;
import io.somnus.readout.LinearReadout;
import io.somnus.readout.PcaLogisticReadout;
import io.somnus.readout.SpikeCounts;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The readouts fitted side by side are the readouts fitted one after the other, bit for bit. */
class ReadoutFitsTest {
    private static final List<ReadoutKind> ALL = List.of(ReadoutKind.VOTE, ReadoutKind.LINEAR, ReadoutKind.PCA_LOGISTIC);

    /** Spike counts of 120 images by 30 neurons, each neuron tuned to one of 4 classes. */
    private static SpikeCounts counts(int[] labels) {
        SplittableRandom r = new SplittableRandom(8);
        SpikeCounts x = new SpikeCounts(labels.length, 30);
        for (int i = 0; i < labels.length; i++) {
            labels[i] = r.nextInt(4);
            int[] row = new int[30];
            for (int j = 0; j < 30; j++) {
                row[j] = r.nextDouble() < (j % 4 == labels[i] ? 0.5 : 0.1) ? 1 + r.nextInt(3) : 0;
            }
            x.set(i, row);
        }
        return x;
    }

    @Test
    void twoThreadsFitWhatOneFits() {
        int[] labels = new int[120];
        SpikeCounts x = counts(labels);
        AtomicInteger fitted = new AtomicInteger();
        List<FittedReadout> one = ReadoutFits.fit(ALL, 0.95, x, labels, 4, 3, 1, () -> { });
        List<FittedReadout> two = ReadoutFits.fit(ALL, 0.95, x, labels, 4, 3, 2, fitted::incrementAndGet);
        assertEquals(3, fitted.get(), "one report per fit");
        assertEquals(3, two.size());
        for (int r = 0; r < 3; r++) {
            assertEquals(one.get(r).getClass(), two.get(r).getClass(), "in the order asked for");
            assertArrayEquals(one.get(r).predict(x), two.get(r).predict(x), ALL.get(r).toString());
        }
        LinearReadout.Fitted a = (LinearReadout.Fitted) one.get(1);
        LinearReadout.Fitted b = (LinearReadout.Fitted) two.get(1);
        for (int k = 0; k < 4; k++) {
            assertArrayEquals(a.model().weights()[k], b.model().weights()[k], 0.0, "class " + k);
        }
        PcaLogisticReadout.Fitted p = (PcaLogisticReadout.Fitted) one.get(2);
        PcaLogisticReadout.Fitted q = (PcaLogisticReadout.Fitted) two.get(2);
        assertTrue(p.numComponents() > 1);
        assertEquals(p.model().objective(), q.model().objective(), 0.0);
    }

    @Test
    void aFitsOwnErrorReachesTheCaller() {
        int[] labels = new int[120];
        SpikeCounts x = counts(labels);
        labels[7] = 9; // outside the 4 classes
        for (int threads : new int[] {1, 2}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ReadoutFits.fit(ALL, 0.95, x, labels, 4, 3, threads, () -> { }));
            assertTrue(e.getMessage().contains("labels[7] = 9"), e.getMessage());
        }
    }
}
