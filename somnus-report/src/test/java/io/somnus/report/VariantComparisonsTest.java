package io.somnus.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.experiment.stats.CellKey;
import io.somnus.experiment.stats.RunRecord;
import io.somnus.experiment.stats.VariantOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Variants against the first in the sweep file's order, checked by hand: three seeds, a paired interval from the
 * t quantile of 2 degrees of freedom (4.3027), Holm's adjustment of two p-values, the controls left out.
 */
class VariantComparisonsTest {
    private static final String NONE = "projections.input_e.delay_max_ms=null";
    private static final String DELAYS = "projections.input_e.delay_max_ms=10.0";
    private static final String SHORT = "projections.input_e.delay_max_ms=2.0";

    private static RunRecord run(String variant, long seed, double accuracy) {
        return run("diehl-cook", variant, seed, accuracy);
    }

    private static RunRecord run(String preset, String variant, long seed, double accuracy) {
        return new RunRecord(preset + variant + seed, Path.of("runs", preset + variant + seed), preset, "stdp",
                "fashion-mnist", variant, 0.0, seed, null, Map.of("test_accuracy", accuracy));
    }

    /** The cells' order of a sweep file with these variants and no other order of presets or datasets. */
    private static Comparator<CellKey> inFile(List<String> variants) {
        return CellKey.order(VariantOrder.of(variants));
    }

    @Test
    void eachVariantIsComparedWithTheGridsFirstBySeed() {
        List<RunRecord> runs = new ArrayList<>();
        double[] none = {0.6425, 0.6264, 0.6340};
        double[] delays = {0.6164, 0.6133, 0.6252};
        double[] shorter = {0.6400, 0.6300, 0.6300};
        for (int s = 0; s < 3; s++) {
            runs.add(run(DELAYS, s + 1, delays[s]));
            runs.add(run(NONE, s + 1, none[s]));
            runs.add(run(SHORT, s + 1, shorter[s]));
            runs.add(run(NONE + ",control=untrained", s + 1, 0.5)); // a control: left out
        }
        // the sweep file's order puts null first, though "=10.0" sorts before "=null" by name
        List<VariantComparisons.Row> rows = VariantComparisons.of(runs, inFile(List.of(NONE, DELAYS, SHORT)), "test_accuracy");
        assertEquals(2, rows.size(), rows.toString());
        VariantComparisons.Row d = rows.stream().filter(r -> r.cell().variant().equals(DELAYS)).findFirst().orElseThrow();
        assertEquals(NONE, d.reference());
        double[] diff = {delays[0] - none[0], delays[1] - none[1], delays[2] - none[2]};
        double mean = (diff[0] + diff[1] + diff[2]) / 3;
        double sd = Math.sqrt(((diff[0] - mean) * (diff[0] - mean) + (diff[1] - mean) * (diff[1] - mean)
                + (diff[2] - mean) * (diff[2] - mean)) / 2);
        double half = 4.302652729911275 * sd / Math.sqrt(3);
        assertEquals(mean, d.comparison().diff(), 1e-12);
        assertEquals(mean - half, d.ciLow(), 1e-9);
        assertEquals(mean + half, d.ciHigh(), 1e-9);
        assertEquals(3, d.comparison().pairedN());
        // paired t = mean / (sd / √3), two-sided p from t with 2 degrees of freedom: 2·(1 − F(|t|))
        double t = mean / (sd / Math.sqrt(3));
        double p = 1 - Math.abs(t) / Math.sqrt(2 + t * t); // closed form of the two-sided p at 2 degrees of freedom
        assertEquals(p, d.comparison().pairedP(), 1e-9);
        VariantComparisons.Row s = rows.stream().filter(r -> r.cell().variant().equals(SHORT)).findFirst().orElseThrow();
        double low = Math.min(p, s.comparison().pairedP());
        double high = Math.max(p, s.comparison().pairedP());
        // Holm over two: the smaller p doubled, the larger kept (and never below the first)
        double holmD = p == low ? Math.min(1, 2 * low) : Math.max(Math.min(1, 2 * low), high);
        assertEquals(holmD, d.pairedPHolm(), 1e-12);
        assertTrue(d.pairedPHolm() >= d.comparison().pairedP());
        // without the sweep file's order, the grid values decide as numbers: 2.0 before 10.0 (as text, "10.0" first)
        assertEquals(SHORT, VariantComparisons.of(runs, CellKey.ORDER, "test_accuracy").get(0).reference());
    }

    /** Named variants with a grid: each against the first variant at the same grid point, never across points. */
    @Test
    void namedVariantsAreComparedAtEachGridPoint() {
        List<RunRecord> runs = new ArrayList<>();
        List<String> order = List.of("triplet,train.images=20", "triplet,train.images=40", "nearest,train.images=20",
                "nearest,train.images=40", "delays,train.images=20", "delays,train.images=40");
        for (int s = 0; s < 3; s++) {
            for (String v : order) {
                runs.add(run(v, s + 1, 0.5 + 0.01 * order.indexOf(v) + 0.001 * s * s));
            }
        }
        List<VariantComparisons.Row> rows = VariantComparisons.of(runs, inFile(order), "test_accuracy");
        assertEquals(4, rows.size(), rows.toString());
        for (VariantComparisons.Row r : rows) {
            String images = r.cell().variant().substring(r.cell().variant().indexOf(','));
            assertEquals("triplet" + images, r.reference(), r.toString());
            // the difference of two variants at one grid point: 0.01 per place in the order, the seeds' parts cancel
            double expected = 0.01 * (order.indexOf(r.cell().variant()) - order.indexOf(r.reference()));
            assertEquals(expected, r.comparison().diff(), 1e-12);
        }
    }

    /**
     * The groups in the sweep file's order of presets (paper-code before diehl-cook, against their names' order), as
     * the report's other tables; the variants within each in its order of variants.
     */
    @Test
    void theGroupsFollowTheSweepFilesOrderOfPresets() {
        List<RunRecord> runs = new ArrayList<>();
        for (String preset : List.of("diehl-cook", "paper-code")) {
            for (int s = 0; s < 2; s++) {
                runs.add(run(preset, DELAYS, s + 1, 0.6 + 0.01 * s));
                runs.add(run(preset, NONE, s + 1, 0.5 + 0.02 * s));
            }
        }
        List<VariantComparisons.Row> rows = VariantComparisons.of(runs, CellKey.order(List.of("paper-code",
                "diehl-cook"), List.of(), VariantOrder.of(List.of(NONE, DELAYS))), "test_accuracy");
        assertEquals(List.of("paper-code", "diehl-cook"), rows.stream().map(r -> r.cell().preset()).toList());
        assertEquals(List.of(NONE, NONE), rows.stream().map(VariantComparisons.Row::reference).toList());
    }

    @Test
    void aSweepWithoutSeveralVariantsHasNoRows() {
        List<RunRecord> runs = List.of(run("", 1, 0.6), run("", 2, 0.61), run("control=untrained", 1, 0.5));
        assertTrue(VariantComparisons.of(runs, inFile(List.of("")), "test_accuracy").isEmpty());
    }
}
