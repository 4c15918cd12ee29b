package io.somnus.experiment.compare;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.experiment.config.ConfigDifferences;
import io.somnus.experiment.io.FileFormatException;
import io.somnus.experiment.io.JsonFiles;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.io.RunFileCheck;
import io.somnus.experiment.io.TreeDifferences;
import io.somnus.experiment.stdp.SpikeExchange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Two finished run directories compared: are their results the same, and if not, where do they part
 * ({@code somnus compare RUN_A RUN_B}, docs/portability.md, "Is it the same run?").
 *
 * <p>The result files ({@link #RESULT_FILES}) are compared byte for byte, then, where the bytes differ, by what they
 * hold. The configurations are compared field by field; the provenances (where and how each ran: commit, JDK, CPU,
 * kernels, dataset checksums) are context, not results. timing.json (it differs every time) and report.html (drawn
 * from the files compared) are not compared. Numbers within a {@link Tolerance} of each other count as the same.
 *
 * @param a             run A's directory
 * @param b             run B's directory
 * @param tolerance     how far apart two numbers may be and count as the same ({@link Tolerance#EXACT}: not at all)
 * @param verdict       the verdict over the result files
 * @param partsFirst    the first result file, in {@link #RESULT_FILES}' order, whose numbers differ; {@code null}
 *                      unless {@link Verdict#DIFFERENT}
 * @param compared      the result files compared (those both runs hold), in {@link #RESULT_FILES}' order
 * @param configuration the configuration fields that differ (A's value → B's), empty when they are the same
 * @param provenance    the provenance fields that differ, but for its start and end times
 * @param results       each compared result file
 */
public record RunComparison(@JsonSerialize(using = ToStringSerializer.class) Path a,
        @JsonSerialize(using = ToStringSerializer.class) Path b, Tolerance tolerance, Verdict verdict,
        String partsFirst, List<String> compared, List<TreeDifferences.Difference> configuration,
        List<TreeDifferences.Difference> provenance, List<FileComparison> results) {

    /**
     * The result files compared, in the order a run makes what they hold: the curves through training, then the
     * final weights (and the network a run saved with {@code --save-network}), then the summary's test numbers.
     */
    public static final List<String> RESULT_FILES = List.of(RunDirectory.METRICS, RunDirectory.SLEEP_TRACES,
            RunDirectory.WEIGHT_HISTOGRAMS, RunDirectory.WEIGHTS, SpikeExchange.NETWORK, RunDirectory.SUMMARY);
    /** provenance.json's fields that differ between any two runs, left out of its differences. */
    public static final Set<String> PROVENANCE_TIMES = Set.of("started", "finished");

    /** The verdict over the result files. */
    public enum Verdict {
        /** Every result file byte for byte the same. */
        IDENTICAL_RESULTS,
        /** Some result files' bytes differ, but not the numbers they hold. */
        SAME_NUMBERS_DIFFERENT_FILES,
        /** Some result files hold other numbers, but each within the tolerance. */
        SAME_WITHIN_TOLERANCE,
        /** Some result file holds other numbers (beyond the tolerance). */
        DIFFERENT;

        /**
         * The verdict over result files {@code results}: {@code first}, the first that makes them differ, or
         * {@code null}; a file only one side has, and not {@code first}, does not count.
         */
        static Verdict over(List<FileComparison> results, FileComparison first) {
            if (first != null) {
                return DIFFERENT;
            }
            if (results.stream().anyMatch(r -> r.outcome() == FileComparison.Outcome.WITHIN_TOLERANCE)) {
                return SAME_WITHIN_TOLERANCE;
            }
            return results.stream().allMatch(r -> r.outcome() == FileComparison.Outcome.IDENTICAL_BYTES
                    || r.onlyInOne()) ? IDENTICAL_RESULTS : SAME_NUMBERS_DIFFERENT_FILES;
        }
    }

    /**
     * The result file holding the largest |B − A| of a number that differs (within the tolerance, where the verdict
     * is {@link Verdict#SAME_WITHIN_TOLERANCE}); {@code null} where no number differs.
     */
    @JsonIgnore
    public FileComparison largestDelta() {
        return FileComparison.largestDelta(results);
    }

    /** As {@link #of(Path, Path, Tolerance)}, numbers the same only when equal. */
    public static RunComparison of(Path a, Path b) throws IOException {
        return of(a, b, Tolerance.EXACT);
    }

    /**
     * Compares run directory {@code a} with {@code b}, numbers within {@code tolerance} of each other the same.
     *
     * @throws FileFormatException naming the directory or file when either is not a finished run directory, a file
     *                             one has is missing from the other, or a file is damaged
     * @throws IOException         when a file cannot be read
     */
    public static RunComparison of(Path a, Path b, Tolerance tolerance) throws IOException {
        requireRun("A", a);
        requireRun("B", b);
        requireWhole(a);
        requireWhole(b);
        List<String> present = new ArrayList<>();
        List<String> checked = new ArrayList<>(List.of(RunDirectory.CONFIG, RunDirectory.PROVENANCE));
        checked.addAll(RESULT_FILES);
        for (String f : checked) {
            boolean inA = Files.isRegularFile(a.resolve(f));
            boolean inB = Files.isRegularFile(b.resolve(f));
            if (inA != inB) {
                Path missing = (inA ? b : a).resolve(f);
                throw new FileFormatException(missing + " is missing, where " + (inA ? a : b).resolve(f) + " is there: "
                        + "the two runs cannot be compared file by file (restore it, or compare runs that both have it)");
            }
            if (inA && RESULT_FILES.contains(f)) {
                present.add(f);
            }
        }
        List<FileComparison> results = new ArrayList<>();
        for (String f : present) {
            results.add(FileComparison.of(f, a.resolve(f), b.resolve(f), null, Set.of(), tolerance));
        }
        FileComparison first = results.stream().filter(r -> r.outcome() == FileComparison.Outcome.DIFFERENT)
                .findFirst().orElse(null);
        return new RunComparison(a, b, tolerance, Verdict.over(results, first), first == null ? null : first.file(),
                List.copyOf(present), configuration(a, b), provenance(a, b), List.copyOf(results));
    }

    /** A finished run directory, or an error naming it and what it is instead. */
    private static void requireRun(String which, Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new FileFormatException(which + " " + dir + (Files.exists(dir) ? " is a file" : " does not exist")
                    + "; give two run directories");
        }
        if (!RunDirectory.isRun(dir)) {
            throw new FileFormatException(which + " " + dir + " is not a finished run directory: it has no "
                    + RunDirectory.SUMMARY);
        }
    }

    /** The run's files whole, or an error naming each damaged one. */
    private static void requireWhole(Path dir) {
        List<String> damaged = RunFileCheck.damaged(dir);
        if (!damaged.isEmpty()) {
            throw new FileFormatException(String.join("; ", damaged));
        }
    }

    private static List<TreeDifferences.Difference> configuration(Path a, Path b) throws IOException {
        var ca = RunDirectory.of(a).readConfig();
        var cb = RunDirectory.of(b).readConfig();
        return ca.isEmpty() ? List.of() : ConfigDifferences.between(ca.get(), cb.orElseThrow());
    }

    private static List<TreeDifferences.Difference> provenance(Path a, Path b) throws IOException {
        Path pa = RunDirectory.of(a).provenance();
        if (!Files.isRegularFile(pa)) {
            return List.of();
        }
        JsonNode x = JsonFiles.readObject(pa).deepCopy();
        JsonNode y = JsonFiles.readObject(RunDirectory.of(b).provenance()).deepCopy();
        ((ObjectNode) x).remove(PROVENANCE_TIMES);
        ((ObjectNode) y).remove(PROVENANCE_TIMES);
        return TreeDifferences.of(x, y, Set.of());
    }
}
