package io.somnus.experiment.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The layout of a run directory (docs/run-directory.md): the one place that names its files and the table
 * columns that other code reads back. Writers (the run executor) and readers (results, report, CLI) both go
 * through these names, so the contract cannot drift between them.
 *
 * <p>It lives in {@code io}, the package that depends on no other Somnus package, so that every layer
 * above it (run, stats, report, cli) may use it without a dependency pointing back down.
 *
 * @param dir the run directory
 */
public record RunDirectory(Path dir) {
    /** The resolved configuration; the run is a pure function of it. */
    public static final String CONFIG = "config.yaml";
    /** Versions, CPU, seed, dataset checksums, start and end time. */
    public static final String PROVENANCE = "provenance.json";
    /** One row per checkpoint; see {@link Metrics}. */
    public static final String METRICS = "metrics.csv";
    /** The final numbers; its presence marks a finished run directory. */
    public static final String SUMMARY = "summary.json";
    /** How long the run took; kept apart from the summary because it differs every time. */
    public static final String TIMING = "timing.json";
    /** One float32 array per projection, dense [pre][post]. */
    public static final String WEIGHTS = "weights.npz";
    /** Total and mean |w| per projection across wake and sleep; see {@link SleepTraces}. */
    public static final String SLEEP_TRACES = "sleep_traces.csv";
    /** Weight histograms before and after each sleep episode; see {@link WeightHistograms}. */
    public static final String WEIGHT_HISTOGRAMS = "weight_histograms.csv";
    /**
     * A run's resume snapshot, in its temporary directory while it trains: replaced after every epoch (SG-SNN) or
     * checkpoint (STDP-SNN), removed once the results are written (docs/run-directory.md, "Resume snapshot"); never in a finished run directory.
     */
    public static final String RESUME_SNAPSHOT = "resume.snapshot";
    /** Every file a finished run directory holds, in the order docs/run-directory.md lists them. */
    public static final List<String> FILES = List.of(CONFIG, PROVENANCE, METRICS, SUMMARY, TIMING, WEIGHTS,
            SLEEP_TRACES, WEIGHT_HISTOGRAMS);

    /** Columns of {@value #METRICS} that are always present (others are optional). */
    public static final class Metrics {
        /** Training images presented so far (STDP-SNN; the SG-SNN counts epochs). */
        public static final String IMAGES_SEEN = "images_seen";
        /** Simulation steps awake so far. */
        public static final String WAKE_STEPS = "wake_steps";
        /** Simulation steps asleep so far. */
        public static final String SLEEP_STEPS = "sleep_steps";
        /** Sleep steps over all steps so far. */
        public static final String ACHIEVED_SLEEP_FRACTION = "achieved_sleep_fraction";
        /** Validation accuracy of the main readout. */
        public static final String VAL_ACCURACY = "val_accuracy";
        /**
         * Optional: the training presentations so far, re-presentations included (a count; STDP-SNN runs only, from
         * 7 Dec 2026: older rows leave it empty). Between two rows, its rise over that of {@link #IMAGES_SEEN} is the
         * stretch's presentations per image ({@link io.somnus.experiment.stats.PresentationStretches}).
         */
        public static final String PRESENTATIONS = "presentations";

        private Metrics() {}
    }

    /** Columns of {@value #SLEEP_TRACES}. */
    public static final class SleepTraces {
        /** The simulation step of the row (wake and sleep steps counted together). */
        public static final String STEP = "step";
        /** {@code wake} or {@code sleep}. */
        public static final String PHASE = "phase";
        /** On a {@code sleep} row the episode it runs through; on a {@code wake} row the episodes so far. */
        public static final String EPISODE = "episode";
        /** The projection's name, e.g. {@code input_e}. */
        public static final String PROJECTION = "projection";
        /** Σ|w| over the projection's synapses. */
        public static final String TOTAL_ABS = "total_abs";
        /** The mean weight. */
        public static final String MEAN = "mean";
        /** The value of {@link #PHASE} within sleep episodes. */
        public static final String SLEEP_PHASE = "sleep";
        /** The columns in file order. */
        public static final List<String> COLUMNS = List.of(STEP, PHASE, EPISODE, PROJECTION, TOTAL_ABS, MEAN);

        private SleepTraces() {}
    }

    /** Columns of {@value #WEIGHT_HISTOGRAMS}. */
    public static final class WeightHistograms {
        /** The sleep episode the histogram is taken before or after. */
        public static final String EPISODE = "episode";
        /** {@link #BEFORE} or {@link #AFTER} a sleep episode. */
        public static final String WHEN = "when";
        /** The projection's name. */
        public static final String PROJECTION = "projection";
        /** The bin's lower edge (weight units). */
        public static final String BIN_LO = "bin_lo";
        /** The bin's upper edge. */
        public static final String BIN_HI = "bin_hi";
        /** Synapses whose weight falls in the bin. */
        public static final String COUNT = "count";
        /** The {@link #WHEN} of a histogram taken just before the episode. */
        public static final String BEFORE = "before";
        /** The {@link #WHEN} of a histogram taken just after it. */
        public static final String AFTER = "after";
        /** The columns in file order. */
        public static final List<String> COLUMNS = List.of(EPISODE, WHEN, PROJECTION, BIN_LO, BIN_HI, COUNT);

        private WeightHistograms() {}
    }

    /** The run directory {@code dir} (nothing is read or checked). */
    public static RunDirectory of(Path dir) {
        return new RunDirectory(dir);
    }

    /** True when {@code dir} holds a {@value #SUMMARY}, i.e. is a finished run directory. */
    public static boolean isRun(Path dir) {
        return Files.isRegularFile(dir.resolve(SUMMARY));
    }

    /** Its {@value #CONFIG}. */
    public Path config() {
        return dir.resolve(CONFIG);
    }

    /**
     * The resolved configuration in {@value #CONFIG}, whole as the run wrote it: a YAML mapping ending with its line end
     * (a file cut short mostly does not).
     *
     * @return empty when the file is absent
     * @throws FileFormatException naming the file when it is cut short, not YAML or not a mapping
     * @throws IOException         when it cannot be read
     */
    public Optional<JsonNode> readConfig() throws IOException {
        Path file = config();
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String text = Files.readString(file);
        JsonNode tree;
        try {
            tree = Mappers.YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new FileFormatException(file + " is damaged: not YAML (" + e.getOriginalMessage() + ")", e);
        }
        if (tree == null || !tree.isObject() || !text.endsWith("\n")) {
            throw new FileFormatException(file + " is damaged: not the whole configuration the run wrote");
        }
        return Optional.of(tree);
    }

    /** Its {@value #PROVENANCE}. */
    public Path provenance() {
        return dir.resolve(PROVENANCE);
    }

    /** Its {@value #METRICS}. */
    public Path metrics() {
        return dir.resolve(METRICS);
    }

    /** Its {@value #SUMMARY}. */
    public Path summary() {
        return dir.resolve(SUMMARY);
    }

    /** Its {@value #TIMING}. */
    public Path timing() {
        return dir.resolve(TIMING);
    }

    /** Its {@value #WEIGHTS}. */
    public Path weights() {
        return dir.resolve(WEIGHTS);
    }

    /** Its {@value #SLEEP_TRACES}. */
    public Path sleepTraces() {
        return dir.resolve(SLEEP_TRACES);
    }

    /** Its {@value #WEIGHT_HISTOGRAMS}. */
    public Path weightHistograms() {
        return dir.resolve(WEIGHT_HISTOGRAMS);
    }
}
