package io.somnus.experiment.sg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.Configs;
import io.somnus.experiment.config.SgRunConfig;
import io.somnus.experiment.io.FileFormatException;
import io.somnus.experiment.io.Mappers;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.model.DataPreparation;
import io.somnus.experiment.model.PreparedData;
import io.somnus.experiment.model.RunFiles;
import io.somnus.experiment.model.RunProgress;
import io.somnus.experiment.model.SnapshotArithmetic;
import io.somnus.experiment.run.ResumeRefusals;
import io.somnus.experiment.run.StandardResolver;
import io.somnus.experiment.run.StandardRunExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An SG-SNN run cut short after an epoch and resumed from its snapshot writes the files of a run never cut short,
 * byte for byte (timing.json and provenance.json's times apart): the reference is the uninterrupted run, made here.
 */
class SgResumeTest {
    /** Files that must be the uninterrupted run's bits. */
    static final String[] RESULTS = {RunDirectory.CONFIG, RunDirectory.METRICS, RunDirectory.SUMMARY,
            RunDirectory.WEIGHTS, RunDirectory.SLEEP_TRACES, RunDirectory.WEIGHT_HISTOGRAMS};

    @TempDir
    Path tmp;

    /**
     * A tiny run of {@code preset}. paper-sg: a chance of 0.5 of sleep after each epoch; with seed 5 it sleeps after
     * epoch 2 only and its validation accuracy falls in epoch 3 (0.4, 0.4, 0.35), so that a resume after epoch 2 that
     * lost the last episode's number or the accuracies before it writes other traces or another stability.
     * paper-sg-code: an episode every 3rd of 5 minibatches an epoch, the count running across epochs.
     */
    static ObjectNode config(String preset) {
        Map<String, Object> s = new HashMap<>(Map.of("preset", preset, "dataset.name", "geomfig", "train.images", 70,
                "train.validation_images", 20, "train.test_images", 20, "train.epochs", 3, "sg.hidden", 20,
                "sg.steps", 10, "sg.batch_size", 16));
        boolean perEpoch = preset.equals("paper-sg");
        s.putAll(Map.of("sleep.fraction", perEpoch ? 0.5 : 0.3, "sg.sleep.iterations", 2,
                "sg.sleep.steps_per_iteration", 10, "sg.sleep.batch_copies", 4, "seed", perEpoch ? 5 : 3));
        return new StandardResolver().resolve(s);
    }

    /** Stops the run (as a kill would) when it reports epoch {@code epoch} done: its snapshot is of the epoch before. */
    static RunProgress stopAt(long epoch) {
        return (phase, done, total) -> {
            if (phase.equals("train") && done == epoch) {
                throw new IllegalStateException("cut short");
            }
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"paper-sg", "paper-sg-code"})
    void aRunCutShortAndResumedWritesTheUninterruptedRunsFiles(String preset) throws Exception {
        ObjectNode config = config(preset);
        Path whole = tmp.resolve("whole");
        new StandardRunExecutor().execute(config, whole, RunProgress.NONE);
        assertTrue(Mappers.JSON.readTree(whole.resolve(RunDirectory.SUMMARY).toFile()).get("sleep_steps").asLong() > 0,
                "the run sleeps");
        assertFalse(Files.exists(whole.resolve(RunDirectory.RESUME_SNAPSHOT)), "a finished run keeps no snapshot");
        // stopped as epoch k reports (its metrics row written, its snapshot not): the snapshot is epoch k − 1's
        for (int k = 2; k <= 3; k++) {
            Path cut = tmp.resolve(preset + "-cut" + k);
            long stop = k;
            assertThrows(IllegalStateException.class,
                    () -> new StandardRunExecutor().execute(config, cut, stopAt(stop)));
            assertTrue(Files.exists(cut.resolve(RunDirectory.RESUME_SNAPSHOT)));
            assertFalse(Files.exists(cut.resolve(RunDirectory.SUMMARY)));
            Files.write(cut.resolve(".resume.snapshot.1f2e3d.tmp"), new byte[7]); // as a kill mid-write leaves it
            new StandardRunExecutor().resume(cut, RunProgress.NONE);
            try (Stream<Path> files = Files.list(cut)) {
                assertEquals(new TreeSet<>(RunDirectory.FILES), files.map(p -> p.getFileName().toString())
                        .collect(Collectors.toCollection(TreeSet::new)),
                        "the run's files and nothing else");
            }
            for (String f : RESULTS) {
                assertArrayEquals(Files.readAllBytes(whole.resolve(f)), Files.readAllBytes(cut.resolve(f)),
                        preset + ", resumed after epoch " + (k - 1) + ": " + f);
            }
            assertTrue(Files.exists(cut.resolve(RunDirectory.TIMING)) && Files.exists(cut.resolve(RunDirectory.PROVENANCE)));
            assertFalse(Files.exists(cut.resolve(RunDirectory.RESUME_SNAPSHOT)), "removed once the results are written");
        }
    }

    /** A run cut short after its first epoch, in {@code dir}. */
    private Path cutShort(String name) {
        Path dir = tmp.resolve(name);
        assertThrows(IllegalStateException.class,
                () -> new StandardRunExecutor().execute(config("paper-sg"), dir, stopAt(2)));
        return dir;
    }

    @Test
    void aDamagedSnapshotIsRefusedAndKept() throws Exception {
        Path dir = cutShort("damaged");
        Path snapshot = ResumeRefusals.damagedSnapshotRefused(dir);
        Files.write(snapshot, Arrays.copyOf(Files.readAllBytes(snapshot), 10));
        FileFormatException e = ResumeRefusals.resumeRefused(FileFormatException.class, dir);
        assertTrue(e.getMessage().contains("is not a Somnus SG-SNN resume snapshot"), e.getMessage());
        assertTrue(Files.exists(snapshot), "nothing is removed");
    }

    /**
     * An SG-SNN snapshot whose products ran on other OpenBLAS kernels (faked: the recorded core type changed) is
     * refused naming the fact then and now, and kept; with the override the run goes on and records the mix.
     */
    @Test
    void aSnapshotOfOtherBlasKernelsIsRefusedUnlessAllowed() throws Exception {
        Path dir = cutShort("arithmetic");
        Path snapshot = dir.resolve(RunDirectory.RESUME_SNAPSHOT);
        String[] was = new String[1];
        SnapshotArithmetic.rewrite(snapshot, f -> {
            assertTrue(f.containsKey("blas_implementation") && f.containsKey("blas_library"), f.toString());
            was[0] = f.put("openblas_coretype", "Prescott-elsewhere");
            return f;
        });
        byte[] before = Files.readAllBytes(snapshot);
        ConfigException e = assertThrows(ConfigException.class,
                () -> new StandardRunExecutor().resume(dir, RunProgress.NONE));
        assertTrue(e.getMessage().contains("openblas_coretype: Prescott-elsewhere when the snapshot was written, "
                + was[0] + " now") && e.getMessage().contains("--allow-other-arithmetic"), e.getMessage());
        assertFalse(e.getMessage().contains("gaussian_draws"), "only what differs is named: " + e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(snapshot), "the snapshot is kept as it was");
        new StandardRunExecutor().resume(dir, RunProgress.NONE, true);
        assertTrue(Mappers.JSON.readTree(dir.resolve(RunDirectory.PROVENANCE).toFile())
                .get("resumed_under_other_arithmetic").get(0).asText().startsWith("openblas_coretype: Prescott-elsewhere"));
    }

    @Test
    void aChangedConfigurationIsRefused() throws Exception {
        ResumeRefusals.changedConfigurationRefused(cutShort("changed"), "seed: 5");
    }

    @Test
    void aRunWithoutSnapshotIsRefused() throws Exception {
        // stopped before its first epoch ended: config.yaml only
        Path early = tmp.resolve("early");
        assertThrows(IllegalStateException.class,
                () -> new StandardRunExecutor().execute(config("paper-sg"), early, stopAt(1)));
        FileFormatException none = assertThrows(FileFormatException.class,
                () -> new StandardRunExecutor().resume(early, RunProgress.NONE));
        assertTrue(none.getMessage().contains(early + " has no resume snapshot"), none.getMessage());
        Path stdp = Files.createDirectories(tmp.resolve("stdp"));
        ObjectNode paper = new StandardResolver().resolve(Map.of("preset", "paper", "dataset.name", "geomfig"));
        Files.writeString(stdp.resolve(RunDirectory.CONFIG), Configs.toYaml(paper));
        // an STDP-SNN run stopped before its first checkpoint: no snapshot either (StdpResumeTest resumes one)
        FileFormatException e = assertThrows(FileFormatException.class,
                () -> new StandardRunExecutor().resume(stdp, RunProgress.NONE));
        assertTrue(e.getMessage().contains(stdp + " has no resume snapshot") && e.getMessage().contains("run it again"),
                e.getMessage());
    }

    /**
     * Taking snapshots replaces each generator by its twin after every epoch (SplittableState.drain and rebuild): a run
     * that takes them draws what a run that takes none draws, so its summary and weights are that run's, bit for bit.
     */
    @ParameterizedTest
    @ValueSource(strings = {"paper-sg", "paper-sg-code"})
    void takingSnapshotsChangesNoNumber(String preset) throws Exception {
        SgRunConfig cfg = (SgRunConfig) Configs.bind(config(preset));
        PreparedData data = DataPreparation.prepare(cfg);
        Path none = Files.createDirectories(tmp.resolve("none"));
        Path taken = Files.createDirectories(tmp.resolve("taken"));
        // a snapshot names the config.yaml it was taken under, as the executor writes it first
        Files.writeString(taken.resolve(RunDirectory.CONFIG), Configs.toYaml(config(preset)));
        SgRun.Result plain = SgRun.run(cfg, data, new RunFiles(none, RunProgress.NONE));
        SgRun.Result snapshots = SgRun.runResumable(cfg, data,
                new RunFiles(taken, RunProgress.NONE));
        assertFalse(Files.exists(none.resolve(RunDirectory.RESUME_SNAPSHOT)));
        assertTrue(Files.exists(taken.resolve(RunDirectory.RESUME_SNAPSHOT)), "snapshots were taken");
        assertEquals(plain.summary(), snapshots.summary());
        assertEquals(plain.arrays().keySet(), snapshots.arrays().keySet());
        for (String k : plain.arrays().keySet()) {
            assertArrayEquals(plain.arrays().get(k).floats(), snapshots.arrays().get(k).floats(), k);
        }
    }
}
