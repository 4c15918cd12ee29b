package io.somnus.experiment.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The makespan of runs on workers, each free worker taking the next run; the numbers worked out by hand. */
class ListScheduleTest {
    /** Two idle workers, runs 5, 3, 2, 2: A 5 | B 3, B 2 (5) | the last 2 to one of the two at 5: 7. */
    @Test
    void eachRunGoesToTheWorkerFreeFirst() {
        assertEquals(7.0, ListSchedule.makespan(new double[] {0, 0}, new double[] {5, 3, 2, 2}));
    }

    /** A worker busy until 4 and an idle one, runs 3 and 3: both go to the idle one (0 + 3, then 3 + 3): 6. */
    @Test
    void aBusyWorkerTakesRunsOnlyOnceFree() {
        assertEquals(6.0, ListSchedule.makespan(new double[] {4, 0}, new double[] {3, 3}));
        assertEquals(4.0, ListSchedule.makespan(new double[] {4, 0}, new double[0]), "no runs: the busy one's end");
    }

    /** Longest first on 2 cores, runs 1 … 5: A 5, B 4, B 3 (7), A 2 (7), the 1 to either: 8. */
    @Test
    void theStudysEstimateTakesTheLongestRunsFirst() {
        assertEquals(8.0, StudyEstimate.longestFirst(new double[] {1, 2, 3, 4, 5}, 2));
        assertEquals(5.0, StudyEstimate.longestFirst(new double[] {1, 2, 3, 4, 5}, 5));
    }
}
