package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** The run paragraph says what its training rate includes, and reads timing files from before the phases. */
class SummariesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** timing.json of a run at 100 images/s for 4 s, which most paragraphs here need only to have. */
    private static final String TIMING = "{\"train_images_per_second\":100.0,\"wall_seconds\":4.0}";

    /** The paragraph of a run of {@code summary} and {@code timing} (summary.json and timing.json). */
    private static String describe(String summary, String timing, boolean control) throws Exception {
        return Summaries.describe(JSON.readTree(summary), JSON.readTree(timing), control);
    }

    @Test
    void trainingRateNamesPresentationsWhenTimingHasThem() throws Exception {
        JsonNode summary = JSON.readTree("{\"preset\":\"diehl-cook\",\"dataset\":\"fashion-mnist\",\"seed\":1,"
                + "\"sleep_fraction\":0.0,\"achieved_sleep_fraction\":0.0,\"test_accuracy\":0.63}");
        // 3 000 images, 4 441 presentations in 41.8 s of presentations
        JsonNode timing = JSON.readTree("{\"train_images_per_second\":" + 3000 / 41.8 + ",\"train_presentations_per_second\":"
                + 4441 / 41.8 + ",\"presentations_per_image\":" + 4441 / 3000.0 + ",\"wall_seconds\":294.7}");
        String text = Summaries.describe(summary, timing, false);
        assertTrue(text.contains("training 71.8 images/s (1.48 presentations/image, 106.2 presentations/s"), text);
        assertTrue(text.contains("wall 294.7 s"), text);

        JsonNode old = JSON.readTree("{\"train_images_per_second\":800.0,\"wall_seconds\":12.0}");
        String before = Summaries.describe(summary, old, false);
        assertTrue(before.contains("training 800.0 images/s, wall 12.0 s"), before);
        assertFalse(before.contains("presentations"), before);
    }

    /** A run's warnings (summary.json's warnings) are said before its test accuracy, which they cast doubt on. */
    @Test
    void aRunsWarningsAreSaidBeforeItsAccuracy() throws Exception {
        String text = describe("{\"preset\":\"sg-fc\",\"sleep_fraction\":0.0,"
                + "\"test_accuracy\":0.26,\"warnings\":[\"the loss is above ln 4\"]}", TIMING, false);
        assertTrue(text.contains("warning: the loss is above ln 4" + System.lineSeparator() + "test accuracy 0.2600"), text);
    }

    /**
     * A number summary.json leaves undefined is null (an older summary's "NaN" string reads the same): said NaN, not
     * the 0 Jackson reads from null. A continual run of one task has no forgetting to average.
     */
    @Test
    void anUndefinedNumberIsSaidNaNNotZero() throws Exception {
        for (String undefined : new String[] {"null", "\"NaN\""}) {
            String text = describe("{\"preset\":\"paper\",\"sleep_fraction\":0.0,"
                    + "\"test_accuracy\":0.5,\"continual\":{\"average_accuracy\":0.5,\"average_forgetting\":" + undefined
                    + ",\"task_accuracy\":[[0.5]]},\"theta_mv\":{\"e\":{\"mean\":20.0,\"std\":" + undefined
                    + ",\"min\":20.0,\"max\":20.0}}}", TIMING, false);
            assertTrue(text.contains("continual, 1 tasks: average accuracy 0.5000, average forgetting NaN; after the "
                    + "last task, by task: 0.5000"), text);
            assertTrue(text.contains("mean 20.00 mV, std NaN, min 20.00, max 20.00"), text);
        }
    }

    @Test
    void aRunThatAskedForSleepButNeverSleptSaysSo() throws Exception {
        // 200 images × 100 steps end before the first episode, due after 35 000 wake steps
        String never = describe("{\"preset\":\"paper\",\"sleep_fraction\":0.2,\"wake_steps\":20000,"
                + "\"sleep_episodes\":0,\"achieved_sleep_fraction\":0.0,\"test_accuracy\":0.46}", TIMING, false);
        assertTrue(never.contains("no sleep episode in its 20000 wake steps: it compares as a run without sleep"), never);
        String slept = describe("{\"preset\":\"paper\",\"sleep_fraction\":0.2,\"wake_steps\":40000,"
                + "\"sleep_episodes\":1,\"achieved_sleep_fraction\":0.2,\"test_accuracy\":0.46}", TIMING, false);
        String awake = describe("{\"preset\":\"paper\",\"sleep_fraction\":0.0,\"wake_steps\":20000,"
                + "\"sleep_episodes\":0,\"achieved_sleep_fraction\":0.0,\"test_accuracy\":0.46}", TIMING, false);
        assertFalse(slept.contains("no sleep episode") || awake.contains("no sleep episode"), slept + awake);
        // an untrained control never sleeps, however long it runs: said so, not blamed on its length
        String control = describe("{\"preset\":\"paper\",\"sleep_fraction\":0.2,\"wake_steps\":"
                + "40000,\"sleep_episodes\":0,\"achieved_sleep_fraction\":0.0,\"test_accuracy\":0.2}", TIMING, true);
        assertTrue(control.contains("an untrained control (train.plasticity false) never sleeps"), control);
    }

    /**
     * A run read out from its training stream (paper-code) says so, with its features and the frozen network's
     * accuracy, and says where it stopped early: its progress bar stopped at 1 100 of 2 000 images without a word.
     */
    @Test
    void aRunReadOutFromItsTrainingStreamSaysWhereItStoppedEarly() throws Exception {
        String timing = "{\"train_images_per_second\":30.0,\"wall_seconds\":80.0}";
        String stopped = describe("{\"preset\":\"paper-code\",\"sleep_fraction\":0.2,"
                + "\"test_accuracy\":0.6,\"readout_source\":\"training\",\"test_accuracy_frozen\":0.7,"
                + "\"readout_segments\":{\"training\":72,\"test\":43},\"stopped_early\":true,\"train_images\":1100,"
                + "\"early_stopping_accuracies\":[0.5,0.6,0.5]}", timing, false);
        assertTrue(stopped.contains("read out from the training stream (readout.source: training): 72 training and 43 "
                + "test features, one per run of equal labels; the frozen network's test accuracy 0.7000"), stopped);
        assertTrue(stopped.contains("stopped early after epoch 3 (1100 training images)"), stopped);
        String whole = describe("{\"preset\":\"paper-code\",\"sleep_fraction\":0.2,"
                + "\"test_accuracy\":0.6,\"readout_source\":\"training\",\"test_accuracy_frozen\":0.7,"
                + "\"readout_segments\":{\"training\":72,\"test\":43},\"stopped_early\":false,\"train_images\":2000,"
                + "\"early_stopping_accuracies\":[0.5,0.6]}", timing, false);
        assertTrue(whole.contains("read out from the training stream") && !whole.contains("stopped early"), whole);
        String frozen = describe("{\"preset\":\"paper\",\"sleep_fraction\":0.2,"
                + "\"test_accuracy\":0.6}", timing, false);
        assertFalse(frozen.contains("training stream") || frozen.contains("stopped early"), frozen);
    }

    /** A continual run's paragraph gives its average accuracy and forgetting and the last task row, as summary.json has them. */
    @Test
    void aContinualRunSaysItsAccuracyAndForgetting() throws Exception {
        String text = describe("{\"preset\":\"paper\",\"sleep_fraction\":0.0,"
                + "\"test_accuracy\":0.4467,\"continual\":{\"average_accuracy\":0.45,\"average_forgetting\":0.125,"
                + "\"task_accuracy\":[[0.9,\"NaN\"],[0.775,0.125]]}}", TIMING, false);
        assertTrue(text.contains("continual, 2 tasks: average accuracy 0.4500, average forgetting 0.1250; after the last "
                + "task, by task: 0.7750 0.1250"), text);
        assertFalse(describe("{\"preset\":\"paper\",\"test_accuracy\":0.4}", TIMING, false)
                .contains("continual"));
        assertFalse(text.contains("in no task"), text);
        String letters = describe("{\"preset\":\"paper\",\"sleep_fraction\":0.0,"
                + "\"test_accuracy\":0.4467,\"continual\":{\"average_accuracy\":0.45,\"average_forgetting\":0.125,"
                + "\"task_accuracy\":[[0.9,\"NaN\"],[0.775,0.125]],\"classes_in_no_task\":[4,5,6,7,8,9,10,11]}}",
                TIMING, false);
        assertTrue(letters.contains("classes 4-11 (8) are in no task and were never trained on"), letters);
    }

    /** A network that never fired awake is said to, before its accuracy (at chance or below) reads as a result. */
    @Test
    void aNetworkThatNeverFiredSaysSo() throws Exception {
        String silent = describe("{\"preset\":\"paper\",\"test_accuracy\":0.05,"
                + "\"rates_wake_hz\":{\"e\":0.0,\"i\":0.0}}", TIMING, false);
        assertTrue(silent.contains("no spike while awake (rates_wake_hz 0 in every population)"), silent);
        String firing = describe("{\"preset\":\"paper\",\"test_accuracy\":0.5,"
                + "\"rates_wake_hz\":{\"e\":0.0,\"i\":1.5}}", TIMING, false);
        assertFalse(firing.contains("no spike while awake"), firing);
    }

    /**
     * θ's four statistics share the decimals of the largest: each to four significant digits, the terminal read "mean
     * 24.05 mV, std 3.821, min 20.90, max 36.26", the std to a digit more than the numbers beside it.
     */
    @Test
    void thetasStatisticsShareTheirDecimals() throws Exception {
        String text = describe("{\"preset\":\"diehl-cook\",\"sleep_fraction\":0.0,"
                + "\"test_accuracy\":0.54,\"theta_mv\":{\"e\":{\"mean\":24.0512,\"std\":3.8213,\"min\":20.9,"
                + "\"max\":36.2588}}}", TIMING, false);
        assertTrue(text.contains("adaptive threshold θ of e at the end of training: mean 24.05 mV, std 3.82, min 20.90, "
                + "max 36.26"), text);
        // a small θ keeps its digits: four significant ones of the largest
        String small = Summaries.thetaStatistics(JSON.readTree("{\"mean\":0.012345,\"std\":0.0011,\"min\":0.0101,"
                + "\"max\":0.0152}"));
        Assertions.assertEquals("mean 0.01235 mV, std 0.00110, min 0.01010, max 0.01520", small);
    }
}
