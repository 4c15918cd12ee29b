package io.somnus.experiment.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one order of a study's variants: the sweep file's, else names and grid values with numbers as numbers. */
class VariantOrderTest {
    private static List<String> sorted(List<String> labels, Comparator<String> order) {
        List<String> out = new ArrayList<>(labels);
        out.sort(order);
        return out;
    }

    /** Grid values as numbers: the order of the doubles they are, not of their text (0.002 < 5.0E-4 as text). */
    @Test
    void gridValuesCompareAsNumbers() {
        double[] etas = {0.002, 5.0E-4, 1.0E-5, 0.01, 3.0};
        List<String> labels = new ArrayList<>();
        for (double eta : etas) {
            labels.add("eta=" + eta);
        }
        List<String> byValue = new ArrayList<>(labels);
        byValue.sort(Comparator.comparingDouble(l -> Double.parseDouble(l.substring("eta=".length()))));
        assertEquals(List.of("eta=1.0E-5", "eta=5.0E-4", "eta=0.002", "eta=0.01", "eta=3.0"), byValue);
        assertEquals(byValue, sorted(labels, VariantOrder.NUMERIC));
    }

    /** A named variant first by its name, then its grid point; several keys in turn; words after numbers. */
    @Test
    void namesThenGridPointsPartByPart() {
        List<String> labels = List.of("delays,eta=0.002", "delays,eta=5.0E-4", "base,eta=0.002", "a=10,b=x", "a=9,b=y",
                "a=9,b=2", "a=word", "", "a=9");
        assertEquals(List.of("", "a=9", "a=9,b=2", "a=9,b=y", "a=10,b=x", "a=word", "base,eta=0.002", "delays,eta=5.0E-4",
                "delays,eta=0.002"), sorted(labels, VariantOrder.NUMERIC));
    }

    /** Equal only for the same text (a TreeMap keeps 2 and 2.0 apart), and the same either way round. */
    @Test
    void consistentWithEquals() {
        assertTrue(VariantOrder.NUMERIC.compare("x=2", "x=2.0") != 0);
        assertEquals(Integer.signum(VariantOrder.NUMERIC.compare("x=2", "x=2.0")),
                -Integer.signum(VariantOrder.NUMERIC.compare("x=2.0", "x=2")));
        assertEquals(0, VariantOrder.NUMERIC.compare("x=2", "x=2"));
    }

    /** The sweep file's order first, whatever the values; a variant not in it after them, numbers as numbers. */
    @Test
    void theFilesOrderFirst() {
        Comparator<String> order = VariantOrder.of(List.of("eta=0.001", "eta=5.0E-4", "eta=0.002"));
        assertEquals(List.of("eta=0.001", "eta=5.0E-4", "eta=0.002", "eta=1.0E-5", "eta=0.003"),
                sorted(List.of("eta=0.003", "eta=0.002", "eta=1.0E-5", "eta=5.0E-4", "eta=0.001"), order));
    }
}
