package io.somnus.experiment.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A sweep's one order of cells, and its parts as the report lists presets, datasets and variants. */
class CellKeyTest {
    /**
     * A sweep file that lists paper-sg before paper, geomfig before fashion-mnist and b=2 before b=10: each part of its
     * cell order gives them so, one the file does not list (diehl-cook, mnist) after those it does.
     */
    @Test
    void eachPartOfACellOrderIsTheSweepFilesOrder() {
        Comparator<CellKey> order = CellKey.order(List.of("paper-sg", "paper"), List.of("geomfig", "fashion-mnist"),
                VariantOrder.of(List.of("b=2", "b=10")));
        assertEquals(List.of("paper-sg", "paper", "diehl-cook"),
                Stream.of("diehl-cook", "paper", "paper-sg").sorted(CellKey.presets(order)).toList());
        assertEquals(List.of("geomfig", "fashion-mnist", "mnist"),
                Stream.of("mnist", "fashion-mnist", "geomfig").sorted(CellKey.datasets(order)).toList());
        assertEquals(List.of("b=2", "b=10"), Stream.of("b=10", "b=2").sorted(CellKey.variants(order)).toList());
    }
}
