package io.somnus.experiment.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The projection's table: how a phase's seconds read. */
class EstimateTableTest {
    /** A phase's cost: none is "0.0 s"; one measured below the 0.1 s shown is "< 0.1 s", not read as none. */
    @Test
    void aCostBelowTheShownResolutionIsNotShownAsNone() {
        assertEquals("0.0 s", EstimateTable.duration(0));
        assertEquals("< 0.1 s", EstimateTable.duration(0.04));
        assertEquals("0.1 s", EstimateTable.duration(0.05));
        assertEquals("1.5 min", EstimateTable.duration(90));
    }
}
