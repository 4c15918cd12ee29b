package io.somnus.experiment.stdp;

import io.somnus.core.StateStreams;
import io.somnus.data.LabeledImages;
import io.somnus.experiment.config.Choices;
import io.somnus.experiment.config.ContinualConfig;
import io.somnus.experiment.config.PhiDefinition;
import io.somnus.experiment.config.ReadoutKind;
import io.somnus.experiment.config.StdpRunConfig;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.model.AdaptiveThresholds;
import io.somnus.experiment.model.ContinualTasks;
import io.somnus.experiment.model.RunRecorder;
import io.somnus.experiment.model.SummaryFields;
import io.somnus.metrics.Diversity;
import io.somnus.metrics.WeightStatistics;
import io.somnus.network.Network;
import io.somnus.readout.AuthorsClusterSeparation;
import io.somnus.readout.ClusterSeparation;
import io.somnus.readout.FittedReadout;
import io.somnus.readout.PcaLogisticReadout;
import io.somnus.readout.SpikeCounts;
import io.somnus.synapse.Projection;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The measurements of the STDP-SNN (docs/run-directory.md): readout accuracies (frozen network), weight statistics
 * per projection, representational diversity and φ, firing rates, stability of the accuracy curve.
 */
public final class Measurements {
    /** The progress phase of the final evaluation: spike counts, then readouts (slow for wide networks). */
    public static final String FINAL_PHASE = "evaluate";

    private final StdpRunConfig cfg;
    private final Network net;
    private final FrozenEvaluator evaluator;
    private final long readoutSeed;
    private final long evalSeed;
    private final Map<String, Double> runningMax = new HashMap<>();

    /**
     * The measurements of {@code net} under {@code cfg}, evaluating through {@code evaluator}; {@code readoutSeed}
     * seeds the readouts' fits and {@code evalSeed} the evaluation's input spikes.
     */
    public Measurements(StdpRunConfig cfg, Network net, FrozenEvaluator evaluator, long readoutSeed, long evalSeed) {
        this.cfg = cfg;
        this.net = net;
        this.evaluator = evaluator;
        this.readoutSeed = readoutSeed;
        this.evalSeed = evalSeed;
    }

    /** Readout-fitting images: the first {@code readout_images} training images (all when 0). */
    private LabeledImages readoutSet(LabeledImages train, boolean checkpoint) {
        int n = cfg.train().readoutImages();
        if (checkpoint && n == 0) {
            n = Math.min(train.size(), 1000);
        }
        return n == 0 ? train : train.head(n);
    }

    /** Images the readouts are fitted on at the end, the most of any evaluation of the run. */
    int readoutImages(LabeledImages train) {
        return readoutSet(train, false).size();
    }

    /**
     * What checkpoint {@code k} of {@code checkpoints} evaluates, for the progress bar while it runs: the readouts'
     * training images + the validation images they are scored on (short: a log's line holds 100 characters).
     */
    String checkpointNote(LabeledImages train, LabeledImages validation, long k, int checkpoints) {
        return "checkpoint " + k + "/" + checkpoints + ": readouts on " + readoutSet(train, true).size() + " + "
                + validation.size() + " images";
    }

    /** A metrics.csv row for a checkpoint, evaluated on the validation images. */
    public Map<String, Double> checkpoint(LabeledImages train, LabeledImages validation, long imagesSeen,
                                          long presentations, long wakeSteps, long sleepSteps,
                                          Map<String, Double> wakeRates, Map<String, Double> sleepRates) {
        Map<String, Double> row = new LinkedHashMap<>();
        row.put(RunDirectory.Metrics.IMAGES_SEEN, (double) imagesSeen);
        row.put(RunDirectory.Metrics.PRESENTATIONS, (double) presentations);
        row.put(RunDirectory.Metrics.WAKE_STEPS, (double) wakeSteps);
        row.put(RunDirectory.Metrics.SLEEP_STEPS, (double) sleepSteps);
        row.put(RunDirectory.Metrics.ACHIEVED_SLEEP_FRACTION, wakeSteps + sleepSteps == 0 ? 0 : (double) sleepSteps / (wakeSteps + sleepSteps));
        LabeledImages fitSet = readoutSet(train, true);
        Evaluation ev = evaluate(fitSet, validation, cfg.train().checkpointSalt(imagesSeen), null, 1);
        row.put(RunDirectory.Metrics.VAL_ACCURACY, ev.accuracy.get(Choices.of(cfg.readout().main())));
        ev.accuracy.forEach((k, v) -> row.put("val_accuracy_" + k, v));
        weightColumns(row);
        row.put("winner_fraction", ev.diversity.winnerFraction());
        row.put("assignment_entropy", ev.diversity.assignmentEntropyNormalized());
        row.put("rf_cosine", ev.diversity.meanPairwiseRfCosine());
        row.putAll(phis(ev));
        wakeRates.forEach((k, v) -> row.put("rate_" + k + "_wake_hz", v));
        sleepRates.forEach((k, v) -> row.put("rate_" + k + "_sleep_hz", v));
        AdaptiveThresholds.columns(net, row);
        return row;
    }

    /**
     * Final numbers on the test images.
     *
     * @param valCurve       the main readout's validation accuracy at each checkpoint (metrics.csv's val_accuracy)
     * @param endsRestored   whether {@code valCurve}'s last point measures the restored best epoch's weights (a run
     *                       that stopped early), left out of the stability numbers
     * @param recorder       told the progress of the evaluation (phase {@value #FINAL_PHASE}: the readout and test
     *                       images' spike counts, then each readout's fit)
     * @param readoutThreads threads that fit the readouts at the same time (1: one after the other; the same results)
     */
    public Map<String, Object> finalSummary(LabeledImages train, LabeledImages test, List<Double> valCurve,
            boolean endsRestored, RunRecorder recorder, int readoutThreads) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("model", Choices.of(cfg.model()));
        s.put("preset", cfg.preset());
        s.put("dataset", cfg.dataset().name());
        s.put("seed", cfg.seed());
        Evaluation ev = evaluate(readoutSet(train, false), test, -1, recorder, readoutThreads);
        s.put("test_accuracy", ev.accuracy.get(Choices.of(cfg.readout().main())));
        s.put("test_accuracy_by_readout", ev.accuracy);
        double[] curve = valCurve.stream().mapToDouble(Double::doubleValue).toArray();
        s.put("stability", SummaryFields.stability(curve, endsRestored));
        Map<String, Object> weights = new LinkedHashMap<>();
        for (Projection p : net.projections()) {
            weights.put(p.name(), weightStats(p));
        }
        s.put("weights", weights);
        Map<String, Map<String, Double>> theta = AdaptiveThresholds.of(net);
        if (!theta.isEmpty()) { // only where a population has θ: other runs' summaries stay as they were
            s.put(AdaptiveThresholds.THETA_MV, theta);
        }
        Map<String, Object> div = new LinkedHashMap<>();
        div.put("winner_fraction", ev.diversity.winnerFraction());
        div.put("assignment_entropy", ev.diversity.assignmentEntropyNormalized());
        div.put("rf_cosine", ev.diversity.meanPairwiseRfCosine());
        s.put("diversity", div);
        s.putAll(phis(ev));
        s.put("pca_components", ev.pcaComponents);
        if (!ev.logisticFit.isEmpty()) {
            s.put("readout_fit", ev.logisticFit);
        }
        int side = (int) Math.round(Math.sqrt(net.input().size()));
        s.put("input_shape", side * side == net.input().size() ? List.of(side, side) : List.of(net.input().size()));
        // the receptive fields' projection (rf_cosine's, the report's figure); null: none reaches the read-out population
        Projection rf = inputProjection(cfg.readout().population());
        s.put("input_weights", rf == null ? null : rf.name());
        return s;
    }

    /** φ under each definition {@code readout.phi} lists: {@code phi} (Somnus's), {@code phi_authors}. */
    private Map<String, Double> phis(Evaluation ev) {
        Map<String, Double> m = new LinkedHashMap<>();
        if (cfg.readout().reportsPhi(PhiDefinition.SOMNUS)) {
            m.put("phi", ev.phi);
        }
        if (cfg.readout().reportsPhi(PhiDefinition.AUTHORS)) {
            m.put("phi_authors", ev.phiAuthors);
        }
        return m;
    }

    /**
     * @param phiAuthors  the authors' φ ({@link AuthorsClusterSeparation}) of the evaluated set against the fitting
     *                    set, on rates (counts / steps per image); NaN unless {@code readout.phi} lists it
     * @param logisticFit how the PCA-logistic readout's regression converged (empty without that readout)
     */
    private record Evaluation(Map<String, Double> accuracy, Diversity diversity, double phi, double phiAuthors,
            int pcaComponents, Map<String, Object> logisticFit) { }

    /**
     * @param recorder       told the progress of each step, or null
     * @param readoutThreads threads that fit the readouts at the same time
     */
    private Evaluation evaluate(LabeledImages fitSet, LabeledImages evalSet, long salt, RunRecorder recorder,
            int readoutThreads) {
        String pop = cfg.readout().population();
        List<ReadoutKind> kinds = cfg.readout().readouts();
        int steps = 2 + kinds.size();
        int[] done = {0};
        Runnable step = () -> {
            synchronized (done) { // fits finishing on several threads still report 3/5 before 4/5
                progress(recorder, ++done[0], steps);
            }
        };
        progress(recorder, 0, steps);
        SpikeCounts fitX = evaluator.features(net, pop, fitSet.images(), evalSeed ^ salt);
        step.run();
        SpikeCounts evalX = evaluator.features(net, pop, evalSet.images(), ~evalSeed ^ salt);
        step.run();
        List<FittedReadout> fitted = ReadoutFits.fit(kinds, cfg.readout().pcaVariance(), fitX, fitSet.labels(),
                fitSet.numClasses(), readoutSeed, readoutThreads, step);
        Map<String, Double> acc = new LinkedHashMap<>();
        double phi = Double.NaN;
        int components = 0;
        Map<String, Object> logisticFit = new LinkedHashMap<>();
        for (int r = 0; r < kinds.size(); r++) {
            FittedReadout f = fitted.get(r);
            acc.put(Choices.of(kinds.get(r)), f.accuracy(evalX, evalSet.labels()));
            if (f instanceof PcaLogisticReadout.Fitted pca) {
                double[][] z = pca.transform(evalX);
                components = pca.numComponents();
                phi = components == 0 ? Double.NaN : ClusterSeparation.phi(z, evalSet.labels(), evalSet.numClasses());
                logisticFit.put("objective", pca.model().objective());
                logisticFit.put("gradient_inf_norm", pca.model().gradientNorm());
                logisticFit.put("iterations", pca.model().iterations());
                logisticFit.put("converged", pca.model().converged());
            }
        }
        double phiAuthors = cfg.readout().reportsPhi(PhiDefinition.AUTHORS)
                ? AuthorsClusterSeparation.phi(rates(fitX), fitSet.labels(), rates(evalX), evalSet.labels(),
                        evalSet.numClasses(), cfg.readout().pcaVariance())
                : Double.NaN;
        Projection rf = inputProjection(pop);
        float[] dense = rf == null ? new float[0] : rf.toDense();
        Diversity div = Diversity.of(evalX, evalSet.labels(), evalSet.numClasses(), dense,
                rf == null ? 0 : rf.pre().size());
        return new Evaluation(acc, div, phi, phiAuthors, components, logisticFit);
    }

    private static void progress(RunRecorder recorder, int done, int steps) {
        if (recorder != null) {
            recorder.progress(FINAL_PHASE, done, steps);
        }
    }

    /** Spike counts per image as the authors' rates: mean spikes per step of the image's presentation. */
    private double[][] rates(SpikeCounts counts) {
        double steps = cfg.simulation().stepsPerImage();
        double[][] out = counts.toDense();
        for (double[] row : out) {
            for (int j = 0; j < row.length; j++) {
                row[j] /= steps;
            }
        }
        return out;
    }

    /**
     * Continual protocol, after task {@code task}: the main readout fitted on readout images of the classes
     * seen so far, scored on the test images of every task; tasks not yet learned are NaN.
     */
    public double[] taskAccuracies(LabeledImages train, LabeledImages test, ContinualConfig c,
                                   int task) {
        int seenClasses = (task + 1) * c.classesPerTask();
        LabeledImages fit = filter(readoutSet(train, false), seenClasses);
        String pop = cfg.readout().population();
        SpikeCounts fitX = evaluator.features(net, pop, fit.images(), evalSeed ^ task);
        FittedReadout f = Readouts.create(cfg.readout().main(), cfg.readout().pcaVariance())
                .fit(fitX, fit.labels(), test.numClasses(), readoutSeed);
        double[] acc = new double[c.tasks()];
        for (int t = 0; t < c.tasks(); t++) {
            if (t > task) {
                acc[t] = Double.NaN;
                continue;
            }
            LabeledImages part = ContinualTasks.imagesOfTask(test, t, c);
            SpikeCounts x = evaluator.features(net, pop, part.images(), ~evalSeed ^ t);
            acc[t] = f.accuracy(x, part.labels());
        }
        return acc;
    }

    private static LabeledImages filter(LabeledImages d, int classesBelow) {
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            if (d.labels()[i] < classesBelow) {
                keep.add(i);
            }
        }
        return pick(d, keep);
    }

    private static LabeledImages pick(LabeledImages d, List<Integer> idx) {
        float[][] im = new float[idx.size()][];
        int[] lb = new int[idx.size()];
        for (int k = 0; k < idx.size(); k++) {
            im[k] = d.images()[idx.get(k)];
            lb[k] = d.labels()[idx.get(k)];
        }
        return new LabeledImages(d.name(), d.height(), d.width(), im, lb, d.numClasses(), d.sha256(), d.sources());
    }

    /** The first projection from the input onto {@code pop} (whose weights are its receptive fields), or null. */
    private Projection inputProjection(String pop) {
        for (Projection p : net.projections()) {
            if (p.pre() == net.input() && p.post().name().equals(pop)) {
                return p;
            }
        }
        return null;
    }

    private void weightColumns(Map<String, Double> row) {
        for (Projection p : net.projections()) {
            weightStats(p).forEach((k, v) -> row.put("w_" + p.name() + "_" + k, v));
        }
    }

    private Map<String, Double> weightStats(Projection p) {
        float[] w = p.weights();
        double maxAbs = 0;
        for (float x : w) {
            maxAbs = Math.max(maxAbs, Math.abs(x));
        }
        double running = Math.max(maxAbs, runningMax.getOrDefault(p.name(), 0.0));
        runningMax.put(p.name(), running);
        // saturation is judged against the weight bound, or the running maximum of |w| where there is none
        double bound = Float.isFinite(p.wMax()) && p.wMax() > 0 ? p.wMax()
                : Float.isFinite(p.wMin()) && p.wMin() < 0 ? -p.wMin() : running;
        return SummaryFields.weights(WeightStatistics.of(w, w.length, bound, 1e-3));
    }

    /** Writes each projection's running maximum |w| so far (a resume snapshot's). */
    void writeState(DataOutput out) throws IOException {
        TreeMap<String, Double> sorted = new TreeMap<>(runningMax);
        out.writeInt(sorted.size());
        for (Map.Entry<String, Double> e : sorted.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeLong(Double.doubleToRawLongBits(e.getValue()));
        }
    }

    void readState(DataInput in) throws IOException {
        runningMax.clear();
        for (int i = 0, n = StateStreams.count(in); i < n; i++) {
            runningMax.put(in.readUTF(), Double.longBitsToDouble(in.readLong()));
        }
    }
}
