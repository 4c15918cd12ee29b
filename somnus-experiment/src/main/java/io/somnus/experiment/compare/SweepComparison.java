package io.somnus.experiment.compare;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.somnus.experiment.io.FileFormatException;
import io.somnus.experiment.sweep.SweepRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Two sweep directories compared run by run: each run id in either sweep's {@code runs/}, compared as
 * {@link RunComparison} compares two runs where both sweeps hold it finished and whole.
 *
 * @param a    sweep A's directory
 * @param b    sweep B's directory
 * @param runs one entry per run id, in id order
 */
public record SweepComparison(@JsonSerialize(using = ToStringSerializer.class) Path a,
        @JsonSerialize(using = ToStringSerializer.class) Path b, List<Run> runs) {

    /** What comparing one run id found. */
    public enum Outcome {
        /** Both runs' result files byte for byte the same. */
        IDENTICAL_RESULTS,
        /** The same numbers in other bytes. */
        SAME_NUMBERS_DIFFERENT_FILES,
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

    /** Whether {@code dir} holds a sweep's runs (a {@code runs/} directory) rather than being a run itself. */
    public static boolean isSweep(Path dir) {
        return Files.isDirectory(dir.resolve(SweepRunner.RUNS_DIR))
                && !Files.exists(dir.resolve(io.somnus.experiment.io.RunDirectory.SUMMARY));
    }

    /** Whether every run id is in both sweeps with the same numbers. */
    public boolean sameNumbers() {
        return runs.stream().allMatch(r -> r.outcome() == Outcome.IDENTICAL_RESULTS
                || r.outcome() == Outcome.SAME_NUMBERS_DIFFERENT_FILES);
    }

    /**
     * Compares sweep directory {@code a} with {@code b}, run by run.
     *
     * @throws IOException when a {@code runs/} directory cannot be listed
     */
    public static SweepComparison of(Path a, Path b) throws IOException {
        TreeSet<String> ids = new TreeSet<>(ids(a));
        List<String> inB = ids(b);
        ids.addAll(inB);
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
                    RunComparison c = RunComparison.of(ra, rb);
                    runs.add(new Run(id, Outcome.valueOf(c.verdict().name()), c, null));
                } catch (FileFormatException e) {
                    runs.add(new Run(id, Outcome.NOT_COMPARED, null, e.getMessage()));
                }
            }
        }
        return new SweepComparison(a, b, List.copyOf(runs));
    }

    /** The run ids under {@code sweep/runs}: its directories but the hidden ones (a run still being written). */
    private static List<String> ids(Path sweep) throws IOException {
        try (Stream<Path> s = Files.list(sweep.resolve(SweepRunner.RUNS_DIR))) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("."))
                    .sorted().toList();
        }
    }
}
