package io.somnus.experiment.stdp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.core.GaussianDraws;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.io.FileFormatException;
import io.somnus.experiment.io.Mappers;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.model.RunProgress;
import io.somnus.experiment.model.SnapshotArithmetic;
import io.somnus.experiment.model.SnapshotTrigger;
import io.somnus.experiment.run.ResumeRefusals;
import io.somnus.experiment.run.StandardResolver;
import io.somnus.experiment.run.StandardRunExecutor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * An STDP-SNN run cut short after a checkpoint and resumed from its snapshot writes the files of a run never cut
 * short, byte for byte (timing.json and provenance.json's times apart): the reference is the uninterrupted run, made
 * here, for each preset family. paper: nearest-pair STDP, every image from rest, sleep with noise between
 * checkpoints. paper-code: one carried stream per 4 images and a checkpoint every 6 of 3 epochs of 10 images (so the
 * snapshots fall inside a stream and an epoch, and later streams start carried), wake noise, since-last-spike STDP
 * with its dropped last-step spikes, per-stream sleep clock, sleep that keeps the state, the readout fitted on the
 * epoch's training activity and early stopping (which ends this run after epoch 2).
 * diehl-cook: conductance LIF with adaptive θ, triplet STDP, weight normalisation, re-presentations (few spikes),
 * sleep.
 */
public class StdpResumeTest {
    /** Files that must be the uninterrupted run's bits. */
    public static final String[] RESULTS = {RunDirectory.CONFIG, RunDirectory.METRICS, RunDirectory.SUMMARY,
            RunDirectory.WEIGHTS, RunDirectory.SLEEP_TRACES, RunDirectory.WEIGHT_HISTOGRAMS};

    @TempDir
    Path tmp;

    /** A tiny run of {@code preset} with sleep. */
    public static ObjectNode config(String preset) {
        Map<String, Object> s = new HashMap<>(Map.of("preset", preset, "dataset.name", "geomfig",
                "train.validation_images", 10, "train.test_images", 10, "train.eval_threads", 1,
                "sleep.fraction", 0.2));
        switch (preset) {
            case "paper" -> s.putAll(Map.of("train.images", 40, "train.checkpoints", 4,
                    "simulation.steps_per_image", 30, "sleep.wake_steps", 210, "populations.e.size", 40,
                    "populations.i.size", 10));
            case "paper-code" -> s.putAll(Map.of("train.images", 10, "train.epochs", 3, "train.checkpoints", 5,
                    "simulation.steps_per_image", 40, "simulation.reset_every_images", 4, "sleep.wake_steps", 100,
                    "sleep.max_episode_steps", 30, "populations.e.size", 40, "populations.i.size", 10));
            case "diehl-cook" -> s.putAll(Map.of("train.images", 30, "train.checkpoints", 3,
                    "simulation.steps_per_image", 100, "sleep.wake_steps", 700, "populations.e.size", 20,
                    "dataset.resize", 14));
            default -> throw new IllegalArgumentException(preset);
        }
        return new StandardResolver().resolve(s);
    }

    /** Stops the run (as a kill would) when it reports image {@code image} trained: its snapshot is an earlier one. */
    public static RunProgress stopAt(long image) {
        return (phase, done, total) -> {
            if (phase.equals("train") && done == image) {
                throw new IllegalStateException("cut short");
            }
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"paper", "paper-code", "diehl-cook"})
    void aRunCutShortAndResumedWritesTheUninterruptedRunsFiles(String preset) throws Exception {
        ObjectNode config = config(preset);
        Path whole = tmp.resolve("whole");
        new StandardRunExecutor().execute(config, whole, RunProgress.NONE);
        JsonNode summary = Mappers.JSON.readTree(whole.resolve(RunDirectory.SUMMARY).toFile());
        assertTrue(summary.get("sleep_steps").asLong() > 0, "the run sleeps");
        assertFalse(Files.exists(whole.resolve(RunDirectory.RESUME_SNAPSHOT)), "a finished run keeps no snapshot");
        if (preset.equals("diehl-cook")) {
            assertTrue(summary.get("presentations").asLong() > summary.get("train_images").asLong(),
                    "some images are presented again");
        }
        long images = summary.get("train_images").asLong();
        // the images trained when the run is stopped: after the 1st checkpoint, mid-run; just before the end
        for (long stop : new long[] {images / 2 + 1, images}) {
            Path cut = tmp.resolve(preset + "-cut" + stop);
            assertThrows(IllegalStateException.class, () -> new StandardRunExecutor().execute(config, cut, stopAt(stop)));
            assertTrue(Files.exists(cut.resolve(RunDirectory.RESUME_SNAPSHOT)), "stopped at " + stop);
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
                        preset + ", stopped at image " + stop + " and resumed: " + f);
            }
            assertFalse(Files.exists(cut.resolve(RunDirectory.RESUME_SNAPSHOT)), "removed once the results are written");
        }
    }

    /**
     * A snapshot taken between two checkpoints (as the wall-clock interval takes one; triggered here at a given image)
     * resumes to the uninterrupted run's files too. paper: after image 14, where a sleep episode has just ended (one
     * every 7 images), between the checkpoints at 10 and 20. paper-code: after image 13, inside the carried stream of
     * images 12–15 and inside epoch 2 (images 10–19), between the checkpoints at 12 and 18 (the training-activity
     * readout half-way through its epoch). diehl-cook: after image 14, between 10 and 20.
     */
    @ParameterizedTest
    @ValueSource(strings = {"paper", "paper-code", "diehl-cook"})
    void aSnapshotBetweenTwoCheckpointsResumesToTheUninterruptedRunsFiles(String preset) throws Exception {
        ObjectNode config = config(preset);
        Path whole = tmp.resolve("whole");
        new StandardRunExecutor().snapshotTriggers(() -> SnapshotTrigger.NEVER).execute(config, whole, RunProgress.NONE);
        long at = preset.equals("paper-code") ? 13 : 14;
        Path cut = tmp.resolve(preset + "-between");
        // stopped as image at + 2 reports: the last snapshot is the one after image at, not a checkpoint's (the
        // checkpoints so far: 10 of paper's and diehl-cook's, 6 and 12 of paper-code's 30 images in 5)
        assertThrows(IllegalStateException.class, () -> new StandardRunExecutor()
                .snapshotTriggers(() -> SnapshotTrigger.atImages(at)).execute(config, cut, stopAt(at + 2)));
        String rows = Files.readString(cut.resolve(RunDirectory.METRICS));
        assertEquals(preset.equals("paper-code") ? 3 : 2, rows.strip().split("\n").length,
                "the header and the checkpoints before image " + at + " only: " + rows);
        long[] from = {-1};
        new StandardRunExecutor().snapshotTriggers(() -> SnapshotTrigger.NEVER).resume(cut, (phase, done, total) -> {
            if (phase.equals("train") && from[0] < 0) {
                from[0] = done;
            }
        });
        assertEquals(at, from[0], "the resume goes on after image " + at);
        for (String f : RESULTS) {
            assertArrayEquals(Files.readAllBytes(whole.resolve(f)), Files.readAllBytes(cut.resolve(f)),
                    preset + ", snapshot after image " + at + ", resumed: " + f);
        }
    }

    /** Taking a snapshot after every image (the timed ones, at their most frequent) changes no byte of the results. */
    @Test
    void snapshotsAfterEveryImageChangeNoNumber() throws Exception {
        ObjectNode config = config("paper-code");
        Path never = tmp.resolve("never");
        new StandardRunExecutor().snapshotTriggers(() -> SnapshotTrigger.NEVER).execute(config, never, RunProgress.NONE);
        Path always = tmp.resolve("always");
        new StandardRunExecutor().snapshotTriggers(() -> new SnapshotTrigger() {
            @Override
            public boolean due(long images) {
                return true;
            }

            @Override
            public void taken(long images) { }
        }).execute(config, always, RunProgress.NONE);
        for (String f : RESULTS) {
            assertArrayEquals(Files.readAllBytes(never.resolve(f)), Files.readAllBytes(always.resolve(f)), f);
        }
    }

    /** A paper run cut short after its first checkpoint, in {@code dir}. */
    private Path cutShort(String name) {
        Path dir = tmp.resolve(name);
        assertThrows(IllegalStateException.class,
                () -> new StandardRunExecutor().execute(config("paper"), dir, stopAt(15)));
        return dir;
    }

    @Test
    void aDamagedOrForeignSnapshotIsRefusedAndKept() throws Exception {
        Path dir = cutShort("damaged");
        Path snapshot = ResumeRefusals.damagedSnapshotRefused(dir);
        byte[] sg = "SOMNUS-SG-RESUME\n0123456789012345678901234567890123456789012345678901234567890123456789"
                .getBytes(StandardCharsets.US_ASCII);
        Files.write(snapshot, sg); // an SG-SNN run's snapshot beside an STDP-SNN run's config.yaml
        FileFormatException e = ResumeRefusals.resumeRefused(FileFormatException.class, dir);
        assertTrue(e.getMessage().contains("is not a Somnus STDP-SNN resume snapshot"), e.getMessage());
        assertTrue(Files.exists(snapshot), "nothing is removed");
    }

    @Test
    void aChangedConfigurationIsRefused() throws Exception {
        ResumeRefusals.changedConfigurationRefused(cutShort("changed"), "seed: 1");
    }

    @Test
    void aRunStoppedBeforeItsFirstCheckpointHasNoSnapshot() throws Exception {
        Path early = tmp.resolve("early");
        assertThrows(IllegalStateException.class,
                () -> new StandardRunExecutor().execute(config("paper"), early, stopAt(5)));
        FileFormatException none = assertThrows(FileFormatException.class,
                () -> new StandardRunExecutor().resume(early, RunProgress.NONE));
        assertTrue(none.getMessage().contains(early + " has no resume snapshot")
                && none.getMessage().contains("first checkpoint"), none.getMessage());
    }

    /**
     * A snapshot written under other arithmetic (faked here: another JDK's own Gaussian draws and another
     * architecture) is refused, naming each fact then and now and the way on, and kept; with the override the run
     * goes on and provenance.json records the mix.
     */
    @Test
    void aSnapshotOfOtherArithmeticIsRefusedUnlessAllowed() throws Exception {
        Path dir = cutShort("arithmetic");
        Path snapshot = dir.resolve(RunDirectory.RESUME_SNAPSHOT);
        SnapshotArithmetic.rewrite(snapshot, f -> {
            assertEquals(GaussianDraws.stream(), f.get("gaussian_draws"), "the writer's own draws");
            assertEquals(System.getProperty("os.arch"), f.get("os_arch"));
            f.put("gaussian_draws", "java-99-nextGaussian");
            f.put("os_arch", "riscv64");
            return f;
        });
        byte[] before = Files.readAllBytes(snapshot);
        ConfigException e = assertThrows(ConfigException.class,
                () -> new StandardRunExecutor().resume(dir, RunProgress.NONE));
        String now = GaussianDraws.stream();
        assertTrue(e.getMessage().contains(snapshot + " was computed with other arithmetic"), e.getMessage());
        assertTrue(e.getMessage().contains("gaussian_draws: java-99-nextGaussian when the snapshot was written, "
                + now + " now"), e.getMessage());
        assertTrue(e.getMessage().contains("os_arch: riscv64 when the snapshot was written, "
                + System.getProperty("os.arch") + " now"), e.getMessage());
        assertTrue(e.getMessage().contains("--allow-other-arithmetic"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(snapshot), "the snapshot is kept as it was");
        assertFalse(Files.exists(dir.resolve(RunDirectory.SUMMARY)));

        new StandardRunExecutor().resume(dir, RunProgress.NONE, true);
        JsonNode mixes = Mappers.JSON.readTree(dir.resolve(RunDirectory.PROVENANCE).toFile())
                .get("resumed_under_other_arithmetic");
        assertEquals(1, mixes.size(), String.valueOf(mixes));
        assertTrue(mixes.get(0).asText().contains("gaussian_draws: java-99-nextGaussian when the snapshot was written"),
                mixes.toString());
    }

    /** A snapshot written before the arithmetic was recorded (version 1) is refused, said so; allowed, it resumes whole. */
    @Test
    void aVersionOneSnapshotIsRefusedUnlessAllowedAndThenResumesExactly() throws Exception {
        Path whole = tmp.resolve("whole-v1");
        new StandardRunExecutor().execute(config("paper"), whole, RunProgress.NONE);
        assertFalse(Mappers.JSON.readTree(whole.resolve(RunDirectory.PROVENANCE).toFile())
                .has("resumed_under_other_arithmetic"), "an uninterrupted run records no mix");
        Path dir = cutShort("version1");
        SnapshotArithmetic.toVersion1(dir.resolve(RunDirectory.RESUME_SNAPSHOT));
        ConfigException e = assertThrows(ConfigException.class,
                () -> new StandardRunExecutor().resume(dir, RunProgress.NONE));
        assertTrue(e.getMessage().contains("did not record the arithmetic") && e.getMessage().contains(
                "--allow-other-arithmetic"), e.getMessage());
        new StandardRunExecutor().resume(dir, RunProgress.NONE, true);
        for (String f : RESULTS) {
            assertArrayEquals(Files.readAllBytes(whole.resolve(f)), Files.readAllBytes(dir.resolve(f)), f);
        }
        assertTrue(Mappers.JSON.readTree(dir.resolve(RunDirectory.PROVENANCE).toFile())
                .get("resumed_under_other_arithmetic").get(0).asText().startsWith("not checked"));
    }
}
