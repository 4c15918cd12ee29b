package io.somnus.experiment.config;

import io.somnus.data.DatasetRegistry;
import io.somnus.experiment.ConfigException;
import io.somnus.experiment.stdp.SleepSettingsFactory;
import java.util.List;

/** Checks a bound configuration before anything runs; each failure names the field, the value and what is allowed. */
public final class Validation {
    static final List<String> READOUTS = List.of("pca-logistic", "linear", "vote");
    static final List<String> ENCODINGS = List.of("bernoulli", "poisson", "latency");

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
        SleepSettingsFactory.create(c.sleep(), c.simulation() == null ? 1.0 : c.simulation().dtMs());
        if ("sg".equals(c.model())) {
            if ("continual".equals(c.protocol())) {
                throw new ConfigException("protocol: 'continual' is available for model stdp only");
            }
            int side = c.dataset().resize() > 0 ? c.dataset().resize() : 28;
            io.somnus.experiment.run.SgRun.sgConfig(c, side * side, 10);
            return;
        }
        if (!(c.simulation().dtMs() > 0)) {
            throw new ConfigException("simulation.dt_ms must be > 0, got " + c.simulation().dtMs());
        }
        atLeast("simulation.steps_per_image", c.simulation().stepsPerImage(), 1);
        oneOf("encoding.kind", c.encoding().kind(), ENCODINGS);
        atLeast("encoding.max_presentations", c.encoding().maxPresentations(), 1);
        if (c.readout().readouts().isEmpty()) {
            throw new ConfigException("readout.readouts is empty; use some of " + READOUTS);
        }
        for (String r : c.readout().readouts()) {
            oneOf("readout.readouts", r, READOUTS);
        }
        io.somnus.data.DatasetDescriptor d = new DatasetRegistry().descriptor(c.dataset().name());
        int side = c.dataset().resize() > 0 ? c.dataset().resize() : 0;
        long inputs = side > 0 ? (long) side * side : (long) d.height() * d.width();
        if (inputs > Integer.MAX_VALUE) {
            throw new ConfigException("dataset.resize = " + side + ": " + side + "×" + side + " inputs are too many");
        }
        io.somnus.experiment.stdp.NetworkFactory.validate(c, (int) inputs);
        if (!c.readout().readouts().contains(c.readout().main())) {
            throw new ConfigException("readout.main '" + c.readout().main() + "' must be one of readout.readouts " + c.readout().readouts());
        }
        if (!(c.readout().pcaVariance() > 0 && c.readout().pcaVariance() <= 1)) {
            throw new ConfigException("readout.pca_variance must be in (0, 1], got " + c.readout().pcaVariance());
        }
    }

    static void oneOf(String field, String value, List<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            throw new ConfigException(field + ": '" + value + "' is not allowed; use one of " + allowed);
        }
    }

    static void atLeast(String field, long value, long min) {
        if (value < min) {
            throw new ConfigException(field + " must be >= " + min + ", got " + value);
        }
    }
}
