package io.somnus.experiment.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** metrics.csv's header: every row's columns, a column the first rows lack in its usual place. */
class RunFilesColumnsTest {
    private static Map<String, Double> row(String... columns) {
        Map<String, Double> r = new LinkedHashMap<>();
        for (String c : columns) {
            r.put(c, 1.0);
        }
        return r;
    }

    /** The rows of an older resume snapshot lack presentations: it goes after images_seen, as a fresh run has it. */
    @Test
    void aColumnTheFirstRowsLackKeepsItsPlace() {
        List<Map<String, Double>> rows = List.of(row("images_seen", "wake_steps", "val_accuracy"),
                row("images_seen", "wake_steps", "val_accuracy"),
                row("images_seen", "presentations", "wake_steps", "val_accuracy"));
        assertEquals(List.of("images_seen", "presentations", "wake_steps", "val_accuracy"), RunFiles.columns(rows));
    }

    /** Rows with the same columns give their order; a column only the first rows have is kept where they had it. */
    @Test
    void rowsWithTheSameColumnsKeepTheirOrder() {
        assertEquals(List.of("b", "a", "c"), RunFiles.columns(List.of(row("b", "a", "c"), row("b", "a", "c"))));
        assertEquals(List.of("a", "x", "b"), RunFiles.columns(List.of(row("a", "x", "b"), row("a", "b"))));
        assertEquals(List.of("x", "a"), RunFiles.columns(List.of(row("a"), row("x", "a"))));
        assertEquals(List.of(), RunFiles.columns(List.of()));
    }
}
