package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.somnus.experiment.run.ResumePoint;
import io.somnus.experiment.run.StandardResolver;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What a user sees from {@code somnus train} for good and bad input. */
class TrainCommandTest {
    /** A command's exit status and what it said on stderr. */
    record Outcome(int exit, String err) { }

    /** Runs {@code somnus ARGS} in this JVM, its stdout thrown away. */
    static Outcome run(String... args) {
        CommandLine cl = SomnusCli.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        return new Outcome(cl.execute(args), err.toString());
    }

    /**
     * A configuration error names where its field was set: the option (--train-images -5 read "train.images = -5: out
     * of range", a field the user never typed), or the YAML file given as --preset, which it did not name at all.
     */
    @Test
    void aConfigurationErrorNamesTheOptionOrFileThatSetItsField(@TempDir Path tmp) throws Exception {
        Map<String, String> given = Map.of("train.images", "--train-images -5",
                "sleep.lambda", "--set sleep.lambda=2");
        String range = "train.images = -5: out of range; allowed: an integer >= 1";
        assertEquals(range + " (given as --train-images -5)", TrainCommand.withCulprit(range, given, "paper"));
        String set = "sleep.lambda = 2.0: out of range";
        assertEquals(set, TrainCommand.withCulprit(set, given, "paper"), "--set names the field itself");
        Path file = tmp.resolve("mine.yaml");
        Files.writeString(file, "preset: paper\ntrain: {imges: 100}\n");
        String unknown = "unknown configuration field 'train.imges'; allowed under train for model stdp: images";
        assertEquals("configuration file " + file + ": " + unknown,
                TrainCommand.withCulprit(unknown, Map.of(), file.toString()));
        String elsewhere = "unknown configuration field 'sleep.lamda'; allowed under sleep";
        assertEquals(elsewhere, TrainCommand.withCulprit(elsewhere, Map.of(), file.toString()),
                "a field the file does not hold is not blamed on it");
        // a message on a whole projection the file holds, whose field --set changed, is not blamed on the file
        Path composed = tmp.resolve("composed.yaml");
        Files.writeString(composed, "preset: paper\nprojections:\n  - {name: input_e, weight: 0.2}\n");
        String endpoint = "projections.input_e: unknown population 'e3'; populations are [input, e, i]";
        assertEquals(endpoint, TrainCommand.withCulprit(endpoint,
                Map.of("projections.input_e.post", "--set projections.input_e.post=e3"), composed.toString()));
        assertEquals("configuration file " + composed + ": " + endpoint,
                TrainCommand.withCulprit(endpoint, Map.of(), composed.toString()), "the file's own mistake");
    }

    /**
     * A second train of the same preset, dataset, fraction and seed without --out is refused naming the default it
     * took ("choose another --out" alone named an option never given); with --out given, the message is as before.
     */
    @Test
    void aTakenDefaultRunDirectoryIsNamedAsTheDefault(@TempDir Path tmp) throws Exception {
        Path taken = Files.createDirectories(tmp.resolve("runs").resolve("paper-geomfig-f0.2-s1"));
        Files.writeString(taken.resolve("summary.json"), "{}");
        String byDefault = Assertions.assertThrows(CliException.class,
                () -> TrainCommand.requireFreshOut(taken, false)).getMessage();
        assertTrue(byDefault.startsWith("output directory " + taken + " already exists and is not empty")
                && byDefault.endsWith("(" + taken + " is the default --out, runs/PRESET-DATASET-fFRACTION-sSEED: give "
                + "--out, or another --seed)"), byDefault);
        String given = Assertions.assertThrows(CliException.class,
                () -> TrainCommand.requireFreshOut(taken, true)).getMessage();
        assertTrue(!given.contains("default"), given);
    }

    @Test
    void aTinyRunWritesEveryFileOfTheRunDirectory(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        Outcome o = run("train", "--preset", "paper", "--dataset", "geomfig", "--train-images", "40",
                "--validation-images", "10", "--test-images", "20", "--set", "train.checkpoints=2", "--out", out.toString());
        assertEquals(0, o.exit(), o.err());
        for (String f : new String[] {"config.yaml", "provenance.json", "metrics.csv", "summary.json", "weights.npz",
                "sleep_traces.csv", "weight_histograms.csv"}) {
            assertTrue(Files.exists(out.resolve(f)), f);
        }
        // and its page of figures, the report somnus report RUN writes
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("Somnus run run") && html.contains("<section id=\"training-curves\">"), html.substring(0, 400));
        // the permissions the umask gives a directory, as a sweep's run directories get them (not rwx------)
        Path plain = Files.createDirectory(tmp.resolve("plain"));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(out));
    }

    /**
     * A continual run records where each task ended in summary.json: the training images are the first 60 of
     * Fashion-MNIST's training file, so task k ends after the images among them of classes 0 to 2k + 1, counted here from
     * the label file itself (the IDX format: 8 bytes of header, then a byte per label).
     */
    @Test
    void aContinualRunRecordsWhereEachTaskEnded(@TempDir Path tmp) throws Exception {
        Path labels = Path.of("/usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz");
        assumeTrue(Files.isReadable(labels), "needs Fashion-MNIST (scripts/install-deps)");
        byte[] all;
        try (var in = new GZIPInputStream(Files.newInputStream(labels))) {
            all = in.readNBytes(8 + 60);
        }
        int[] ends = new int[5];
        for (int i = 8; i < all.length; i++) {
            for (int t = all[i] / 2; t < 5; t++) {
                ends[t]++;
            }
        }
        Path out = tmp.resolve("run");
        Outcome o = run("train", "--preset", "paper", "--dataset", "fashion-mnist", "--protocol", "continual",
                "--train-images", "60", "--validation-images", "10", "--test-images", "50", "--set", "train.checkpoints=2",
                "--no-report", "--out", out.toString());
        assertEquals(0, o.exit(), o.err());
        var taskEnds = new ObjectMapper().readTree(out.resolve("summary.json").toFile())
                .path("continual").path("task_ends");
        assertEquals(5, taskEnds.size(), taskEnds.toString());
        for (int t = 0; t < 5; t++) {
            assertEquals(ends[t], taskEnds.get(t).path("images_seen").asInt(), taskEnds.toString());
            assertEquals("[" + 2 * t + "," + (2 * t + 1) + "]", taskEnds.get(t).path("classes").toString());
        }
    }

    /**
     * --save-network writes RUN/network.npz; --load-network starts another run from it: with plasticity off that run
     * ends with the saved run's weights, byte for byte, and records the file it loaded in provenance.json; a network
     * drawn from another seed has other synapses and is refused before anything is written.
     */
    @Test
    void aSavedNetworkIsLoadedByAnotherRun(@TempDir Path tmp) throws Exception {
        String[] small = {"--preset", "paper", "--dataset", "geomfig", "--train-images", "30", "--validation-images", "10",
                "--test-images", "10", "--set", "train.readout_images=20"};
        Path trained = tmp.resolve("trained");
        Outcome o = run(concat(new String[] {"train"}, small, new String[] {"--save-network", "--out", trained.toString()}));
        assertEquals(0, o.exit(), o.err());
        Path network = trained.resolve("network.npz");
        assertTrue(Files.exists(network));
        Path frozen = tmp.resolve("frozen");
        o = run(concat(new String[] {"train"}, small, new String[] {"--load-network", network.toString(), "--plasticity",
                "off", "--no-report", "--out", frozen.toString()}));
        assertEquals(0, o.exit(), o.err());
        assertTrue(Files.exists(trained.resolve("report.html")) && !Files.exists(frozen.resolve("report.html")),
                "--no-report");
        assertTrue(Arrays.equals(Files.readAllBytes(trained.resolve("weights.npz")),
                Files.readAllBytes(frozen.resolve("weights.npz"))), "the loaded weights should be the run's");
        assertTrue(Files.readString(frozen.resolve("provenance.json")).contains("\"network_loaded_from\""));
        Path other = tmp.resolve("other");
        o = run(concat(new String[] {"train"}, small, new String[] {"--seed", "2", "--load-network", network.toString(),
                "--out", other.toString()}));
        assertEquals(2, o.exit(), o.err());
        assertTrue(o.err().contains("--load-network " + network) && o.err().contains("input_e")
                && o.err().contains("seed it was trained with"), o.err());
        assertTrue(!Files.exists(other), "a refused run leaves no directory");
        // the control at the sleep target sets the initial weights the loaded network would replace
        o = run(concat(new String[] {"train"}, small, new String[] {"--load-network", network.toString(),
                "--initial-weights", "sleep_target", "--out", other.toString()}));
        assertEquals(2, o.exit(), o.err());
        assertTrue(o.err().contains("--load-network replaces the initial weights, so train.initial_weights = "
                + "sleep_target would be overwritten"), o.err());
        o = run(concat(new String[] {"train"}, small, new String[] {"--load-network", trained.toString(), "--out",
                other.toString()}));
        assertEquals(2, o.exit(), o.err());
        assertTrue(o.err().contains(trained + " is a directory; give the network.npz in it"), o.err());
        assertTrue(!Files.exists(other), "a refused run leaves no directory");
        // what train and inspect print of the run says where its network came from
        assertTrue(Summaries.describe(frozen).contains("started from the network in " + network.toAbsolutePath()),
                Summaries.describe(frozen));
    }

    /**
     * A network trained with a delay per synapse is loaded under another seed: the all-to-all synapses are the same,
     * and the saved delays replace the ones that seed draws, so with plasticity off the run ends with the saved weights.
     * Loading it where delay_max_ms is shorter than its delays is refused, naming the synapse and the field.
     */
    @Test
    void aNetworkWithDelaysIsLoadedUnderAnotherSeed(@TempDir Path tmp) throws Exception {
        String[] small = {"--preset", "diehl-cook", "--excitatory", "10", "--dataset", "geomfig", "--train-images", "20",
                "--validation-images", "10", "--test-images", "10", "--set", "train.readout_images=20", "--set",
                "projections.input_e.delay_ms=0.5"};
        Path trained = tmp.resolve("trained");
        Outcome o = run(concat(new String[] {"train"}, small, new String[] {"--set",
                "projections.input_e.delay_max_ms=10", "--save-network", "--out", trained.toString()}));
        assertEquals(0, o.exit(), o.err());
        Path network = trained.resolve("network.npz");
        Path frozen = tmp.resolve("frozen");
        o = run(concat(new String[] {"train"}, small, new String[] {"--set", "projections.input_e.delay_max_ms=10",
                "--seed", "2", "--load-network", network.toString(), "--plasticity", "off", "--out", frozen.toString()}));
        assertEquals(0, o.exit(), o.err());
        assertTrue(Arrays.equals(Files.readAllBytes(trained.resolve("weights.npz")),
                Files.readAllBytes(frozen.resolve("weights.npz"))), "the loaded weights should be the run's");
        Path shorter = tmp.resolve("shorter");
        o = run(concat(new String[] {"train"}, small, new String[] {"--set", "projections.input_e.delay_max_ms=5",
                "--load-network", network.toString(), "--out", shorter.toString()}));
        assertEquals(2, o.exit(), o.err());
        assertTrue(o.err().contains("--load-network " + network + ": projection input_e's synapse ")
                && o.err().contains("outside the 1–10 steps that projections.input_e.delay_ms and delay_max_ms give "
                + "here"), o.err());
        assertTrue(!Files.exists(shorter), "a refused run leaves no directory");
    }

    /** A field given twice on the command line is refused before anything runs, naming both, a section too. */
    @Test
    void aFieldGivenTwiceIsRefused(@TempDir Path tmp) {
        Path out = tmp.resolve("run");
        Outcome o = run("train", "--set", "train.images=100", "--set", "train={images: 30}", "--out", out.toString());
        assertEquals(2, o.exit(), o.err());
        assertTrue(o.err().contains("--set train={images: 30} and --set train.images=100 both set train.images; give it "
                + "once"), o.err());
        o = run("train", "--plasticity", "off", "--set", "train.plasticity=true", "--out", out.toString());
        assertEquals(2, o.exit(), o.err());
        assertTrue(o.err().contains("--set train.plasticity=true and --plasticity off both set train.plasticity"),
                o.err());
        assertTrue(!Files.exists(out), "nothing ran");
    }

    private static String[] concat(String[]... parts) {
        return Arrays.stream(parts).flatMap(Arrays::stream).toArray(String[]::new);
    }

    /**
     * An SG-SNN run reports the final model's test accuracy as test_accuracy and, beside it, the best epoch chosen on
     * the validation column of metrics.csv (its first maximum), labelled as such; no test-selected number.
     */
    @Test
    void sgSummaryNamesTheBestEpochByValidation(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("sg");
        Outcome o = run("train", "--preset", "sg-fc", "--dataset", "geomfig", "--train-images", "128",
                "--validation-images", "40", "--test-images", "40", "--set", "sg.epochs=3", "--set", "sg.hidden=16",
                "--out", out.toString());
        assertEquals(0, o.exit(), o.err());
        JsonNode s =
                new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        List<String> rows = Files.readAllLines(out.resolve("metrics.csv"));
        int column = Arrays.asList(rows.get(0).split(",")).indexOf("val_accuracy");
        int argmax = 0;
        double best = Double.NEGATIVE_INFINITY;
        for (int e = 1; e < rows.size(); e++) {
            double acc = Double.parseDouble(rows.get(e).split(",")[column]);
            if (acc > best) {
                best = acc;
                argmax = e;
            }
        }
        assertEquals(3, rows.size() - 1, "one metrics row per epoch");
        assertEquals(argmax, s.get("best_validation_epoch").asInt(), s.toString());
        assertEquals(best, s.get("best_validation_accuracy").asDouble(), 1e-12);
        double atBest = s.get("test_accuracy_at_best_validation_epoch").asDouble();
        assertTrue(atBest >= 0 && atBest <= 1, s.toString());
        if (argmax == 3) {
            assertEquals(s.get("test_accuracy").asDouble(), atBest, "the best epoch is the last: the same model");
        }
        s.fieldNames().forEachRemaining(f -> assertTrue(!f.startsWith("best_test") && !f.contains("test_best"), f));
    }

    @Test
    void anExistingRunDirectoryIsNeverOverwritten(@TempDir Path tmp) throws Exception {
        Path out = Files.createDirectories(tmp.resolve("run"));
        Files.writeString(out.resolve("summary.json"), "{\"mine\": 1}");
        Outcome o = run("train", "--dataset", "geomfig", "--train-images", "10", "--out", out.toString());
        assertEquals(2, o.exit());
        assertTrue(o.err().contains(out.toString()) && o.err().contains("not empty"), o.err());
        assertEquals("{\"mine\": 1}", Files.readString(out.resolve("summary.json")));
    }

    @Test
    void badValuesNameTheFieldAndWhatIsAllowed(@TempDir Path tmp) {
        Outcome unknown = run("train", "--set", "sleep.lamda=0.9", "--out", tmp.resolve("a").toString());
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("sleep.lamda") && unknown.err().contains("lambda"), unknown.err());

        Outcome type = run("train", "--set", "train.images=many", "--out", tmp.resolve("b").toString());
        assertEquals(2, type.exit());
        assertTrue(type.err().contains("train.images") && type.err().contains("many"), type.err());

        Outcome range = run("train", "--sleep-fraction", "1.2", "--out", tmp.resolve("c").toString());
        assertEquals(2, range.exit());
        assertTrue(range.err().contains("sleep.fraction") && range.err().contains("[0, 1]"), range.err());
        // 1 is a ratio of wake (paper-code), not a fraction: the paper preset's episode refuses it
        Outcome fraction = run("train", "--sleep-fraction", "1", "--out", tmp.resolve("c2").toString());
        assertEquals(2, fraction.exit());
        assertTrue(fraction.err().contains("sleep.fraction") && fraction.err().contains("[0, 1)"), fraction.err());

        Outcome weights = run("train", "--initial-weights", "target", "--out", tmp.resolve("e").toString());
        assertEquals(2, weights.exit());
        assertTrue(weights.err().contains("--initial-weights") && weights.err().contains("preset or sleep_target"),
                weights.err());

        Outcome plasticity = run("train", "--plasticity", "maybe", "--out", tmp.resolve("d").toString());
        assertEquals(2, plasticity.exit());
        assertTrue(plasticity.err().contains("--plasticity") && plasticity.err().contains("on or off"), plasticity.err());

        Outcome dataset = run("train", "--dataset", "mnist-fashion", "--out", tmp.resolve("e").toString());
        assertEquals(2, dataset.exit());
        assertTrue(dataset.err().contains("mnist-fashion") && dataset.err().contains("fashion-mnist"), dataset.err());
        assertTrue(!Files.exists(tmp.resolve("a")) && !Files.exists(tmp.resolve("e")), "nothing written on bad input");
    }

    /** {@code --plasticity off --initial-weights sleep_target} is the control at the sleep target's weight scale. */
    @Test
    void theSleepTargetControlIsOneOptionAway() {
        TrainCommand cmd = new TrainCommand();
        new CommandLine(cmd).parseArgs("--plasticity", "off", "--initial-weights", "sleep_target");
        var s = cmd.settings();
        assertEquals(false, s.get("train.plasticity"));
        assertEquals("sleep_target", s.get("train.initial_weights"));
    }

    private static long trainingTotal(String... args) {
        TrainCommand c = new TrainCommand();
        new CommandLine(c).parseArgs(args);
        return ResumePoint.trainingTotal(new StandardResolver().resolve(c.settings()));
    }

    /**
     * The bar's total before training starts is what training counts to (it showed 0/100, then 0/2000 for paper-code):
     * paper-code trains 20 epochs, so 100 images are 2 000 presentations; paper one epoch; a fixed total budget at
     * f = 0.25 trains 100 × (1 - 0.25) = 75; an SG-SNN counts epochs.
     */
    @Test
    void theProgressBarsTotalIsWhatTrainingCountsTo() {
        assertEquals(100 * 20, trainingTotal("--preset", "paper-code", "--train-images", "100"));
        assertEquals(100, trainingTotal("--preset", "paper", "--train-images", "100"));
        assertEquals(75, trainingTotal("--preset", "paper", "--train-images", "100", "--sleep-fraction", "0.25",
                "--set", "sleep.budget=fixed_total"));
        assertEquals(3, trainingTotal("--preset", "paper-sg", "--train-images", "100", "--set", "train.epochs=3"));
        assertEquals(2 * 5, trainingTotal("--preset", "paper-sg", "--train-images", "100", "--set", "sg.epochs=2",
                "--protocol", "continual"), "the continual protocol's five tasks of two epochs each");
    }
}
