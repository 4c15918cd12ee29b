package io.somnus.experiment.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunCountsTest {
    private static LedgerEntry entry(String id, RunStatus status, int attempts, String error) {
        return new LedgerEntry(id, "{}", "h", "{}", "", status, error, attempts, null, null, Double.NaN, Map.of());
    }

    @Test
    void countsTheLedgerByStatusAndListsTheFailures() {
        RunCounts c = RunCounts.of(List.of(entry("a", RunStatus.DONE, 1, null), entry("b", RunStatus.FAILED, 2, "boom"),
                entry("c", RunStatus.PENDING, 0, null), entry("d", RunStatus.RUNNING, 1, null),
                entry("e", RunStatus.DONE, 1, null), entry("f", RunStatus.FAILED, 1, null)));
        assertEquals(new RunCounts(6, 2, 2, 2, List.of(new RunCounts.FailedRun("b", 2, "boom"),
                new RunCounts.FailedRun("f", 1, null))), c);
        assertTrue(c.recorded());
    }

    @Test
    void withoutLedgerNothingIsRecorded() {
        assertEquals(RunCounts.NONE, RunCounts.of(List.of()));
        assertFalse(RunCounts.NONE.recorded());
    }
}
