package io.somnus.readout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LinearReadoutTest {
    @Test
    void separatesThreeGaussianBlobsAndIsDeterministic() {
        Blobs train = Blobs.generate(1, 300, 10, 3, 1.0, 5);
        Blobs test = Blobs.generate(2, 300, 10, 3, 1.0, 5);
        LinearReadout readout = new LinearReadout();
        assertEquals("linear", readout.name());
        LinearReadout.Fitted a = readout.fit(train.x, train.y, 3, 1);
        assertTrue(a.accuracy(test.x, test.y) >= 0.95, "accuracy " + a.accuracy(test.x, test.y));
        LinearReadout.Fitted b = readout.fit(train.x, train.y, 3, 2);
        assertArrayEquals(a.predict(test.x), b.predict(test.x));
        assertArrayEquals(a.model().intercepts(), b.model().intercepts(), 0.0);
    }

    @Test
    void isNearChanceOnShuffledLabels() {
        Blobs.assertChanceOnShuffledLabels(new LinearReadout());
    }

    @Test
    void predictRejectsWrongWidth() {
        Blobs train = Blobs.generate(1, 30, 4, 3, 1.0, 0);
        LinearReadout.Fitted f = new LinearReadout().fit(train.x, train.y, 3, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> f.predict(new double[][] {{1, 2, 3}}));
        assertTrue(e.getMessage().contains("3 columns"), e.getMessage());
    }
}
