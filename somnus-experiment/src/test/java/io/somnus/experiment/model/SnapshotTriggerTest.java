package io.somnus.experiment.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.experiment.config.ConfigException;
import org.junit.jupiter.api.Test;

/** The wall-clock trigger on an injected clock: due once the interval has passed since its start or the last snapshot. */
class SnapshotTriggerTest {
    @Test
    void dueOnceTheIntervalHasPassedSinceTheLastSnapshot() {
        long[] now = {1_000};
        SnapshotTrigger t = SnapshotTrigger.every(0.5, () -> now[0]); // 30 s = 3·10¹⁰ ns
        now[0] += 29_999_999_999L;
        assertFalse(t.due(1), "1 ns short of 30 s");
        now[0] += 1;
        assertTrue(t.due(2), "30 s after the start");
        t.taken(2);
        now[0] += 20_000_000_000L;
        assertFalse(t.due(3), "20 s after the last snapshot");
        now[0] += 10_000_000_000L;
        assertTrue(t.due(4));
    }

    @Test
    void zeroMeansNeverAndANegativeIntervalIsRefused() {
        assertSame(SnapshotTrigger.NEVER, SnapshotTrigger.every(0, () -> 0));
        ConfigException e = assertThrows(ConfigException.class, () -> SnapshotTrigger.every(-1, () -> 0));
        assertTrue(e.getMessage().contains("-1 minutes"), e.getMessage());
        assertThrows(ConfigException.class, () -> SnapshotTrigger.every(Double.NaN, () -> 0));
    }
}
