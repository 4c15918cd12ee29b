package io.somnus.experiment.sweep;

import io.somnus.experiment.io.AtomicFiles;
import io.somnus.experiment.io.DirectoryLock;
import io.somnus.experiment.stats.Aggregator;
import io.somnus.experiment.stats.GlmmRunner;
import io.somnus.experiment.verdict.VerdictFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The temporary files that a killed writer of a sweep directory's own files leaves at its top level: those of
 * {@link AtomicFiles#write} ({@code .aggregate.csv.<nonce>.tmp}) and the GLMM script's tables
 * ({@code glmm.csv.new}), for the files that only the holder of the sweep's lock ({@link SweepRunner#LOCK_FILE})
 * writes: the aggregates, the verdict, the GLMM's files and the copy of the sweep file.
 *
 * <p>Another temporary file is not one of them: {@code report} writes {@code report.html} without taking the lock
 * (it may run beside a sweep), so its temporary file may belong to a report being written now; only the lock its
 * writer holds on that file tells ({@code somnus clean}, {@link AtomicFiles#removeIfAbandoned}).
 */
public final class SweepTempFiles {
    /** The files of a sweep directory written only under its lock, by {@link AtomicFiles#write}. */
    static final Set<String> WRITTEN_UNDER_LOCK = Set.of(Aggregator.AGGREGATE, Aggregator.RUNS_LONG, Aggregator.CURVES,
            Aggregator.STATS, VerdictFiles.JSON, VerdictFiles.CSV, GlmmRunner.SCRIPT, SweepRunner.SWEEP_COPY);
    /** The tables the GLMM script writes under {@link GlmmRunner#WRITING_SUFFIX}, under the lock as well. */
    static final Set<String> R_TABLES = Set.of(GlmmRunner.TABLE, GlmmRunner.FACTOR_TABLE);

    private SweepTempFiles() {}

    /** The temporary files of these kinds in {@code sweepDir}, sorted; whether they are stale is the caller's to know. */
    public static List<Path> find(Path sweepDir) throws IOException {
        if (!Files.isDirectory(sweepDir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(sweepDir)) {
            return s.filter(Files::isRegularFile).filter(p -> isOurs(p.getFileName().toString())).sorted().toList();
        }
    }

    /**
     * Removes the temporary files of these kinds from {@code sweepDir}, whose lock the caller holds.
     *
     * <p>They are stale because the lock is held: every writer of these files holds the sweep's lock while it writes
     * (the sweep, {@code report --aggregate}), so a temporary file found while this process holds the lock, and is not
     * itself writing, was left by a writer that died. Their age is not consulted.
     *
     * @return the files removed
     * @throws IllegalArgumentException when {@code lock} is not the lock of {@code sweepDir}
     */
    public static List<Path> removeStale(Path sweepDir, DirectoryLock lock) throws IOException {
        Path dir = sweepDir.toAbsolutePath().normalize();
        if (!lock.file().equals(dir.resolve(SweepRunner.LOCK_FILE))) {
            throw new IllegalArgumentException("the lock " + lock.file() + " is not the lock of " + dir);
        }
        List<Path> removed = new ArrayList<>();
        for (Path p : find(dir)) {
            if (Files.deleteIfExists(p)) {
                removed.add(p);
            }
        }
        return removed;
    }

    /** "removed 2 temporary files left by an interrupted aggregation: .aggregate.csv.1f.tmp, glmm.csv.new". */
    public static String removedInWords(List<Path> removed) {
        return "removed " + removed.size() + " temporary file" + (removed.size() == 1 ? "" : "s") + " left by an "
                + "interrupted aggregation: " + String.join(", ", removed.stream().map(p -> p.getFileName().toString())
                .toList());
    }

    static boolean isOurs(String fileName) {
        if (AtomicFiles.targetOf(fileName).filter(WRITTEN_UNDER_LOCK::contains).isPresent()) {
            return true;
        }
        return fileName.endsWith(GlmmRunner.WRITING_SUFFIX)
                && R_TABLES.contains(fileName.substring(0, fileName.length() - GlmmRunner.WRITING_SUFFIX.length()));
    }
}
