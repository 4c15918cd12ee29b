package io.somnus.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.somnus.core.GaussianDraws;
import io.somnus.encoding.PoissonEncoder;
import io.somnus.encoding.SpikeTrain;
import io.somnus.experiment.config.Configs;
import io.somnus.experiment.config.StdpRunConfig;
import io.somnus.experiment.run.RunResult;
import io.somnus.experiment.run.StandardResolver;
import io.somnus.experiment.stats.AggregateRow;
import io.somnus.experiment.stdp.NetworkFactory;
import io.somnus.experiment.sweep.SweepPlan;
import io.somnus.experiment.sweep.SweepPlanner;
import io.somnus.experiment.sweep.SweepResult;
import io.somnus.experiment.sweep.SweepSpec;
import io.somnus.kernel.Kernels;
import io.somnus.network.Network;
import io.somnus.network.SpikeRaster;
import io.somnus.network.StateMonitor;
import io.somnus.neuron.SpikeSource;
import io.somnus.plasticity.AllToAllStdp;
import io.somnus.synapse.Projection;
import io.somnus.synapse.Receptor;
import io.somnus.synapse.SynapseList;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
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
        int post = r.spikesPerNeuron().length;
        double slow = PoissonStdpNetwork.meanChange(r.weightsBefore(), r.weightsAfter(), post, 0, 20);
        double fast = PoissonStdpNetwork.meanChange(r.weightsBefore(), r.weightsAfter(), post, 80, 100);
        assertTrue(fast > 0 && fast > slow, "mean Δw, 33–40 Hz inputs " + fast + ", 5–12 Hz " + slow);
        String out = printed(() -> PoissonStdpNetwork.main(new String[] {"200"}));
        assertTrue(out.contains("SpikeCounter[lif, ") && out.contains("mean weight change"), out);
    }

    /**
     * Both networks' mean weight change of an input range, worked by hand: 3 inputs all-to-all onto 2 neurons
     * (synapse i·2 + j), inputs [1, 3) changed by +1, +3 (input 1) and −2, +6 (input 2): (1 + 3 − 2 + 6) / 4 = 2.
     */
    @Test
    void theMeanWeightChangeOfAnInputRangeIsWorkedByHand() {
        float[] before = {5, 5, 1, 1, 4, 0};
        float[] after = {9, 9, 2, 4, 2, 6};
        assertEquals(2.0, PoissonStdpNetwork.meanChange(before, after, 2, 1, 3), 1e-12);
        assertEquals(4.0, PoissonStdpNetwork.meanChange(before, after, 2, 0, 1), 1e-12, "input 0 alone");
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

    /**
     * A rule of one's own: the triplet rule's change for a hand-placed pattern (pre at 5, 35 and 45 ms, post at 15, 25
     * and 45 ms, the last pair in one step: pre first) equals the closed form worked here by hand, trace by trace.
     */
    @Test
    void theTripletRuleMovesAHandPlacedPatternAsItsClosedForm() {
        TripletFrequency.Outcome o = TripletFrequency.present(new int[] {5, 35, 45}, new int[] {15, 25, 45});
        assertArrayEquals(new int[] {15, 25, 45}, o.postSteps(), "the teacher fires the neuron where asked");
        assertArrayEquals(new int[] {5, 35, 45}, o.preSteps());
        double tp = 16.8, tx = 101, tm = 33.7, ty = 125;                       // ms: the visual-cortex fit
        double a2p = 7.5e-10, a3p = 9.3e-3, a2m = 7e-3, a3m = 2.3e-4;
        double ltp15 = Math.exp(-10 / tp) * a2p;                                // r1 from pre 5; no earlier post: o2 = 0
        double ltp25 = Math.exp(-20 / tp) * (a2p + a3p * Math.exp(-10 / ty));  // o2 from post 15
        double ltd35 = -(Math.exp(-20 / tm) + Math.exp(-10 / tm))              // o1 from posts 15, 25
                * (a2m + a3m * Math.exp(-30 / tx));                             // r2 from pre 5
        double ltd45 = -(Math.exp(-30 / tm) + Math.exp(-20 / tm))              // the post at 45 comes after
                * (a2m + a3m * (Math.exp(-40 / tx) + Math.exp(-10 / tx)));      // r2 from pres 5, 35
        double ltp45 = (1 + Math.exp(-10 / tp) + Math.exp(-40 / tp))          // r1 with the pre at 45 (Δt = 0)
                * (a2p + a3p * (Math.exp(-20 / ty) + Math.exp(-30 / ty)));      // o2 from posts 15, 25
        assertEquals(ltp15 + ltp25 + ltd35 + ltd45 + ltp45, o.change(), 1e-6);
    }

    /**
     * Sjöström's protocol and Poisson trains under the triplet rule: every change equals the rule's all-to-all sum over
     * the spike pairs and triplets the network produced (computed here from the spike steps, not from traces); at
     * 0.1 Hz post-before-pre depresses and pre-before-post does next to nothing, at 50 Hz both potentiate; with
     * Poisson trains the change turns from depression to potentiation as the post rate rises, as the rule's mean
     * for independent trains says.
     */
    @Test
    void pairingFrequencyTurnsTheTripletRulesChangeFromDepressionToPotentiation() {
        TripletFrequency.Result r = TripletFrequency.run(60, 20, 1);
        PfisterTripletStdp.Parameters p = PfisterTripletStdp.Parameters.VISUAL_CORTEX;
        List<TripletFrequency.Outcome> all = new ArrayList<>();
        for (TripletFrequency.PairingRow row : r.pairings()) {
            all.add(row.causal());
            all.add(row.antiCausal());
            assertEquals(60, row.causal().postSteps().length, "one post spike per pairing at " + row.frequencyHz());
        }
        r.poisson().forEach(row -> all.add(row.outcome()));
        for (TripletFrequency.Outcome o : all) {
            assertTrue(o.weightAfter() > 0 && o.weightAfter() < 10, "within the bounds, so the sum is unclipped");
            assertEquals(tripletSum(p, o.preSteps(), o.postSteps()), o.change(), 2e-5);
        }
        TripletFrequency.PairingRow slow = r.pairings().get(0);
        TripletFrequency.PairingRow fast = r.pairings().get(r.pairings().size() - 1);
        assertEquals(0.1, slow.frequencyHz());
        assertEquals(50, fast.frequencyHz());
        assertTrue(slow.antiCausal().change() < -0.1 && Math.abs(slow.causal().change()) < 1e-3,
                slow.causal().change() + ", " + slow.antiCausal().change());
        assertTrue(fast.causal().change() > 0.5 && fast.antiCausal().change() > 0.5,
                fast.causal().change() + ", " + fast.antiCausal().change());
        TripletFrequency.PoissonRow low = r.poisson().get(0);
        TripletFrequency.PoissonRow high = r.poisson().get(r.poisson().size() - 1);
        assertTrue(low.predicted() < 0 && low.outcome().change() < 0, low.toString());
        assertTrue(high.predicted() > 0 && high.outcome().change() > 0, high.toString());
        String out = printed(() -> TripletFrequency.main(new String[] {"5", "2"}));
        assertTrue(out.contains("pre→post +10 ms") && out.contains("predicted"), out);
    }

    /**
     * The all-to-all triplet rule's change for spike steps (1 ms) pre and post, as sums over pairs and triplets: at
     * each post spike r1 (pre spikes up to it) times A2+ + A3+·o2 (post spikes before it); at each pre spike, minus o1
     * (post spikes before it) times A2− + A3−·r2 (pre spikes before it).
     */
    private static double tripletSum(PfisterTripletStdp.Parameters p, int[] pre, int[] post) {
        double change = 0;
        for (int t : post) {
            double r1 = 0;
            double o2 = 0;
            for (int s : pre) {
                r1 += s <= t ? Math.exp(-(t - s) / p.tauPlusMs()) : 0;
            }
            for (int s : post) {
                o2 += s < t ? Math.exp(-(t - s) / p.tauYMs()) : 0;
            }
            change += r1 * (p.a2Plus() + p.a3Plus() * o2);
        }
        for (int t : pre) {
            double o1 = 0;
            double r2 = 0;
            for (int s : post) {
                o1 += s < t ? Math.exp(-(t - s) / p.tauMinusMs()) : 0;
            }
            for (int s : pre) {
                r2 += s < t ? Math.exp(-(t - s) / p.tauXMs()) : 0;
            }
            change -= o1 * (p.a2Minus() + p.a3Minus() * r2);
        }
        return change;
    }

    /**
     * A neuron of one's own in a network: its first steps equal Izhikevich's equations stepped by hand (v0 = −65 mV,
     * u0 = −13, bias 10, a 5 mV kick delivered at step 0 and taken in at step 1; then a spike at step 3, v ← c, u += d).
     */
    @Test
    void theIzhikevichNeuronsFirstStepsAreItsEquationsSteppedByHand() {
        SpikeSource in = new SpikeSource("in", 1);
        IzhikevichPopulation izh = new IzhikevichPopulation("izh", 1,
                IzhikevichPopulation.Parameters.REGULAR_SPIKING.withBias(10));
        SynapseList one = new SynapseList(1);
        one.add(0, 0);
        Projection kick = Projection.named("kick").from(in).to(izh).receptor(Receptor.EXCITATORY).synapses(one)
                .weights(new float[] {5f}).build();
        Network net = new Network(1.0, in, List.of(in, izh), List.of(kick), Map.of());
        StateMonitor v = net.state(izh, "v");
        StateMonitor u = net.state(izh, "u");
        SpikeRaster raster = net.raster(izh);
        SpikeTrain train = new SpikeTrain();
        train.reset(5);
        train.add(0, 0);
        train.finish();
        net.present(train, false, new SplittableRandom(1));
        // by hand: v1 = v0 + dt·(0.04·v0² + 5·v0 + 140 − u0 + I), u1 = u0 + dt·a·(b·v0 − u0)
        // step 0: −65 + (169 − 325 + 140 + 13 + 10) = −58;        u: −13 + 0.02·(−13 + 13) = −13
        // step 1 (v = −58 + 5 = −53): −53 + (112.36 − 265 + 140 + 13 + 10) = −42.64;  u: −13 + 0.02·(−10.6 + 13) = −12.952
        // step 2: −42.64 + (72.726784 − 213.2 + 140 + 12.952 + 10) = −20.161216;  u: −12.952 + 0.02·(−8.528 + 12.952) = −12.86352
        // step 3: −20.161216 + (16.25… − 100.8… + 140 + 12.86… + 10) ≥ 30: spike; v = −65, u = −12.86352
        //         + 0.02·(−4.0322432 + 12.86352) + 8 = −4.686894464
        double[] vByHand = {-58, -42.64, -20.161216, -65};
        double[] uByHand = {-13, -12.952, -12.86352, -4.686894464};
        for (int t = 0; t < 4; t++) {
            assertEquals(vByHand[t], v.trace(0)[t], 1e-9, "v after step " + t);
            assertEquals(uByHand[t], u.trace(0)[t], 1e-9, "u after step " + t);
        }
        assertEquals(3, raster.spikeSteps()[0], "the first spike");
    }

    /**
     * Sleep's membrane noise reaches the neuron of one's own as the built-in models take it (membraneNoise with no
     * refractory neuron): after a noisy step from rest, v is Izhikevich's Euler step from −65 + σ·z mV, z the noise
     * stream's first standard normal draws (neuron by neuron), drawn here from a generator of the same seed.
     */
    @Test
    void sleepsNoiseJoltsTheIzhikevichNeuronsVBeforeItsStep() {
        SpikeSource in = new SpikeSource("in", 1);
        IzhikevichPopulation izh = new IzhikevichPopulation("izh", 2, IzhikevichPopulation.Parameters.REGULAR_SPIKING);
        Network net = new Network(1.0, in, List.of(in, izh), List.of(), Map.of());
        StateMonitor v = net.state(izh, "v");
        net.step(0, false, 2.0, new SplittableRandom(3));
        double[] z = new double[2];
        GaussianDraws.fill(new SplittableRandom(3), z, 0, 2);
        for (int i = 0; i < 2; i++) {
            double v0 = -65.0 + (float) (2.0 * z[i]);                           // the noise is a float per neuron
            double byHand = v0 + (0.04 * v0 * v0 + 5 * v0 + 140 + 13);         // u0 = b·c = −13, no bias
            assertTrue(z[i] != 0 && Math.abs(z[i]) < 6, "a standard normal draw: " + z[i]);
            assertEquals(byHand, v.trace(i)[0], 1e-9, "neuron " + i);
        }
    }

    /** The Izhikevich network: every neuron fires, v stays below the cut-off, STDP moved the weights within bounds. */
    @Test
    void izhikevichNeuronsInANetworkOfBuiltInPartsSpikeAndLearn() {
        IzhikevichNetwork.Result r = IzhikevichNetwork.run(1000, 1);
        assertTrue(Arrays.stream(r.spikesPerNeuron()).allMatch(n -> n > 0), Arrays.toString(r.spikesPerNeuron()));
        assertEquals(1000, r.v0Mv().length);
        assertTrue(Arrays.stream(r.v0Mv()).allMatch(x -> x < IzhikevichPopulation.V_PEAK_MV), "v is reset at 30 mV");
        assertTrue(!Arrays.equals(r.weightsBefore(), r.weightsAfter()), "STDP moved the weights");
        for (float w : r.weightsAfter()) {
            assertTrue(w >= 0 && w <= 4, "bounds [0, 4]: " + w);
        }
        String out = printed(() -> IzhikevichNetwork.main(new String[] {"200"}));
        assertTrue(out.contains("IzhikevichPopulation[izh, 10 neurons]") && out.contains("mean weight change"), out);
    }

    /**
     * The sweep file that runs the sleep comparison with {@link PfisterTripletStdp} in place of diehl-cook's rule
     * ({@code rule: class}) plans its 6 runs, and each run's network learns input → E by that class with the file's
     * parameters (the published fit) at the run's dt.
     */
    @Test
    void theSleepComparisonWithPfisterTripletStdpPlansAndBuildsItsRule() throws Exception {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        SweepPlan plan = SweepPlanner.plan(
                SweepSpec.load(module.resolve("pfister-triplet-sleep-geomfig.yaml")),
                new StandardResolver());
        assertEquals(6, plan.runs().size());
        StdpRunConfig cfg = Configs.bind(plan.runs().get(1).config(), StdpRunConfig.class);
        assertEquals(0.2, cfg.sleep().fraction());
        Network net = NetworkFactory.build(cfg, 784, new SplittableRandom(1),
                Kernels.scalar());
        PfisterTripletStdp rule = (PfisterTripletStdp) net.projection("input_e").plasticity();
        assertEquals(PfisterTripletStdp.Parameters.VISUAL_CORTEX, rule.parameters());
        assertEquals(cfg.simulation().dtMs(), rule.dtMs());
    }

    /**
     * examples/izhikevich-geomfig.yaml resolves (a changes file of diehl-cook) and builds its E population as
     * {@link IzhikevichPopulation} of the parameters given, its size that of the file, its I population as large, and
     * its inhibition negative (the neurons' receptors add into one current).
     */
    @Test
    void theIzhikevichConfigurationBuildsItsNeuronClass() {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        StdpRunConfig cfg = Configs.bind(
                new StandardResolver().resolve(Map.of("preset",
                        module.resolve("izhikevich-geomfig.yaml").toString(), "dataset.name", "geomfig")),
                StdpRunConfig.class);
        Network net = NetworkFactory.build(NetworkFactory.validate(cfg, 225), new SplittableRandom(1),
                Kernels.scalar());
        IzhikevichPopulation e = (IzhikevichPopulation) net.population("e");
        assertEquals(IzhikevichPopulation.Parameters.REGULAR_SPIKING, e.parameters());
        assertEquals(50, e.size());
        assertEquals(50, net.population("i").size());
        assertEquals(-2f, net.projection("i_e").weights()[0]);
    }

    /**
     * A network learning by {@link PfisterTripletStdp}, written halfway ({@code Network.writeState}, the rule's traces
     * with it) and read into a second network built from the same configuration, goes on to the same weights, bit for
     * bit, as the first.
     */
    @Test
    void pfisterTripletStdpResumesFromASnapshotToTheSameWeights() throws Exception {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        SweepPlan plan = SweepPlanner.plan(
                SweepSpec.load(module.resolve("pfister-triplet-sleep-geomfig.yaml")),
                new StandardResolver());
        StdpRunConfig cfg = Configs.bind(plan.runs().get(0).config(), StdpRunConfig.class);
        Network a = NetworkFactory.build(cfg, 784, new SplittableRandom(1),
                Kernels.scalar());
        Network b = NetworkFactory.build(cfg, 784, new SplittableRandom(1),
                Kernels.scalar());
        float[] rates = new float[784];
        Arrays.fill(rates, 40f);
        a.run(50, PoissonEncoder.ofRatesHz(), rates, true, new SplittableRandom(2));
        ByteArrayOutputStream snapshot = new ByteArrayOutputStream();
        a.writeState(new DataOutputStream(snapshot));
        b.readState(new DataInputStream(new ByteArrayInputStream(snapshot.toByteArray())));
        float[] before = a.projection("input_e").weights().clone();
        a.run(50, PoissonEncoder.ofRatesHz(), rates, true, new SplittableRandom(3));
        b.run(50, PoissonEncoder.ofRatesHz(), rates, true, new SplittableRandom(3));
        float[] after = a.projection("input_e").weights();
        assertTrue(!Arrays.equals(before, after), "the rule moved the weights after the snapshot");
        assertArrayEquals(after, b.projection("input_e").weights());
    }

    /**
     * README's "Examples" table lists every program here (a class with a {@code main}), and its text names every other
     * class (a model or rule of one's own): a new one fails this until it is described there.
     */
    @Test
    void theReadmeListsEveryExample() throws IOException {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        String readme = Files.readString(module.resolveSibling("README.md"));
        String table = readme.substring(readme.indexOf("### Examples"));
        Path sources = module.resolve("src/main/java/io/somnus/examples");
        List<String> classes;
        try (Stream<Path> files = Files.list(sources)) {
            classes = files.map(f -> f.getFileName().toString()).filter(n -> !n.equals("package-info.java"))
                    .map(n -> n.substring(0, n.length() - ".java".length())).sorted().toList();
        }
        List<String> programs = new ArrayList<>();
        for (String c : classes) {
            if (Files.readString(sources.resolve(c + ".java")).contains("public static void main(String[] args)")) {
                programs.add(c);
            } else {
                assertTrue(table.contains("`" + c + "`"), "README's Examples section does not name " + c);
            }
        }
        assertEquals(8, programs.size(), programs.toString());
        assertEquals(10, classes.size(), classes.toString());
        for (String program : programs) {
            assertTrue(table.contains("| `" + program + "` |"), "README's Examples table lacks " + program);
        }
    }
}
