package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.experiment.config.Configs;
import io.somnus.experiment.io.NpyArray;
import io.somnus.experiment.io.Npz;
import io.somnus.experiment.sweep.SweepLedger;
import io.somnus.experiment.sweep.SweepPlan;
import io.somnus.experiment.sweep.SweepPlanner;
import io.somnus.experiment.sweep.SweepRunner;
import io.somnus.experiment.sweep.SweepSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code somnus inspect}: a preset's file with its comments, and a run with what it changed from its preset. */
class InspectCommandTest {
    @Test
    void aBundledPresetIsShownWithItsComments() {
        CommandLine cl = SomnusCli.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        assertEquals(0, cl.execute("inspect", "paper"));
        String text = out.toString();
        assertTrue(text.contains("wake_steps: 35000           # an episode after every 350 images"), text);
        assertTrue(text.strip().endsWith("# (with options: somnus train --preset paper ... --print-config)"), text);
    }

    @Test
    void aRunSaysWhatItChangedFromItsPreset(@TempDir Path tmp) throws Exception {
        String out = inspect(run(tmp, "{\"preset\":\"paper\",\"dataset\":\"geomfig\",\"seed\":5,\"sleep_fraction\":0.2,"
                + "\"achieved_sleep_fraction\":0.2,\"sleep_episodes\":2,\"test_accuracy\":0.5}",
                Map.of("preset", "paper", "seed", 5, "dataset.name", "geomfig")));
        assertTrue(out.contains("configuration: preset paper, changed:\n    seed: 1 → 5\n"
                + "    dataset.name: fashion-mnist → geomfig\n"), out);
        assertTrue(!out.contains("warning"), out);
    }

    /** A run directory with summary.json {@code summary} and the config.yaml of {@code settings}, resolved. */
    private static Path run(Path tmp, String summary, Map<String, Object> settings) throws Exception {
        Path run = Files.createDirectory(tmp.resolve("run"));
        Files.writeString(run.resolve("summary.json"), summary);
        Files.writeString(run.resolve("config.yaml"), Configs.toYaml(Configs.resolveTree(settings)));
        return run;
    }

    /** What {@code somnus inspect RUN} prints. */
    private static String inspect(Path run) {
        CommandLine cl = SomnusCli.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        assertEquals(0, cl.execute("inspect", run.toString()));
        return out.toString();
    }

    /** A changes file's run is named after the file and says which preset it changed, and how. */
    @Test
    void aChangesFilesRunSaysItsNameAndThePresetItChanged(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("ff.yaml"), "preset: paper\nseed: 5\nprojections: {e_e: null}\n");
        Path run = Files.createDirectory(tmp.resolve("run"));
        Files.writeString(run.resolve("summary.json"), "{\"preset\":\"ff\",\"dataset\":\"geomfig\",\"seed\":5,"
                + "\"sleep_fraction\":0.2,\"achieved_sleep_fraction\":0.2,\"sleep_episodes\":2,\"test_accuracy\":0.5}");
        Files.writeString(run.resolve("config.yaml"), Configs.toYaml(Configs.resolveTree(Map.of("preset",
                file.toString()))));
        CommandLine cl = SomnusCli.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        assertEquals(0, cl.execute("inspect", run.toString()));
        assertTrue(out.toString().contains("configuration: ff, preset paper, changed:\n"), out.toString());
        assertTrue(out.toString().contains("    seed: 1 → 5\n"), out.toString());
        assertTrue(out.toString().contains("    projections.e_e: removed\n"), out.toString());
    }

    /** A run of a whole configuration file of its own (a composed network) is said to be one, not left unsaid. */
    @Test
    void aRunOfAWholeFileOfItsOwnSaysSo(@TempDir Path tmp) throws Exception {
        Path run = Files.createDirectory(tmp.resolve("run"));
        Files.writeString(run.resolve("summary.json"), "{\"preset\":\"composed\",\"dataset\":\"geomfig\",\"seed\":1,"
                + "\"sleep_fraction\":0.2,\"achieved_sleep_fraction\":0.2,\"sleep_episodes\":2,\"test_accuracy\":0.5}");
        Files.writeString(run.resolve("config.yaml"), Configs.toYaml(Configs.resolveTree(Map.of("preset", "paper")))
                .replace("preset: paper", "preset: composed"));
        CommandLine cl = SomnusCli.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        assertEquals(0, cl.execute("inspect", run.toString()));
        assertTrue(out.toString().contains("configuration: a whole file of its own (preset composed is no bundled "
                + "preset, so no changes to list); " + run.resolve("config.yaml") + " holds every field"), out.toString());
    }

    /**
     * A run of a preset that re-presents images states its first and last stretch's presentations per image
     * (metrics.csv's cumulative count: 110 over the first 100 images, 1.10; 1 500 − 900 = 600 over images 201–300,
     * 6.00); a run written before the count was recorded, or one of a preset that shows each image once, says nothing.
     */
    @Test
    void aRePresentingRunStatesItsFirstAndLastStretchsPresentationsPerImage(@TempDir Path tmp) throws Exception {
        Path run = run(tmp, "{\"preset\":\"diehl-cook\",\"dataset\":\"geomfig\",\"seed\":1,\"sleep_fraction\":0.0,"
                + "\"achieved_sleep_fraction\":0.0,\"test_accuracy\":0.5}", Map.of("preset", "diehl-cook", "dataset.name",
                "geomfig"));
        Files.writeString(run.resolve("metrics.csv"), "images_seen,presentations\n100,110\n200,900\n300,1500\n");
        assertTrue(inspect(run).contains("\npresentations per training image: 1.10 over images 1-100 (the first "
                + "checkpoint's stretch), 6.00 over images 201-300 (the last)\n"), inspect(run));
        Files.writeString(run.resolve("metrics.csv"), "images_seen,val_accuracy\n100,0.5\n");
        assertFalse(inspect(run).contains("presentations per training image"), inspect(run));
        Files.writeString(run.resolve("metrics.csv"), "images_seen,presentations\n100,100\n");
        Files.writeString(run.resolve("config.yaml"), Configs.toYaml(Configs.resolveTree(Map.of("preset", "paper"))));
        assertFalse(inspect(run).contains("presentations per training image"), inspect(run));
    }

    /** The warnings a run's provenance.json recorded (configuration_warnings) are said again, each on its line. */
    @Test
    void aRunSaysTheWarningsItsConfigurationHad(@TempDir Path tmp) throws Exception {
        Path run = Files.createDirectory(tmp.resolve("run"));
        Files.writeString(run.resolve("summary.json"), "{\"preset\":\"paper\",\"dataset\":\"geomfig\",\"seed\":1,"
                + "\"sleep_fraction\":0.0,\"achieved_sleep_fraction\":0.0,\"test_accuracy\":0.5}");
        Files.writeString(run.resolve("provenance.json"), "{\"seed\":1,\"configuration_warnings\":[\"first odd value\","
                + "\"second odd value\"]}");
        CommandLine cl = SomnusCli.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        assertEquals(0, cl.execute("inspect", run.toString()));
        assertTrue(out.toString().contains("warning (when it ran): first odd value\nwarning (when it ran): second odd "
                + "value\n"), out.toString());
    }

    /** A run's weights are described by their shapes, in the file's order. */
    @Test
    void aRunListsItsWeightsShapes(@TempDir Path tmp) throws Exception {
        Path run = Files.createDirectory(tmp.resolve("run"));
        Files.writeString(run.resolve("summary.json"), "{\"preset\":\"paper\",\"dataset\":\"geomfig\",\"seed\":1,"
                + "\"sleep_fraction\":0.0,\"achieved_sleep_fraction\":0.0,\"test_accuracy\":0.5}");
        Map<String, NpyArray> weights = new LinkedHashMap<>();
        weights.put("input_e", NpyArray.of(new float[6], 3, 2));
        weights.put("theta", NpyArray.of(new double[2], 2));
        Npz.write(run.resolve("weights.npz"), weights);
        CommandLine cl = SomnusCli.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        assertEquals(0, cl.execute("inspect", run.toString()));
        assertTrue(out.toString().contains("weights input_e [3, 2]\nweights theta [2]\n"), out.toString());
    }

    /**
     * A sweep directory: each run as its ledger records it, with how its last attempt began: resumed from its snapshot
     * (and where), started afresh, or not recorded (a ledger from before); a failed run's error on its line.
     */
    @Test
    void aSweepListsItsRunsAndWhichWentOnFromASnapshot(@TempDir Path tmp) throws Exception {
        SweepPlan plan = SweepPlanner.plan(
                SweepSpec.parse(Path.of("s.yaml"), "name: listed\npresets: [paper]\n"
                        + "datasets: [geomfig]\nsleep_fractions: [0.0]\nseeds: [1, 2, 3, 4]\n"), Fakes.resolver());
        Path sweep = Files.createDirectories(tmp.resolve("sweep/runs")).getParent();
        Instant t = Instant.EPOCH;
        try (SweepLedger ledger = SweepLedger.open(sweep.resolve(SweepLedger.FILE_NAME))) {
            ledger.initialise(plan, t);
            ledger.markRunning("paper__geomfig__f0.00__s1", t);
            ledger.markDone("paper__geomfig__f0.00__s1", Map.of(), t, 1);
            ledger.markRunning("paper__geomfig__f0.00__s2", t);
            ledger.markRunning("paper__geomfig__f0.00__s2", t);
            ledger.markResumed("paper__geomfig__f0.00__s2", "image 101 of 400");
            ledger.markDone("paper__geomfig__f0.00__s2", Map.of(), t, 1);
            ledger.markRunning("paper__geomfig__f0.00__s3", t);
            ledger.markFailed("paper__geomfig__f0.00__s3", t, 1, "the disk is full");
        }
        CommandLine cl = SomnusCli.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        assertEquals(0, cl.execute("inspect", sweep.toString()));
        List<String> lines = out.toString().lines().toList();
        assertTrue(lines.get(0).startsWith("sweep 'listed' ("), lines.get(0));
        assertTrue(lines.get(0).endsWith("4 runs, 1 pending, 2 done, 1 failed"), lines.get(0));
        assertEquals(List.of(
                "  paper__geomfig__f0.00__s1  done     1 attempt, started afresh",
                "  paper__geomfig__f0.00__s2  done     2 attempts, the last resumed from image 101 of 400 (its snapshot)",
                "  paper__geomfig__f0.00__s3  failed   1 attempt, started afresh: the disk is full",
                "  paper__geomfig__f0.00__s4  pending  0 attempts"), lines.subList(1, 5));
    }

    /**
     * A sweep's runs are listed as the report shows them, preset by preset, then sleep fraction, then seed (2 before
     * 10), where the run ids' byte order put paper-sg-code before paper-sg, both before paper, and s10 before s2.
     */
    @Test
    void aSweepListsItsRunsByPresetSleepFractionAndSeed(@TempDir Path tmp) throws Exception {
        List<String> listed = listedRunIds(tmp, "name: ordered\npresets: [paper, paper-sg, paper-sg-code]\n"
                + "datasets: [geomfig]\nsleep_fractions: [0.2, 0.0]\nseeds: [10, 2]\n");
        List<String> expected = new ArrayList<>();
        for (String preset : List.of("paper", "paper-sg", "paper-sg-code")) {
            for (String fraction : List.of("0.00", "0.20")) {
                for (int seed : new int[] {2, 10}) {
                    expected.add(preset + "__geomfig__f" + fraction + "__s" + seed);
                }
            }
        }
        assertEquals(expected, listed);
    }

    /**
     * Presets and datasets as the sweep file lists them (its copy in the sweep directory), as the report and the
     * aggregates order them too: by name, paper came before paper-sg and fashion-mnist before geomfig.
     */
    @Test
    void aSweepListsItsPresetsAndDatasetsInTheSweepFilesOrder(@TempDir Path tmp) throws Exception {
        assertEquals(List.of("paper-sg__geomfig__f0.00__s1", "paper-sg__fashion-mnist__f0.00__s1",
                "paper__geomfig__f0.00__s1", "paper__fashion-mnist__f0.00__s1"), listedRunIds(tmp, "name: listed\n"
                + "presets: [paper-sg, paper]\ndatasets: [geomfig, fashion-mnist]\nsleep_fractions: [0.0]\nseeds: [1]\n"));
    }

    /**
     * The run ids {@code somnus inspect} lists, in its order, for a sweep of {@code yaml} planned, its ledger made and
     * the file copied into its directory as the sweep does, no run begun.
     */
    private static List<String> listedRunIds(Path tmp, String yaml) throws Exception {
        SweepPlan plan = SweepPlanner.plan(SweepSpec.parse(Path.of("s.yaml"), yaml), Fakes.resolver());
        Path sweep = Files.createDirectories(tmp.resolve("sweep/runs")).getParent();
        Files.writeString(sweep.resolve(SweepRunner.SWEEP_COPY), yaml);
        try (SweepLedger ledger = SweepLedger.open(sweep.resolve(SweepLedger.FILE_NAME))) {
            ledger.initialise(plan, Instant.EPOCH);
        }
        CommandLine cl = SomnusCli.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        assertEquals(0, cl.execute("inspect", sweep.toString()));
        return out.toString().lines().skip(1).filter(l -> l.startsWith("  ")).map(l -> l.trim().split(" ")[0]).toList();
    }

    private static final String RULE_SHA = "1a2b3c4d5e6f".repeat(5) + "7788";
    private static final String PARAMS_SHA = "0a1b2c3d4e5f".repeat(5) + "9900";

    /** A run that loaded a class of one's own: one line under its summary, its name, source and short digests. */
    @Test
    void aRunSaysTheClassesOfOnesOwnItLoaded(@TempDir Path tmp) throws Exception {
        Path run = Files.createDirectory(tmp.resolve("run"));
        Files.writeString(run.resolve("summary.json"), "{\"preset\":\"paper\",\"dataset\":\"geomfig\",\"seed\":1,"
                + "\"sleep_fraction\":0.0,\"achieved_sleep_fraction\":0.0,\"test_accuracy\":0.5}");
        Files.writeString(run.resolve("provenance.json"), "{\"seed\":1,\"user_classes\":[{"
                + "\"class_name\":\"org.ex.MyRule\","
                + "\"source\":\"/opt/rules.jar\",\"jar_sha256\":\"" + "f".repeat(64) + "\",\"class_files\":{"
                + "\"org.ex.MyRule\":\"" + RULE_SHA + "\",\"org.ex.MyRule$Params\":\"" + PARAMS_SHA + "\"}}]}");
        CommandLine cl = SomnusCli.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        assertEquals(0, cl.execute("inspect", run.toString()));
        List<String> lines = out.toString().lines().toList();
        int summary = lines.indexOf(lines.stream().filter(l -> l.startsWith("class of one's own")).findFirst()
                .orElseThrow(() -> new AssertionError(out.toString())));
        assertEquals("class of one's own: org.ex.MyRule from /opt/rules.jar (class files: org.ex.MyRule 1a2b3c4d5e6f, "
                + "org.ex.MyRule$Params 0a1b2c3d4e5f)", lines.get(summary));
        assertEquals(1, lines.stream().filter(l -> l.contains("class of one's own")).count(), out.toString());
    }

    /** A sweep whose runs load a class of one's own says so under its head line, from its ledger. */
    @Test
    void aSweepSaysTheClassesOfOnesOwnItsRunsLoad(@TempDir Path tmp) throws Exception {
        SweepPlan plan = SweepPlanner.plan(
                SweepSpec.parse(Path.of("s.yaml"), "name: own\npresets: [paper]\n"
                        + "datasets: [geomfig]\nsleep_fractions: [0.0]\nseeds: [1]\n"), Fakes.resolver());
        Path sweep = Files.createDirectories(tmp.resolve("sweep/runs")).getParent();
        Path file = sweep.resolve(SweepLedger.FILE_NAME);
        try (SweepLedger ledger = SweepLedger.open(file)) {
            ledger.initialise(plan, Instant.EPOCH);
        }
        // as sweep --resume records them (the ledger's meta row user_classes; writing it is the sweep package's)
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
             PreparedStatement row = db.prepareStatement("INSERT INTO meta (key, value) VALUES (?, ?)")) {
            row.setString(1, "user_classes");
            row.setString(2, "{\"org.ex.MyRule\": {\"org.ex.MyRule\": \"" + RULE_SHA
                    + "\", \"org.ex.MyRule$Params\": \"" + PARAMS_SHA + "\"}}");
            assertEquals(1, row.executeUpdate());
        }
        CommandLine cl = SomnusCli.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        assertEquals(0, cl.execute("inspect", sweep.toString()));
        List<String> lines = out.toString().lines().toList();
        assertEquals("  its runs load a class of one's own: org.ex.MyRule (class files: org.ex.MyRule 1a2b3c4d5e6f, "
                + "org.ex.MyRule$Params 0a1b2c3d4e5f)", lines.get(1), out.toString());
        assertEquals("  paper__geomfig__f0.00__s1  pending  0 attempts", lines.get(2));
    }
}
