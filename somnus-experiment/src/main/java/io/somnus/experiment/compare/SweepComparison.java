package io.somnus.experiment.compare;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.somnus.experiment.io.FileFormatException;
import io.somnus.experiment.io.Mappers;
import io.somnus.experiment.io.TreeDifferences;
import io.somnus.experiment.stats.Aggregator;
import io.somnus.experiment.stats.GlmmRunner;
import io.somnus.experiment.sweep.SweepLedger;
import io.somnus.experiment.sweep.SweepRunner;
import io.somnus.experiment.verdict.VerdictFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Two sweep directories compared: the sweep's own result files ({@link #RESULT_FILES}: the tables and JSON files
 * aggregated over its runs) as {@link RunComparison} compares a run's, then run by run, each run id in either sweep's
 * {@code runs/} compared as two runs where both sweeps hold it finished and whole. Numbers within a {@link Tolerance}
 * of each other count as the same. The sweep files the two ran ({@code sweep.yaml}) are compared field by field, as
 * context, as two runs' configurations are: the results decide the verdict.
 *
 * @param a          sweep A's directory
 * @param b          sweep B's directory
 * @param tolerance  how far apart two numbers may be and count as the same ({@link Tolerance#EXACT}: not at all)
 * @param verdict    the verdict over the sweep's result files: {@link RunComparison.Verdict#DIFFERENT} where one
 *                   holds other numbers, or one sweep alone has a file that is no GLMM file
 * @param partsFirst the first result file, in {@link #RESULT_FILES}' order, that makes them differ; {@code null}
 *                   unless {@link RunComparison.Verdict#DIFFERENT}
 * @param compared   the result files both sweeps hold, in {@link #RESULT_FILES}' order
 * @param sweepFile  the fields in which the sweeps' {@code sweep.yaml} differ (A's value → B's; a file one sweep lacks
 *                   read as empty), empty when they are the same; {@code null} where neither sweep has one (a sweep
 *                   given in code)
 * @param results    each result file either sweep holds, in {@link #RESULT_FILES}' order (those only one holds with
 *                   {@link FileComparison.Outcome#ONLY_IN_A} or {@link FileComparison.Outcome#ONLY_IN_B})
 * @param runs       one entry per run id, in id order
 */
public record SweepComparison(@JsonSerialize(using = ToStringSerializer.class) Path a,
        @JsonSerialize(using = ToStringSerializer.class) Path b, Tolerance tolerance, RunComparison.Verdict verdict,
        String partsFirst, List<String> compared, List<TreeDifferences.Difference> sweepFile,
        List<FileComparison> results, List<Run> runs) {

    /**
     * A sweep's result files, in the order it makes them (docs/run-directory.md, "A sweep directory"): each run's
     * numbers, their aggregate per cell, the mean curves, the statistics (without the time they were written,
     * {@link #STATS_WRITTEN_AT}), the GLMM's fixed effects (only where R with glmmTMB fitted them), then the verdict on
     * the paper's claims. Not glmm.txt (R's printout) nor glmm.R (the script), nor report.html (drawn from these).
     */
    public static final List<String> RESULT_FILES = List.of(Aggregator.RUNS_LONG, Aggregator.AGGREGATE,
            Aggregator.CURVES, Aggregator.STATS, GlmmRunner.TABLE, GlmmRunner.FACTOR_TABLE, VerdictFiles.CSV,
            VerdictFiles.JSON);
    /**
     * The result files that R writes: a sweep made where R or glmmTMB was missing has none, so one sweep alone having
     * them is said, not counted as a difference (stats.json's {@code glmm} says what each sweep's R did).
     */
    public static final Set<String> GLMM_FILES = Set.of(GlmmRunner.TABLE, GlmmRunner.FACTOR_TABLE);

    /** stats.json's field holding the time it was written: left out of its comparison, as it differs every time. */
    public static final Set<String> STATS_WRITTEN_AT = Set.of("generated_at");

    /** The fields of result file {@code file} left out of its comparison: {@link #STATS_WRITTEN_AT} for stats.json. */
    public static Set<String> leftOut(String file) {
        return file.equals(Aggregator.STATS) ? STATS_WRITTEN_AT : Set.of();
    }
    /** The columns that place a row of each of the sweep's tables: the cell (and run) it is of, not its numbers. */
    static final Map<String, List<String>> KEY_COLUMNS = Map.of(
            Aggregator.RUNS_LONG, List.of("run_id", "metric", "variant"),
            Aggregator.AGGREGATE, List.of("preset", "model", "dataset", "variant", "sleep_fraction", "metric"),
            Aggregator.CURVES, List.of("preset", "model", "dataset", "variant", "sleep_fraction", "column",
                    "images_seen"),
            GlmmRunner.TABLE, List.of("term"), GlmmRunner.FACTOR_TABLE, List.of("term"),
            VerdictFiles.CSV, List.of("level", "claim", "preset", "dataset", "variant", "sleep_fraction", "criterion"));

    /** What comparing one run id found. */
    public enum Outcome {
        /** Both runs' result files byte for byte the same. */
        IDENTICAL_RESULTS,
        /** The same numbers in other bytes. */
        SAME_NUMBERS_DIFFERENT_FILES,
        /** Other numbers, each within the tolerance. */
        SAME_WITHIN_TOLERANCE,
        /** Other numbers. */
        DIFFERENT,
        /** Only sweep A has the run. */
        ONLY_IN_A,
        /** Only sweep B has the run. */
        ONLY_IN_B,
        /** Not compared: in one sweep or both it is no finished run, or a file is missing or damaged. */
        NOT_COMPARED
    }

    /**
     * One run id of the two sweeps.
     *
     * @param id         the run id (its directory's name under {@code runs/})
     * @param outcome    what the comparison found
     * @param comparison the two runs compared; {@code null} unless both were
     * @param problem    why the run was not compared (naming the directory or file); {@code null} where it was
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Run(String id, Outcome outcome, RunComparison comparison, String problem) { }

    /**
     * Whether {@code dir} is a sweep directory, as {@code somnus inspect} tells: it holds a sweep's ledger
     * ({@link SweepLedger#isSweepDirectory}).
     */
    public static boolean isSweep(Path dir) {
        return SweepLedger.isSweepDirectory(dir);
    }

    /** Whether every run id is in both sweeps with the same numbers, and the sweep's result files hold the same. */
    public boolean sameNumbers() {
        return verdict != RunComparison.Verdict.DIFFERENT && runs.stream().allMatch(
                r -> r.outcome() == Outcome.IDENTICAL_RESULTS || r.outcome() == Outcome.SAME_NUMBERS_DIFFERENT_FILES
                        || r.outcome() == Outcome.SAME_WITHIN_TOLERANCE);
    }

    /** The run ids whose results are byte for byte the same in both sweeps. */
    public long identicalRuns() {
        return runs.stream().filter(r -> r.outcome() == Outcome.IDENTICAL_RESULTS).count();
    }

    /** As {@link #of(Path, Path, Tolerance)}, numbers the same only when equal. */
    public static SweepComparison of(Path a, Path b) throws IOException {
        return of(a, b, Tolerance.EXACT);
    }

    /**
     * Compares sweep directory {@code a} with {@code b}: its sweep file, its result files, then run by run, numbers
     * within {@code tolerance} of each other the same.
     *
     * @throws FileFormatException naming the directory when either is no sweep directory, or a result file or
     *                             sweep.yaml when it is damaged
     * @throws IOException         when a file or a {@code runs/} directory cannot be read
     */
    public static SweepComparison of(Path a, Path b, Tolerance tolerance) throws IOException {
        requireSweep("A", a);
        requireSweep("B", b);
        List<FileComparison> results = new ArrayList<>();
        List<String> compared = new ArrayList<>();
        for (String f : RESULT_FILES) {
            boolean inA = Files.isRegularFile(a.resolve(f));
            boolean inB = Files.isRegularFile(b.resolve(f));
            if (inA && inB) {
                compared.add(f);
                results.add(FileComparison.of(f, a.resolve(f), b.resolve(f), KEY_COLUMNS.get(f), leftOut(f),
                        tolerance));
            } else if (inA || inB) {
                results.add(FileComparison.onlyIn(f, inA));
            }
        }
        FileComparison first = results.stream().filter(r -> r.outcome() == FileComparison.Outcome.DIFFERENT
                || (r.onlyInOne() && !GLMM_FILES.contains(r.file()))).findFirst().orElse(null);
        return new SweepComparison(a, b, tolerance, RunComparison.Verdict.over(results, first),
                first == null ? null : first.file(), List.copyOf(compared), sweepFile(a, b), List.copyOf(results),
                runs(a, b, tolerance));
    }

    /**
     * The fields in which A's {@code sweep.yaml} and B's differ (a file only one has read as empty); {@code null} where
     * neither has one.
     */
    private static List<TreeDifferences.Difference> sweepFile(Path a, Path b) throws IOException {
        Path fa = a.resolve(SweepRunner.SWEEP_COPY);
        Path fb = b.resolve(SweepRunner.SWEEP_COPY);
        if (!Files.isRegularFile(fa) && !Files.isRegularFile(fb)) {
            return null;
        }
        return TreeDifferences.of(yaml(fa), yaml(fb), Set.of());
    }

    /** A sweep file's tree; an empty one where it is absent or empty. */
    private static JsonNode yaml(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Mappers.YAML.createObjectNode();
        }
        JsonNode tree;
        try {
            tree = Mappers.YAML.readTree(file.toFile());
        } catch (JacksonException e) {
            throw new FileFormatException(file + " is damaged: not valid YAML: " + e.getOriginalMessage(), e);
        }
        return tree == null || tree.isMissingNode() ? Mappers.YAML.createObjectNode() : tree;
    }

    private static void requireSweep(String which, Path dir) {
        if (!isSweep(dir)) {
            throw new FileFormatException(which + " " + dir + " is not a sweep directory: it has no "
                    + SweepLedger.FILE_NAME + " (or an empty one)");
        }
    }

    /** Each run id either sweep holds, compared. */
    private static List<Run> runs(Path a, Path b, Tolerance tolerance) throws IOException {
        TreeSet<String> ids = new TreeSet<>(ids(a));
        ids.addAll(ids(b));
        List<Run> runs = new ArrayList<>();
        for (String id : ids) {
            Path ra = a.resolve(SweepRunner.RUNS_DIR).resolve(id);
            Path rb = b.resolve(SweepRunner.RUNS_DIR).resolve(id);
            if (!Files.isDirectory(rb)) {
                runs.add(new Run(id, Outcome.ONLY_IN_A, null, null));
            } else if (!Files.isDirectory(ra)) {
                runs.add(new Run(id, Outcome.ONLY_IN_B, null, null));
            } else {
                try {
                    RunComparison c = RunComparison.of(ra, rb, tolerance);
                    runs.add(new Run(id, Outcome.valueOf(c.verdict().name()), c, null));
                } catch (FileFormatException e) {
                    runs.add(new Run(id, Outcome.NOT_COMPARED, null, e.getMessage()));
                }
            }
        }
        return List.copyOf(runs);
    }

    /**
     * The run ids under {@code sweep/runs}: its directories but the hidden ones (a run still being written); none
     * where it has no {@code runs/} (a sweep that finished no run).
     */
    private static List<String> ids(Path sweep) throws IOException {
        Path dir = sweep.resolve(SweepRunner.RUNS_DIR);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("."))
                    .sorted().toList();
        }
    }
}
