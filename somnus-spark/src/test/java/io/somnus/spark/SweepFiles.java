package io.somnus.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.somnus.experiment.io.AtomicFiles;
import io.somnus.experiment.run.StandardResolver;
import io.somnus.experiment.run.StandardRunExecutor;
import io.somnus.experiment.sweep.SweepCommandSupport;
import io.somnus.experiment.sweep.SweepEngine;
import io.somnus.experiment.sweep.SweepListener;
import io.somnus.experiment.sweep.SweepResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** A small STDP sweep on geomfig and the byte-for-byte comparison of two sweep directories. */
final class SweepFiles {
    /** The files of a run that are pure functions of its configuration (timing.json and provenance.json are not). */
    static final List<String> DETERMINISTIC = List.of("config.yaml", "summary.json", "metrics.csv", "weights.npz");

    private SweepFiles() { }

    /** {@code fractions} × {@code seeds} runs of the paper's STDP-SNN on geomfig at tiny sizes (about a second each). */
    static Path write(Path dir, String name, String fractions, String seeds) throws IOException {
        Path file = dir.resolve(name + ".yaml");
        AtomicFiles.write(file, """
                name: %s
                presets: [paper]
                datasets: [geomfig]
                sleep_fractions: [%s]
                seeds: [%s]
                set:
                  train.images: 60
                  train.validation_images: 20
                  train.test_images: 40
                  train.checkpoints: 2
                  train.readout_images: 40
                  train.eval_threads: 1
                  sleep.wake_steps: 2000
                """.formatted(name, fractions, seeds));
        return file;
    }

    static SweepCommandSupport support() {
        return new SweepCommandSupport(new StandardResolver(), new StandardRunExecutor());
    }

    static SweepResult runLocally(Path sweep, Path out) throws Exception {
        return support().run(sweep, out, SweepEngine.local(new StandardRunExecutor()), 2, false, SweepListener.NONE);
    }

    /** Asserts equal bytes of aggregate.csv and of each run's deterministic files; returns the runs compared. */
    static int assertSameResults(Path expected, Path actual) throws IOException {
        assertArrayEquals(Files.readAllBytes(expected.resolve("aggregate.csv")), Files.readAllBytes(actual.resolve("aggregate.csv")),
                "aggregate.csv of " + actual + " differs from " + expected);
        List<String> runs = runIds(expected);
        assertEquals(runs, runIds(actual), "run directories");
        for (String run : runs) {
            for (String f : DETERMINISTIC) {
                assertArrayEquals(Files.readAllBytes(expected.resolve("runs").resolve(run).resolve(f)),
                        Files.readAllBytes(actual.resolve("runs").resolve(run).resolve(f)), run + "/" + f);
            }
        }
        return runs.size();
    }

    static List<String> runIds(Path sweepDir) throws IOException {
        try (Stream<Path> s = Files.list(sweepDir.resolve("runs"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
