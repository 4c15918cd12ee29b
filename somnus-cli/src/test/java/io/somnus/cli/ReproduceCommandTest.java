package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.data.DatasetCatalog;
import io.somnus.data.DatasetLocations;
import io.somnus.data.DatasetRegistry;
import io.somnus.experiment.config.StudyControl;
import io.somnus.experiment.run.StandardResolver;
import io.somnus.experiment.sweep.PlannedRun;
import io.somnus.experiment.sweep.StudyCalibration;
import io.somnus.experiment.sweep.RunWork;
import io.somnus.experiment.sweep.SweepPlan;
import io.somnus.experiment.sweep.SweepPlanner;
import io.somnus.experiment.sweep.SweepSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The studies {@code somnus reproduce} runs include both untrained controls of the STDP-SNN. */
class ReproduceCommandTest {
    @Test
    void theQuickStudyRunsBothControlsForTheStdpPresetOnEveryDatasetAndSeed() {
        SweepSpec spec = SweepSpec.parse(Path.of("quick.yaml"), ReproduceCommand.quickSweep());
        assertEquals(List.of(StudyControl.UNTRAINED, StudyControl.UNTRAINED_SLEEP_TARGET), spec.controls());
        SweepPlan plan = SweepPlanner.plan(spec, new StandardResolver());
        Map<String, Long> byVariant = plan.runs().stream()
                .collect(Collectors.groupingBy(PlannedRun::variant, Collectors.counting()));
        // 3 presets × 2 datasets × 4 fractions × 3 seeds, and per control 1 STDP preset × 2 datasets × 3 seeds
        assertEquals(Map.of("", 72L, "control=untrained", 6L, "control=untrained_sleep_target", 6L), byVariant);
        for (PlannedRun r : plan.runs()) {
            if (!r.variant().isEmpty()) {
                assertEquals("paper", r.config().get("preset").asText());
                // the controls get the quick study's reduced sizes like the trained runs
                assertEquals(400, r.config().get("train").get("images").asInt(), r.runId());
            }
        }
    }

    @Test
    void theFullStudyRunsThemToo() {
        assertEquals(List.of(StudyControl.UNTRAINED, StudyControl.UNTRAINED_SLEEP_TARGET),
                SweepSpec.parse(Path.of("full.yaml"), ReproduceCommand.fullSweep()).controls());
    }

    /** The verdict judges each claim under both readings of each model: the full study runs all four presets. */
    @Test
    void theFullStudyRunsBothReadingsOfBothModels() {
        assertEquals(List.of("paper", "paper-code", "paper-sg", "paper-sg-code"),
                SweepSpec.parse(Path.of("full.yaml"), ReproduceCommand.fullSweep()).presets());
        assertEquals(List.of("paper", "paper-sg", "paper-sg-code"),
                SweepSpec.parse(Path.of("quick.yaml"), ReproduceCommand.quickSweep()).presets());
    }

    /**
     * --estimate's calibration runs: every preset of the full study resolves, each of them runs every phase, at the
     * sizes StudyCalibration.DESCRIPTION gives.
     */
    @Test
    void theCalibrationRunsMeasureEveryPhaseOfEveryPreset() {
        StandardResolver resolver = new StandardResolver();
        SweepSpec full = SweepSpec.parse(Path.of("full.yaml"), ReproduceCommand.fullSweep());
        SweepPlan plan = StudyCalibration.plan(SweepPlanner.plan(full, resolver), resolver);
        assertEquals(full.presets().size() * StudyCalibration.SEEDS, plan.runs().size());
        Map<String, String> sizes = new TreeMap<>();
        for (PlannedRun r : plan.runs()) {
            RunWork w = RunWork.of(r.config());
            assertTrue(w.train() > 0 && w.sleep() > 0 && w.evaluation() > 0, r.runId() + ": " + w);
            assertEquals(0.5, r.config().get("sleep").get("fraction").asDouble(), r.runId());
            assertEquals(full.datasets().get(0), r.config().get("dataset").get("name").asText(), r.runId());
            var c = r.config();
            sizes.put(c.get("preset").asText(), c.get("model").asText().equals("sg")
                    ? c.at("/train/images") + " " + c.at("/sg/epochs") + " " + c.at("/sg/sleep_schedule").asText()
                    : c.at("/train/images") + " " + c.at("/sleep/wake_steps"));
        }
        assertEquals(Map.of("paper", "200 5000", "paper-code", "50 10000", "paper-sg", "512 1 every_minibatches",
                "paper-sg-code", "512 1 every_minibatches"), sizes);
    }

    /**
     * --write-estimate into a file without the estimate's marker lines (or no file) is bad input: refused with exit 2,
     * naming the option and the file, before the calibration (here: --calibration of an empty directory, which would
     * be refused itself; without --calibration, minutes of calibration runs) and before any table is printed, the file
     * unchanged. It used to project the study first and then fail with exit 1.
     */
    @Test
    void aWriteEstimateFileWithoutItsMarkersIsRefusedBeforeTheCalibration(@TempDir Path tmp) throws Exception {
        Path notes = Files.writeString(tmp.resolve("notes.md"), "no markers here\n");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        for (Path file : List.of(notes, tmp.resolve("missing.md"))) {
            StringWriter err = new StringWriter();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream before = System.out;
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int exit;
            try {
                CommandLine cl = SomnusCli.commandLine();
                cl.setErr(new PrintWriter(err, true));
                exit = cl.execute("reproduce", "--estimate", "--quick", "--calibration", empty.toString(),
                        "--write-estimate", file.toString());
            } finally {
                System.setOut(before);
            }
            assertEquals(SomnusCli.EXIT_BAD_INPUT, exit, err.toString());
            assertTrue(err.toString().contains("--write-estimate " + file), err.toString());
            assertTrue(err.toString().contains("<!-- estimate:begin -->"), err.toString());
            assertEquals("", out.toString(StandardCharsets.UTF_8), "no table printed");
        }
        assertEquals("no markers here\n", Files.readString(notes), "the file unchanged");
        assertTrue(!Files.exists(tmp.resolve("missing.md")), "no file made");
    }

    /** Writes a dataset's four IDX files (one 28×28 image, label 0 per split) into {@code dir}, as a user's copy. */
    private static void writeDataset(Path dir, String prefix, String trainName, String testName) throws Exception {
        Files.createDirectories(dir);
        byte[] images = new byte[16 + 784];
        ByteBuffer.wrap(images).putInt(0x803).putInt(1).putInt(28).putInt(28);
        byte[] labels = new byte[9];
        ByteBuffer.wrap(labels).putInt(0x801).putInt(1);
        Files.write(dir.resolve(prefix + trainName + "-images-idx3-ubyte"), images);
        Files.write(dir.resolve(prefix + trainName + "-labels-idx1-ubyte"), labels);
        if (testName != null) {
            Files.write(dir.resolve(prefix + testName + "-images-idx3-ubyte"), images);
            Files.write(dir.resolve(prefix + testName + "-labels-idx1-ubyte"), labels);
        }
    }

    private static DatasetRegistry cacheOnly(Path cache) {
        return new DatasetRegistry(DatasetCatalog.builtIn(),
                new DatasetLocations(cache, List.of()), (uri, target) -> {
                    throw new AssertionError("the study's discovery downloads nothing: " + uri);
                });
    }

    /**
     * A user's MNIST-like datasets in the cache whose files match no published checksum (a conversion of MNIST,
     * EMNIST letters extracted by hand, notMNIST, which has none): the full study used to take them in and then fail
     * every one of their runs on the checksum, hours of its runs and exit 3; now it refuses to start (exit 2), naming
     * each file and --allow-unverified-data, and with that option runs them, its runs accepting them. notMNIST, one of
     * the paper's datasets, used to be left out even when found; a dataset with its train split only is left out and
     * said so.
     */
    @Test
    void theFullStudyRefusesUnverifiedDatasetsItFindsUnlessAllowedAndThenRunsThem(@TempDir Path tmp) throws Exception {
        Path cache = tmp.resolve("cache");
        writeDataset(cache.resolve("mnist"), "", "train", "t10k");
        writeDataset(cache.resolve("emnist-letters"), "emnist-letters-", "train", "test");
        writeDataset(cache.resolve("notmnist"), "", "train", "t10k");
        writeDataset(cache.resolve("kmnist"), "", "train", null); // no test split: downloadable, so left out
        var registry = cacheOnly(cache);
        CliException e = Assertions.assertThrows(CliException.class,
                () -> ReproduceCommand.fullSweep(registry, false, null));
        for (String f : List.of("mnist/train-images-idx3-ubyte", "mnist/t10k-labels-idx1-ubyte",
                "emnist-letters/emnist-letters-test-images-idx3-ubyte", "notmnist/train-labels-idx1-ubyte")) {
            assertTrue(e.getMessage().contains(cache.resolve(f).toString()), f + " in: " + e.getMessage());
        }
        assertTrue(e.getMessage().contains("--allow-unverified-data"), e.getMessage());

        ByteArrayOutputStream notes = new ByteArrayOutputStream();
        String text = ReproduceCommand.fullSweep(registry, true,
                new PrintStream(notes, true, StandardCharsets.UTF_8));
        SweepSpec full = SweepSpec.parse(Path.of("full.yaml"), text);
        assertEquals(List.of("mnist", "emnist-letters", "notmnist", "geomfig"), full.datasets());
        SweepPlan plan = SweepPlanner.plan(full, new StandardResolver());
        for (PlannedRun r : plan.runs()) {
            assertTrue(r.config().at("/dataset/allow_unverified").asBoolean(), r.runId());
        }
        String said = notes.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("mnist (unverified) in " + cache.resolve("mnist")), said);
        assertTrue(said.contains("left out kmnist: only the train split found"), said);
    }

    /** With --engine spark --data-dir DIR, the study looks for its datasets where its runs will: DIR/<name>. */
    @Test
    void theFullStudyFindsTheDatasetsShippedWithDataDir(@TempDir Path tmp) throws Exception {
        writeDataset(tmp.resolve("mnist"), "", "train", "t10k");
        String text = ReproduceCommand.fullSweep(ReproduceCommand.registry(tmp), true, null);
        assertTrue(SweepSpec.parse(Path.of("full.yaml"), text).datasets().contains("mnist"), text);
    }
}
