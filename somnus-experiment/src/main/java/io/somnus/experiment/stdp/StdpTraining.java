package io.somnus.experiment.stdp;

import io.somnus.data.LabeledImages;
import io.somnus.encoding.SpikeEncoder;
import io.somnus.encoding.SpikeTrain;
import io.somnus.experiment.config.RunConfig;
import io.somnus.experiment.config.SleepConfig;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.model.RunRecorder;
import io.somnus.network.Network;
import io.somnus.network.SpikeCounter;
import io.somnus.neuron.Population;
import io.somnus.sleep.SleepPhase;
import io.somnus.sleep.SleepSchedule;
import io.somnus.synapse.Projection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains the STDP-SNN of one configuration: presents the training images with plasticity on, inserts
 * sleep episodes by the schedule, evaluates at checkpoints (frozen, on the validation images) and at the
 * end (on the test images), and reports everything to a {@link RunRecorder}.
 */
public final class StdpTraining {
    /** What a run ends with. */
    /**
     * @param summary what the run measured: a pure function of seed, configuration and Java version
     * @param timing  how long it took (timing.json): differs from run to run
     */
    public record Result(Map<String, Object> summary, Map<String, Object> timing, Map<String, float[]> weights,
            Map<String, int[]> shapes) { }

    private final RunConfig cfg;
    private final RunRecorder recorder;
    private final SplittableRandom connectivityRng;
    private final SplittableRandom trainRng;
    private final SplittableRandom sleepRng;
    private final long evalSeed;
    private final long readoutSeed;
    private final io.somnus.kernel.Kernels kernels;

    public StdpTraining(RunConfig cfg, RunRecorder recorder, io.somnus.kernel.Kernels kernels) {
        this.kernels = kernels;
        this.cfg = cfg;
        this.recorder = recorder;
        SplittableRandom root = new SplittableRandom(cfg.seed());
        // one split per consumer, in a fixed order, so adding a consumer later does not shift the others
        this.connectivityRng = root.split();
        this.trainRng = root.split();
        this.sleepRng = root.split();
        this.evalSeed = root.split().nextLong();
        this.readoutSeed = root.split().nextLong();
    }

    public Result run(LabeledImages train, LabeledImages validation, LabeledImages test) {
        long started = System.nanoTime();
        Network net = NetworkFactory.build(cfg, train.pixels(), connectivityRng, kernels);
        Population readoutPop = net.population(cfg.readout().population());
        SpikeEncoder encoder = Encoders.create(cfg.encoding());
        Presentation presentation = new Presentation(cfg.simulation().stepsPerImage(), cfg.simulation().dtMs(),
                cfg.encoding().intensity(), cfg.encoding().minSpikes(), cfg.encoding().intensityStep(),
                cfg.encoding().maxPresentations());
        int threads = cfg.train().evalThreads() > 0 ? cfg.train().evalThreads() : Runtime.getRuntime().availableProcessors();
        FrozenEvaluator evaluator = new FrozenEvaluator(encoder, presentation, threads);
        Measurements measure = new Measurements(cfg, net, evaluator, readoutSeed, evalSeed);

        SleepConfig sc = cfg.sleep();
        SleepSchedule schedule = new SleepSchedule(sc.fraction(), sc.wakeSteps());
        SleepPhase sleep = new SleepPhase(SleepSettingsFactory.create(sc, cfg.simulation().dtMs()));
        Map<Projection, Double> setPoints = new HashMap<>();
        for (Projection p : net.projections()) {
            setPoints.put(p, p.totalAbsWeight());
        }
        List<SpikeCounter> sleepCounters = new ArrayList<>();
        List<SpikeCounter> wakeCounters = new ArrayList<>();
        for (Population p : net.populations()) {
            if (p != net.input()) {
                wakeCounters.add(net.count(p));
            }
        }
        sleepCounters.addAll(wakeCounters);
        SpikeCounter readoutCounter = net.count(readoutPop);

        boolean continual = "continual".equals(cfg.protocol());
        int[] order = trainingOrder(train);
        int[] taskEnds = continual ? ContinualTasks.taskEnds(train, order, cfg.continual()) : new int[0];
        double[][] taskAccuracy = new double[taskEnds.length][];
        int task = 0;
        int epochs = Math.max(1, cfg.train().epochs());
        long totalImages = (long) order.length * epochs;
        if ("fixed_total".equals(sc.budget())) {
            totalImages = Math.round(totalImages * (1 - sc.fraction()));
        }
        int checkpoints = Math.max(1, cfg.train().checkpoints());
        boolean plastic = cfg.train().plasticity();
        SpikeTrain spikes = new SpikeTrain();

        long wakeSteps = 0;
        long sleepSteps = 0;
        long sinceSleep = 0;
        int episode = 0;
        long presentations = 0;
        long trainNanos = 0;
        Map<String, long[]> sleepSpikeTotals = new LinkedHashMap<>();
        Map<String, long[]> wakeSpikeTotals = new LinkedHashMap<>();
        List<Double> valCurve = new ArrayList<>();
        int traceEveryImages = (int) Math.max(1, sc.wakeSteps() / cfg.simulation().stepsPerImage() / 10);
        long nextCheckpoint = 1;
        int done = 0;
        for (long seen = 0; seen < totalImages; seen++) {
            int idx = order[(int) (seen % order.length)];
            long t0 = System.nanoTime();
            for (SpikeCounter c : wakeCounters) {
                c.clear();
            }
            int shown = presentation.present(net, encoder, train.images()[idx], plastic, trainRng, spikes, readoutCounter);
            trainNanos += System.nanoTime() - t0;
            long stepsSoFar = wakeSteps + sleepSteps + (long) shown * cfg.simulation().stepsPerImage();
            net.checkFinite("after training image " + (seen + 1) + " (simulation step " + stepsSoFar + ")", false);
            for (SpikeCounter c : wakeCounters) {
                wakeSpikeTotals.computeIfAbsent(c.population().name(), k -> new long[2])[0] += c.total();
                wakeSpikeTotals.get(c.population().name())[1] += (long) c.population().size() * shown * cfg.simulation().stepsPerImage();
            }
            presentations += shown;
            long steps = (long) shown * cfg.simulation().stepsPerImage();
            wakeSteps += steps;
            sinceSleep += steps;
            if ((seen + 1) % traceEveryImages == 0) {
                traceAll(net, wakeSteps + sleepSteps, "wake", episode);
            }
            if (plastic && schedule.sleeps() && sinceSleep >= schedule.wakeSteps()) {
                episode++;
                histograms(net, sleep, episode, "before");
                traceAll(net, wakeSteps + sleepSteps, "wake", episode);
                final long base = wakeSteps + sleepSteps;
                final int ep = episode;
                long budget = Math.round(sc.fraction() / (1 - sc.fraction()) * sinceSleep);
                SleepPhase.Episode e = sleep.run(net, budget, setPoints, sleepRng, sleepCounters,
                        (s, p, total, mean) -> recorder.trace(base + s, "sleep", ep, p.name(), total, mean));
                sleepSteps += e.steps();
                net.checkFinite("at the end of sleep episode " + episode + " (simulation step " + (wakeSteps + sleepSteps)
                        + ")", true);
                for (Map.Entry<String, long[]> s : e.spikesByPopulation().entrySet()) {
                    long[] acc = sleepSpikeTotals.computeIfAbsent(s.getKey(), k -> new long[2]);
                    acc[0] += s.getValue()[0];
                    acc[1] += s.getValue()[1] * e.steps();
                }
                for (SpikeCounter c : wakeCounters) {
                    c.clear();
                }
                histograms(net, sleep, episode, "after");
                traceAll(net, wakeSteps + sleepSteps, "wake", episode);
                sinceSleep = 0;
            }
            recorder.progress("train", seen + 1, totalImages);
            long target = nextCheckpoint * totalImages / checkpoints;
            if (seen + 1 >= target) {
                Map<String, Double> row = measure.checkpoint(train, validation, seen + 1, wakeSteps, sleepSteps,
                        rates(wakeSpikeTotals, "wake"), rates(sleepSpikeTotals, "sleep"));
                valCurve.add(row.getOrDefault(RunDirectory.Metrics.VAL_ACCURACY, Double.NaN));
                recorder.checkpoint(row);
                nextCheckpoint++;
            }
            done++;
            if (continual && task < taskEnds.length && seen + 1 == taskEnds[task]) {
                taskAccuracy[task] = measure.taskAccuracies(train, test, cfg.continual(), task);
                task++;
            }
        }
        double trainSeconds = trainNanos / 1e9;
        Map<String, Object> summary = measure.finalSummary(train, test, valCurve);
        summary.put("train_images", done);
        summary.put("presentations", presentations);
        summary.put("wake_steps", wakeSteps);
        summary.put("sleep_steps", sleepSteps);
        summary.put("sleep_episodes", episode);
        summary.put("sleep_fraction", sc.fraction());
        summary.put("achieved_sleep_fraction", wakeSteps + sleepSteps == 0 ? 0.0 : (double) sleepSteps / (wakeSteps + sleepSteps));
        summary.put("rates_wake_hz", rates(wakeSpikeTotals, "wake"));
        summary.put("rates_sleep_hz", rates(sleepSpikeTotals, "sleep"));
        summary.put("synaptic_events", net.synapticEvents());
        if (continual) {
            summary.put("continual", ContinualTasks.summary(taskAccuracy));
        }
        Map<String, Object> timing = new LinkedHashMap<>();
        timing.put("train_images_per_second", trainSeconds > 0 ? done / trainSeconds : 0.0);
        timing.put("wall_seconds", (System.nanoTime() - started) / 1e9);
        Map<String, float[]> weights = new LinkedHashMap<>();
        Map<String, int[]> shapes = new LinkedHashMap<>();
        for (Projection p : net.projections()) {
            weights.put(p.name(), p.toDense());
            shapes.put(p.name(), new int[] {p.pre().size(), p.post().size()});
        }
        return new Result(summary, timing, weights, shapes);
    }

    private Map<String, Double> rates(Map<String, long[]> totals, String phase) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : totals.entrySet()) {
            long neuronSteps = e.getValue()[1];
            out.put(e.getKey(), neuronSteps == 0 ? 0.0 : e.getValue()[0] / (neuronSteps * cfg.simulation().dtMs() / 1000.0));
        }
        return out;
    }

    /** Training order: the images as given, or grouped by task for the continual protocol. */
    private int[] trainingOrder(LabeledImages train) {
        if ("continual".equals(cfg.protocol())) {
            return ContinualTasks.order(train, cfg.continual());
        }
        int[] order = new int[train.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        return order;
    }

    private void traceAll(Network net, long step, String phase, int episode) {
        for (Projection p : net.projections()) {
            if (p.isPlastic()) {
                recorder.trace(step, phase, episode, p.name(), p.totalAbsWeight(), mean(p.weights()));
            }
        }
    }

    private void histograms(Network net, SleepPhase sleep, int episode, String when) {
        for (Projection p : sleep.decaying(net)) {
            float[] w = p.weights();
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (float x : w) {
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
            int bins = 30;
            if (!(hi > lo)) {
                hi = lo + 1e-6;
            }
            double[] edges = new double[bins + 1];
            for (int b = 0; b <= bins; b++) {
                edges[b] = lo + (hi - lo) * b / bins;
            }
            long[] counts = new long[bins];
            for (float x : w) {
                int b = (int) ((x - lo) / (hi - lo) * bins);
                counts[Math.min(bins - 1, Math.max(0, b))]++;
            }
            recorder.histogram(episode, when, p.name(), edges, counts);
        }
    }

    static double mean(float[] w) {
        double s = 0;
        for (float x : w) {
            s += x;
        }
        return w.length == 0 ? 0 : s / w.length;
    }
}
