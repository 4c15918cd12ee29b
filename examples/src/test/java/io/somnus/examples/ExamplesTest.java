package io.somnus.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.somnus.experiment.run.RunResult;
import io.somnus.experiment.stats.AggregateRow;
import io.somnus.experiment.sweep.SweepResult;
import io.somnus.plasticity.AllToAllStdp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs each example as a researcher would, with small sizes, and checks what it printed and computed. */
class ExamplesTest {
    /** What {@code main} prints to stdout. */
    private static String printed(Runnable main) {
        PrintStream out = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            main.run();
        } finally {
            System.setOut(out);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    /** 1 s of Poisson input: every LIF neuron fires, and STDP raised the fast inputs' weights more than the slow ones'. */
    @Test
    void poissonNetworkSpikesAndLearnsMostFromItsFastestInputs() {
        PoissonStdpNetwork.Result r = PoissonStdpNetwork.run(1000, 1);
        assertTrue(Arrays.stream(r.spikesPerNeuron()).allMatch(n -> n > 0), Arrays.toString(r.spikesPerNeuron()));
        assertEquals(Arrays.stream(r.spikesPerNeuron()).sum(), r.rasterSteps().length, "counter and raster agree");
        assertTrue(Arrays.stream(r.rasterSteps()).allMatch(t -> t >= 0 && t < 1000), "1000 steps of 1 ms");
        double slow = PoissonStdpNetwork.meanChange(r, 0, 20);
        double fast = PoissonStdpNetwork.meanChange(r, 80, 100);
        assertTrue(fast > 0 && fast > slow, "mean Δw, 33–40 Hz inputs " + fast + ", 5–12 Hz " + slow);
        String out = printed(() -> PoissonStdpNetwork.main(new String[] {"200"}));
        assertTrue(out.contains("SpikeCounter[lif, ") && out.contains("mean weight change"), out);
    }

    /**
     * The hand-made pairings move the weight as all-to-all STDP's window says, computed here from the neuron's spike
     * steps: Δw = η·A₊·Σ_{post at or after the pre spike} e^(−Δt/τ₊) − η·A₋·Σ_{post before it} e^(−Δt/τ₋).
     */
    @Test
    void preBeforePostPotentiatesAndPostBeforePreDepresses() {
        List<StdpPairing.Pairing> pairings = StdpPairing.run(10);
        StdpPairing.Pairing causal = pairings.get(0);
        StdpPairing.Pairing antiCausal = pairings.get(1);
        assertTrue(causal.postSteps().length > 0, "the teacher made the neuron fire");
        assertTrue(causal.postSteps()[0] > causal.preStep(), "pre before post");
        assertTrue(antiCausal.preStep() > antiCausal.postSteps()[antiCausal.postSteps().length - 1], "post before pre");
        assertTrue(causal.change() > 0, "potentiation: " + causal.change());
        assertTrue(antiCausal.change() < 0, "depression: " + antiCausal.change());
        for (StdpPairing.Pairing p : pairings) {
            assertEquals(window(StdpPairing.rule(), p), p.change(), 1e-6, "pre at " + p.preStep() + ", post at "
                    + Arrays.toString(p.postSteps()));
        }
        String out = printed(() -> StdpPairing.main(new String[] {"5"}));
        assertTrue(out.contains("pre at step 25"), out);
    }

    /** All-to-all STDP's change for one pre spike and the post spikes around it, in the rule's dt steps. */
    private static double window(AllToAllStdp rule, StdpPairing.Pairing p) {
        double change = 0;
        for (int post : p.postSteps()) {
            int dt = post - p.preStep();
            change += dt >= 0 ? rule.eta() * rule.aPlus() * Math.exp(-dt * rule.dtMs() / rule.tauPlusMs())
                    : -rule.eta() * rule.aMinus() * Math.exp(dt * rule.dtMs() / rule.tauMinusMs());
        }
        return change;
    }

    /**
     * Noise off, input silent: nothing spikes in the sleep (which starts from rest), so STDP is idle and each trained
     * weight ends where the log-space pull's closed form puts it, w_tgt·(w/w_tgt)^(λⁿ). The paper's 2 mV of noise and
     * inputs at 5 Hz: both populations spike, STDP moves the weights beyond the pull, and Σ|w| still ends nearer the
     * target's than the training left it.
     */
    @Test
    void aSleepEpisodePullsTheTrainedWeightsTowardTheTarget() {
        int n = 500;
        SleepAfterStdp.Result quiet = SleepAfterStdp.run(300, n, 0, 0, 1);
        assertEquals(n, quiet.sleepSteps());
        assertEquals(0, quiet.sleepSpikes(), "no noise, no input: no spike in the sleep, which starts from rest");
        double exponent = Math.pow(SleepAfterStdp.LAMBDA, n);
        for (int s = 0; s < quiet.trained().length; s++) {
            double w = quiet.trained()[s];
            double expected = SleepAfterStdp.TARGET * Math.pow(w / SleepAfterStdp.TARGET, exponent);
            assertEquals(expected, quiet.slept()[s], 2e-6 * expected, "synapse " + s + " from " + w);
        }

        SleepAfterStdp.Result noisy = SleepAfterStdp.run(300, n, 2, 5, 1);
        assertTrue(noisy.quietSpikes() > quiet.quietSpikes() && noisy.sleepSpikes() > 0, "spontaneous spikes: "
                + noisy.quietSpikes() + " awake (" + quiet.quietSpikes() + " as the training's activity ran down without "
                + "noise), " + noisy.sleepSpikes() + " asleep");
        assertArrayEquals(quiet.trained(), noisy.trained(), "the same training (plasticity off while quiet)");
        double atTarget = SleepAfterStdp.TARGET * noisy.trained().length;
        double before = totalAbs(noisy.trained());
        double after = totalAbs(noisy.slept());
        assertTrue(Math.abs(after - atTarget) < Math.abs(before - atTarget), "Σ|w| " + before + " → " + after
                + ", at the target " + atTarget);
        double pullAlone = 0;
        for (float w : noisy.trained()) {
            pullAlone += SleepAfterStdp.TARGET * Math.pow(w / SleepAfterStdp.TARGET, exponent);
        }
        assertTrue(Math.abs(after - pullAlone) > 1e-5 * pullAlone, "STDP moved Σ|w| from the pull's " + pullAlone
                + " to " + after);
        String out = printed(() -> SleepAfterStdp.main(new String[] {"200", "300"}));
        assertTrue(out.contains("Σ|w| of input_lif") && out.contains("300 steps"), out);
    }

    private static double totalAbs(float[] w) {
        double sum = 0;
        for (float x : w) {
            sum += Math.abs(x);
        }
        return sum;
    }

    /** The paper preset on 40 geomfig images, a sleep after every 20: it slept twice and tests above chance (1/4). */
    @Test
    void paperPresetWithSleepSleepsAndBeatsChanceOnGeomfig() throws Exception {
        RunResult r = PaperPresetWithSleep.run("geomfig", 40, 20, 40, 1);
        assertEquals(2, r.number("sleep_episodes"), "40 images, an episode after every 20");
        assertEquals(0.2, r.number("achieved_sleep_fraction"), 1e-9);
        assertTrue(r.testAccuracy() > 0.35, "test accuracy " + r.testAccuracy() + ", chance 0.25");
        assertTrue(r.wakeSpikesPerImage().get("e") > 0, "the excitatory population spiked");
    }

    /**
     * The 2×2 sweep on 20 geomfig images: four runs, and each cell's mean test accuracy and the sleeping cell's
     * difference from f = 0 are those computed here from the runs' own summary.json files.
     */
    @Test
    void smallSweepRunsItsGridAndAggregatesItsRuns(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("sweep");
        SweepResult[] result = new SweepResult[1];
        String printed = printed(() -> {
            try {
                result[0] = SmallSweep.run(out, "geomfig", 20);
            } catch (IOException | InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        assertTrue(printed.contains("4 runs done, 0 failed") && printed.contains("against f = 0"), printed);
        SweepResult r = result[0];
        assertEquals(4, r.done());
        Map<Double, double[]> accuracy = new TreeMap<>();                        // f → test accuracy of seeds 1, 2
        Map<Double, Double> slept = new TreeMap<>();
        for (double f : new double[] {0.0, 0.2}) {
            double[] a = new double[2];
            for (int seed = 1; seed <= 2; seed++) {
                JsonNode summary = new ObjectMapper().readTree(out.resolve(String.format(Locale.ROOT,
                        "runs/paper__geomfig__f%.2f__s%d/summary.json", f, seed)).toFile());
                a[seed - 1] = summary.get("test_accuracy").asDouble();
                slept.merge(f, summary.get("sleep_episodes").asDouble(), Double::sum);
            }
            accuracy.put(f, a);
        }
        assertEquals(Map.of(0.0, 0.0, 0.2, 4.0), slept, "two episodes a sleeping run, none without sleep");
        List<AggregateRow> rows = r.aggregate().rows().stream().filter(row -> row.metric().equals("test_accuracy"))
                .toList();
        assertEquals(2, rows.size());
        for (AggregateRow row : rows) {
            double[] a = accuracy.get(row.cell().sleepFraction());
            assertEquals(2, row.stats().n());
            assertEquals((a[0] + a[1]) / 2, row.stats().mean(), 1e-12, row.toString());
        }
        double[] none = accuracy.get(0.0);
        double[] sleep = accuracy.get(0.2);
        AggregateRow sleeping = rows.stream().filter(row -> row.cell().sleepFraction() == 0.2).findFirst().orElseThrow();
        assertEquals((sleep[0] + sleep[1] - none[0] - none[1]) / 2, sleeping.vsBaseline().diff(), 1e-12);
    }

    /** One SG-SNN epoch on 200 geomfig images: every image trained, the layers spike, the test set is classified. */
    @Test
    void sgOneEpochTrainsEveryImageAndItsLayersSpike() {
        SgOneEpoch.Outcome o = SgOneEpoch.run("geomfig", 200, 100, 50, 7);
        assertEquals(1, o.result().epochs().size());
        assertEquals(200L * o.config().steps(), o.result().wakeSteps(), "200 images of T steps");
        assertTrue(Double.isFinite(o.result().epochs().get(0).trainLoss()));
        assertEquals(100, o.test().images());
        assertTrue(o.test().accuracy() >= 0 && o.test().accuracy() <= 1);
        assertTrue(o.test().firingRatesHz().get("h") > 0, "the hidden layer spikes: " + o.test().firingRatesHz());
        assertEquals(225, o.config().inputs(), "geomfig resized to the paper's 15×15 (Preprocess.PAPER_SG)");
    }

    /** README's "Examples" table lists every program here (a new one fails this until it is described there). */
    @Test
    void theReadmeListsEveryExample() throws IOException {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        String readme = Files.readString(module.resolveSibling("README.md"));
        String table = readme.substring(readme.indexOf("### Examples"));
        List<String> programs;
        try (Stream<Path> files = Files.list(module.resolve("src/main/java/io/somnus/examples"))) {
            programs = files.map(f -> f.getFileName().toString()).filter(n -> !n.equals("package-info.java"))
                    .map(n -> n.substring(0, n.length() - ".java".length())).sorted().toList();
        }
        assertEquals(6, programs.size(), programs.toString());
        for (String program : programs) {
            assertTrue(table.contains("| `" + program + "` |"), "README's Examples table lacks " + program);
        }
    }
}
