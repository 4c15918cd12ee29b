package io.somnus.report;

import io.somnus.experiment.model.SummaryFields;
import io.somnus.experiment.stats.RunRecord;
import java.util.List;

/**
 * The sleep a set of runs of one requested fraction actually got: the achieved fraction (sleep steps over all
 * steps, summary.json) and how many runs had no episode at all. A cell whose runs never slept compares no sleep
 * with no sleep, whatever its label says: an SG-SNN that sleeps after an epoch with probability f, or a run shorter
 * than one wake period.
 *
 * @param runs      runs with the metric recorded
 * @param achieved  their mean achieved sleep fraction (NaN when none recorded it)
 * @param neverSlept runs with {@code sleep_episodes} = 0
 */
record SleepDose(int runs, double achieved, int neverSlept) {
    static final String ACHIEVED = SummaryFields.ACHIEVED_SLEEP_FRACTION;
    static final String EPISODES = SummaryFields.SLEEP_EPISODES;

    static SleepDose of(List<RunRecord> runs) {
        int n = 0;
        int never = 0;
        double sum = 0;
        for (RunRecord r : runs) {
            double a = r.metric(ACHIEVED);
            if (Double.isNaN(a)) {
                continue;
            }
            n++;
            sum += a;
            if (r.metric(EPISODES) == 0) {
                never++;
            }
        }
        return new SleepDose(n, n == 0 ? Double.NaN : sum / n, never);
    }

    /** The mean, and the runs that never slept: "0.200", "0.0267; 1 of 3 runs never slept", "0: the run never slept". */
    String words() {
        if (runs == 0) {
            return "not recorded";
        }
        String mean = Formats.achieved(achieved);
        if (neverSlept == 0) {
            return mean;
        }
        return runs == 1 ? mean + ": the run never slept" : mean + "; " + neverSlept + " of " + runs + " runs never slept";
    }
}
