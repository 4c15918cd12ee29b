package io.somnus.experiment.config;

import io.somnus.data.DatasetRegistry;
import java.util.List;

/**
 * Checks the fields every model shares (model, dataset, train, protocol) before anything runs; each model checks its
 * own fields ({@link io.somnus.experiment.model.ModelRunner#validate}). Each failure names the field, the value and
 * what is allowed.
 */
public final class Validation {
    public static final List<String> READOUTS = List.of("pca-logistic", "linear", "vote");
    public static final List<String> ENCODINGS = List.of("bernoulli", "poisson", "latency");

    private Validation() { }

    public static void check(RunConfig c) {
        oneOf("model", c.model(), List.of("stdp", "sg"));
        if (c.dataset() == null || c.dataset().name() == null) {
            throw new ConfigException("dataset.name is missing; use one of " + new DatasetRegistry().names());
        }
        oneOf("dataset.name", c.dataset().name(), new DatasetRegistry().names());
        atLeast("dataset.resize", c.dataset().resize(), 0);
        if (!(c.dataset().normaliseSum() >= 0)) {
            throw new ConfigException("dataset.normalise_sum must be >= 0, got " + c.dataset().normaliseSum());
        }
        TrainConfig t = c.train();
        atLeast("train.images", t.images(), 1);
        atLeast("train.epochs", t.epochs(), 1);
        atLeast("train.validation_images", t.validationImages(), 1);
        atLeast("train.test_images", t.testImages(), 1);
        atLeast("train.readout_images", t.readoutImages(), 0);
        atLeast("train.checkpoints", t.checkpoints(), 1);
        atLeast("train.eval_threads", t.evalThreads(), 0);
        oneOf("protocol", c.protocol(), List.of("standard", "continual"));
        if ("continual".equals(c.protocol())) {
            atLeast("continual.tasks", c.continual().tasks(), 2);
            atLeast("continual.classes_per_task", c.continual().classesPerTask(), 1);
        }
    }

    public static void oneOf(String field, String value, List<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            throw new ConfigException(field + ": '" + value + "' is not allowed; use one of " + allowed);
        }
    }

    public static void atLeast(String field, long value, long min) {
        if (value < min) {
            throw new ConfigException(field + " must be >= " + min + ", got " + value);
        }
    }
}
