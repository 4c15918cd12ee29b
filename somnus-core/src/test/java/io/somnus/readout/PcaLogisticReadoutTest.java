package io.somnus.readout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PcaLogisticReadoutTest {
    @Test
    void separatesThreeGaussianBlobs() {
        Blobs train = Blobs.generate(1, 300, 10, 3, 1.0, 5);
        Blobs test = Blobs.generate(2, 300, 10, 3, 1.0, 5);
        PcaLogisticReadout readout = new PcaLogisticReadout();
        assertEquals("pca-logistic", readout.name());
        PcaLogisticReadout.Fitted fitted = readout.fit(train.x, train.y, 3, 42);
        double accuracy = fitted.accuracy(test.x, test.y);
        assertTrue(accuracy >= 0.95, "accuracy " + accuracy);
        assertTrue(fitted.model().converged());
        assertEquals(fitted.numComponents(), fitted.transform(test.x)[0].length);
    }

    @Test
    void isNearChanceOnShuffledLabels() {
        Blobs.assertChanceOnShuffledLabels(new PcaLogisticReadout());
    }

    @Test
    void transformIsStandardisationThenWhitenedPca() {
        Blobs train = Blobs.generate(3, 90, 6, 3, 1.0, 2);
        PcaLogisticReadout.Fitted fitted = new PcaLogisticReadout(0.9, LogisticRegression.Options.DEFAULT)
                .fit(train.x, train.y, 3, 0);
        Standardizer s = Standardizer.fit(train.x);
        Pca pca = Pca.fit(s.transform(train.x), 0.9, true);
        assertEquals(pca.numComponents(), fitted.numComponents());
        double[][] expected = pca.transform(s.transform(train.x));
        double[][] actual = fitted.transform(train.x);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], 1e-9);
        }
        // whitened: unit sample variance of each kept score on the training set
        for (int c = 0; c < fitted.numComponents(); c++) {
            double ss = 0;
            for (double[] row : actual) {
                ss += row[c] * row[c];
            }
            assertEquals(1.0, ss / (actual.length - 1), 1e-9);
        }
    }

    @Test
    void sameDataGiveIdenticalModels() {
        Blobs train = Blobs.generate(4, 300, 10, 3, 2.0, 3);
        Blobs test = Blobs.generate(5, 100, 10, 3, 2.0, 3);
        PcaLogisticReadout.Fitted a = new PcaLogisticReadout().fit(train.x, train.y, 3, 1);
        PcaLogisticReadout.Fitted b = new PcaLogisticReadout().fit(train.x, train.y, 3, 2);
        assertArrayEquals(a.predict(test.x), b.predict(test.x));
        double[][] ta = a.transform(test.x);
        double[][] tb = b.transform(test.x);
        for (int i = 0; i < ta.length; i++) {
            assertArrayEquals(ta[i], tb[i], 0.0);
        }
        double[][] wa = a.model().weights();
        double[][] wb = b.model().weights();
        for (int k = 0; k < wa.length; k++) {
            assertArrayEquals(wa[k], wb[k], 0.0);
        }
    }

    @Test
    void allSilentNeuronsGiveTheMajorityClass() {
        double[][] x = new double[5][3];
        int[] y = {1, 1, 0, 1, 2};
        PcaLogisticReadout.Fitted f = new PcaLogisticReadout().fit(x, y, 3, 0);
        assertEquals(0, f.numComponents());
        assertArrayEquals(new int[] {1, 1}, f.predict(new double[][] {{0, 0, 0}, {5, 1, 2}}));
    }
}
