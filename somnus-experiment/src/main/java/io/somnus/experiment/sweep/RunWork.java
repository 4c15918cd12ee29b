package io.somnus.experiment.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import io.somnus.experiment.config.Choices;
import io.somnus.experiment.config.ModelKind;
import java.util.List;

/**
 * A run's work per phase, in each phase's unit ({@link StudyEstimate} has them: presentation-steps trained, sleep
 * steps, presentation-steps run frozen; an SG-SNN's × hidden units), counted from its resolved configuration; or,
 * from {@link MeasuredCosts#phaseSeconds}, the seconds each phase took. Each is NaN where the configuration lacks a
 * field that counts it ({@link #of(JsonNode)}).
 *
 * @param train      presentation-steps trained (the <b>train</b> unit)
 * @param sleep      sleep steps (the <b>sleep</b> unit); 0 without sleep
 * @param evaluation presentation-steps run frozen (the <b>evaluation</b> unit)
 */
public record RunWork(double train, double sleep, double evaluation) {
    /** Work that cannot be counted: NaN in every phase. */
    private static final RunWork UNCOUNTED = new RunWork(Double.NaN, Double.NaN, Double.NaN);

    /**
     * The expected units of work of a run with this resolved configuration, each image presented once; NaN in every
     * phase where the configuration lacks a field that counts them ({@link #uncountedField}), which {@link SweepEta}
     * counts as unknown work.
     */
    public static RunWork of(JsonNode config) {
        return of(config, PresentationRates.PerImage.ONCE);
    }

    /** The expected units of work of a run with this resolved configuration at {@code perImage} (STDP-SNN only). */
    public static RunWork of(JsonNode config, PresentationRates.PerImage perImage) {
        return of(config, perImage, 0);
    }

    /** {@link #of(JsonNode, PresentationRates.PerImage)} with the evaluations after the first {@code passed} only. */
    private static RunWork of(JsonNode config, PresentationRates.PerImage perImage, long passed) {
        return Choices.of(ModelKind.SG).equals(config.path("model").asText()) ? sgWork(config, passed)
                : stdpWork(config, perImage, passed);
    }

    private static RunWork stdpWork(JsonNode c, PresentationRates.PerImage perImage, long checkpointsPassed) {
        double steps = c.path("simulation").path("steps_per_image").asDouble();
        // the wake clock counts every presentation's steps, so the sleep it schedules grows with them too
        double wakeSteps = PresentationRates.trainedImages(c) * steps * perImage.train();
        return new RunWork(wakeSteps, expectedStdpSleepSteps(c, wakeSteps),
                stdpEvaluatedImages(c.path("train"), checkpointsPassed) * steps * perImage.evaluation());
    }

    /**
     * Images an STDP-SNN run of this resolved configuration runs through its frozen network (timing.json's
     * {@code evaluation_images}): each checkpoint fits the readouts and scores validation, the end fits them and
     * scores test.
     */
    public static double stdpEvaluatedImages(JsonNode config) {
        return stdpEvaluatedImages(config.path("train"), 0);
    }

    /**
     * Images run frozen after the first {@code passed} checkpoints: each checkpoint left fits the readout and scores
     * validation, the end fits it and scores test.
     */
    private static double stdpEvaluatedImages(JsonNode train, long passed) {
        int images = train.path("images").asInt();
        int readout = train.path("readout_images").asInt(0);
        int atCheckpoint = readout == 0 ? Math.min(images, 1000) : Math.min(readout, images);
        int atEnd = readout == 0 ? images : Math.min(readout, images);
        double checkpointsLeft = Math.max(0, train.path("checkpoints").asDouble() - passed);
        return checkpointsLeft * (atCheckpoint + train.path("validation_images").asInt())
                + atEnd + train.path("test_images").asInt();
    }

    /**
     * The units of work (as {@link #of(JsonNode)}'s) left to a run that goes on from a resume snapshot taken with
     * {@code trained} (0 to 1) of its training done and its first {@code evaluationsPassed} evaluations behind it: an
     * STDP-SNN run's checkpoints, an SG-SNN run's epochs (each ends with its validation). Training and sleep are left
     * in proportion to the training left (sleep runs between training images or minibatches, as the wake steps
     * schedule it, and a snapshot is taken after the sleep that was due); evaluation is the checkpoints' or epochs'
     * not passed, plus the final readout and test, which no snapshot has behind it.
     */
    public static RunWork left(JsonNode config, double trained, long evaluationsPassed) {
        RunWork rest = of(config, PresentationRates.PerImage.ONCE, Math.max(0, evaluationsPassed));
        double left = 1 - Math.min(1, Math.max(0, trained));
        return new RunWork(rest.train() * left, rest.sleep() * left, rest.evaluation());
    }

    /**
     * The epochs an SG-SNN run trains, numbered on across tasks: {@code sg.epochs}, else {@code train.epochs} (1 where
     * neither is set), times the continual protocol's tasks.
     */
    static int sgEpochs(JsonNode config) {
        return sgEpochsPerTask(config) * sgTasks(config);
    }

    /** {@code sg.epochs} (or {@code train.epochs}): the epochs of a run, of each task under the continual protocol. */
    private static int sgEpochsPerTask(JsonNode config) {
        JsonNode epochs = config.path("sg").path("epochs");
        return epochs.isNumber() ? epochs.asInt() : config.path("train").path("epochs").asInt(1);
    }

    /**
     * The tasks an SG-SNN run trains one after another: {@code continual.tasks} under the continual protocol (a
     * resolved configuration has the section), else 1.
     */
    private static int sgTasks(JsonNode config) {
        return "continual".equalsIgnoreCase(config.path("protocol").asText())
                ? Math.max(1, config.path("continual").path("tasks").asInt(1)) : 1;
    }

    /**
     * Images an SG-SNN run evaluates after its first {@code epochsPassed} epochs: the validation images after each
     * epoch left (every task's under the continual protocol), the test images of the tasks learnt so far after each
     * task left (taken as equal shares of the test images), then the test images once, twice where a validation
     * picks a best epoch to test as well.
     */
    private static double sgEvaluatedImages(JsonNode c, long epochsPassed) {
        int validation = c.path("train").path("validation_images").asInt();
        int test = c.path("train").path("test_images").asInt();
        int tasks = sgTasks(c);
        double taskRows = 0;
        if (tasks > 1) {
            for (long k = epochsPassed / Math.max(1, sgEpochsPerTask(c)) + 1; k <= tasks; k++) {
                taskRows += (double) k / tasks * test; // after task k: the test images of tasks 1..k
            }
        }
        return (double) Math.max(0, sgEpochs(c) - epochsPassed) * validation + taskRows
                + (validation > 0 ? 2 : 1) * test;
    }

    /** Sleep steps of an STDP run (sleep.budget added): f/(1−f) of the wake steps, or r·W per W wake steps, capped. */
    static double expectedStdpSleepSteps(JsonNode c, double wakeSteps) {
        JsonNode sleep = c.path("sleep");
        double f = sleep.path("fraction").asDouble();
        if (f <= 0) {
            return 0;
        }
        if ("ratio_of_wake".equals(sleep.path("episode").asText())) {
            double interval = sleep.path("wake_steps").asDouble();
            double perEpisode = Math.max(1, Math.round(interval * f));
            double cap = sleep.path("max_episode_steps").asDouble(0);
            return Math.floor(wakeSteps / interval) * (cap > 0 ? Math.min(cap, perEpisode) : perEpisode);
        }
        return wakeSteps * f / (1 - f);
    }

    /**
     * The field a count of a run's work needs that its configuration lacks (missing, or not a whole number ≥ 1): an
     * SG-SNN's {@code sg.hidden}, {@code sg.steps} or {@code sg.batch_size}; null where it has them (a resolved
     * configuration always does).
     */
    static String uncountedField(JsonNode config) {
        if (!Choices.of(ModelKind.SG).equals(config.path("model").asText())) {
            return null;
        }
        for (String field : List.of("hidden", "steps", "batch_size")) {
            JsonNode n = config.path("sg").path(field);
            if (!n.canConvertToInt() || n.asInt() < 1) {
                return "sg." + field;
            }
        }
        return null;
    }

    private static RunWork sgWork(JsonNode c, long epochsPassed) {
        if (uncountedField(c) != null) {
            return UNCOUNTED; // e.g. no sg.batch_size: its minibatches cannot be counted
        }
        JsonNode sg = c.path("sg");
        JsonNode train = c.path("train");
        double hidden = sg.path("hidden").asDouble();
        double steps = sg.path("steps").asDouble();
        int epochs = sgEpochsPerTask(c); // a continual run trains each task's images this often: all images, once a task
        int images = train.path("images").asInt();
        int batch = sg.path("batch_size").asInt();
        int batches = sg.path("drop_last").asBoolean() ? images / batch : (images + batch - 1) / batch;
        int perEpoch = sg.path("drop_last").asBoolean() ? batches * batch : images;
        double f = c.path("sleep").path("fraction").asDouble();
        JsonNode sleep = sg.path("sleep");
        double episodeSteps = sleep.path("iterations").asDouble() * sleep.path("steps_per_iteration").asDouble();
        double episodes;
        if (f <= 0) {
            episodes = 0;
        } else if ("every_minibatches".equals(sg.path("sleep_schedule").asText())) {
            // continual: a task's epoch is its share of the minibatches, so epochs × batches counts them all
            episodes = epochs * Math.ceil(batches / Math.floor(1 / f));
        } else {
            episodes = sgEpochs(c) * f; // after each epoch (each task's, continual) with probability f
        }
        return new RunWork((double) perEpoch * epochs * steps * hidden,
                episodes * episodeSteps * sleep.path("batch_copies").asDouble() * hidden,
                sgEvaluatedImages(c, epochsPassed) * steps * hidden);
    }
}
