package io.somnus.experiment.stdp;

import io.somnus.core.StateStreams;
import io.somnus.data.LabeledImages;
import io.somnus.encoding.SpikeEncoder;
import io.somnus.encoding.SpikeTrain;
import io.somnus.experiment.config.Choices;
import io.somnus.experiment.config.ReadoutKind;
import io.somnus.experiment.config.StdpRunConfig;
import io.somnus.experiment.config.InputOnlyStep;
import io.somnus.experiment.config.StreamFirstStep;
import io.somnus.experiment.config.StreamStartThreshold;
import io.somnus.experiment.config.ValidationStream;
import io.somnus.network.Network;
import io.somnus.network.SpikeCounter;
import io.somnus.neuron.CurrentLifPopulation;
import io.somnus.neuron.Population;
import io.somnus.readout.FittedReadout;
import io.somnus.synapse.Projection;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code readout.source: training}, the readout of the authors' code (docs/fidelity.md §1.6): features are the spike
 * counts of every non-input population (E and I) recorded <em>while the last epoch was learned</em>, one feature
 * vector per run of consecutive images of the same label (their {@code bin_spikes_by_label_no_breaks},
 * {@code src/analysis.py:15-67 @40b7d33}; a sleep episode ends a run, as their one sleep-labelled step does,
 * {@code train.py:429-430}); the readouts are fitted on a random 80 % of those segments
 * ({@code big_comb.py:3733-3747}) and scored on the test images presented as one frozen stream from rest, grouped
 * the same way. With more than one epoch it also stops early: after each epoch the readout is fitted on that epoch's
 * segments and scored on the validation stream; after ⌊0.3·epochs⌋ (at least 1) epochs without improvement training
 * stops and the weights of the best epoch are restored ({@code big_comb.py:1501-1504, 2745-2762}), also when the
 * patience runs out with the last epoch (their test sits in the epoch loop, {@code big_comb.py:1847}).
 */
final class TrainingStreamReadout {
    /** Their early_stopping_patience_pct. */
    static final double PATIENCE_FRACTION = 0.3;
    /** Share of the training segments the readout is fitted on (the rest: a held-out accuracy). */
    static final double FIT_SHARE = 0.8;

    /** Features grouped into segments, with their labels. */
    record Segments(double[][] features, int[] labels) {
        int size() {
            return labels.length;
        }
    }

    private final StdpRunConfig cfg;
    private final List<SpikeCounter> counters;
    private final List<double[]> epochFeatures = new ArrayList<>();
    private final List<Integer> epochLabels = new ArrayList<>();
    private final List<Boolean> epochBreaks = new ArrayList<>();
    private final int patience;
    private double best = Double.NEGATIVE_INFINITY;
    private int stale;
    private Map<Projection, float[]> bestWeights;
    /** The main readout's validation accuracy after each epoch tested, in order. */
    private final List<Double> epochAccuracies = new ArrayList<>();

    /** @param counters one per non-input population, cleared before each image by the trainer */
    TrainingStreamReadout(StdpRunConfig cfg, List<SpikeCounter> counters) {
        this.cfg = cfg;
        this.counters = List.copyOf(counters);
        this.patience = Math.max(1, (int) (PATIENCE_FRACTION * Math.max(1, cfg.train().epochs())));
    }

    /** A new epoch starts: only the last epoch's activity becomes features. */
    void startEpoch() {
        epochFeatures.clear();
        epochLabels.clear();
        epochBreaks.clear();
    }

    /** The image just learned, its label, and the counters holding its spikes. */
    void learned(int label) {
        epochFeatures.add(concatenated(counters));
        epochLabels.add(label);
        epochBreaks.add(false);
    }

    /** A sleep episode followed the last image: the run of equal labels ends there. */
    void slept() {
        if (!epochBreaks.isEmpty()) {
            epochBreaks.set(epochBreaks.size() - 1, true);
        }
    }

    /** The segments of the epoch recorded so far. */
    Segments trainingSegments() {
        int n = epochLabels.size();
        int[] labels = new int[n];
        boolean[] breaks = new boolean[n];
        for (int i = 0; i < n; i++) {
            labels[i] = epochLabels.get(i);
            breaks[i] = epochBreaks.get(i);
        }
        return group(epochFeatures.toArray(new double[0][]), labels, breaks);
    }

    /**
     * Consecutive rows with the same label merged into their mean, a run also ending where {@code breakAfter} is set.
     */
    static Segments group(double[][] perImage, int[] labels, boolean[] breakAfter) {
        List<double[]> feats = new ArrayList<>();
        List<Integer> labs = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < labels.length; i++) {
            boolean end = i == labels.length - 1 || labels[i + 1] != labels[i] || breakAfter[i];
            if (end) {
                double[] mean = new double[perImage[i].length];
                for (int k = start; k <= i; k++) {
                    for (int j = 0; j < mean.length; j++) {
                        mean[j] += perImage[k][j];
                    }
                }
                for (int j = 0; j < mean.length; j++) {
                    mean[j] /= i - start + 1;
                }
                feats.add(mean);
                labs.add(labels[i]);
                start = i + 1;
            }
        }
        return new Segments(feats.toArray(new double[0][]), labs.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * The images presented as one frozen stream from rest (plasticity off, no noise) on a copy of the network,
     * grouped into segments; its first step as {@code simulation.stream_first_step} says (the authors' final test
     * batch: from rest, no noise, its first update integrating row 0, {@code src/big_comb.py:3001-3004, 3083-3102
     * @40b7d33}).
     */
    static Segments streamSegments(Network net, LabeledImages images, SpikeEncoder encoder, StdpRunConfig cfg, long seed) {
        return frozenStream(net, images, encoder, cfg, seed, false);
    }

    /**
     * The images as one frozen stream on a copy of the network that starts as the authors' validation batch does
     * ({@code readout.validation_stream: carried}, {@code src/big_comb.py:2332-2333, 2362-2380 @40b7d33}): the
     * training stream's synaptic current and adaptation ({@link #carriedValidationStart}), V at rest, the wake noise
     * (drawn from its own split of {@code seed}), and the first step and threshold of a training stream's start.
     */
    static Segments carriedSegments(Network net, LabeledImages images, SpikeEncoder encoder, StdpRunConfig cfg, long seed) {
        return frozenStream(net, images, encoder, cfg, seed, true);
    }

    /** The images as one stream, plasticity off, on {@link #streamCopy}: from rest, or {@code carried} as above. */
    private static Segments frozenStream(Network net, LabeledImages images, SpikeEncoder encoder, StdpRunConfig cfg,
                                         long seed, boolean carried) {
        return stream(net, streamCopy(net), images, encoder, cfg, seed, carried);
    }

    /**
     * The copy of {@code net} a stream runs on, every population's own learning frozen (the conductance LIF's θ, a
     * class's learned state: {@link FrozenEvaluator#frozenCopy}), as the frozen readout's evaluation runs: the test
     * and validation streams score the network as trained.
     */
    static Network streamCopy(Network net) {
        return FrozenEvaluator.frozenCopy(net);
    }

    /** {@link #frozenStream} on {@code copy}, {@link #streamCopy} of {@code net}. */
    static Segments stream(Network net, Network copy, LabeledImages images, SpikeEncoder encoder, StdpRunConfig cfg,
                           long seed, boolean carried) {
        List<SpikeCounter> cs = new ArrayList<>();
        for (Population p : copy.populations()) {
            if (p != copy.input()) {
                cs.add(copy.count(p));
            }
        }
        copy.resetState();
        if (carried) {
            carriedValidationStart(net, copy, cfg.simulation().streamStartThreshold() == StreamStartThreshold.BASE);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        // the carried stream's noise has a generator of its own, split off before the encoding draws
        SplittableRandom noise = carried ? rng.split() : rng;
        double noiseStdMv = carried ? cfg.simulation().wakeNoiseStdMv() : 0.0;
        // every stream's first step, as the authors' test and validation batches run through their training loop
        // (src/big_comb.py:2362-2380, 3083-3102 @40b7d33): from rest without noise that step changes nothing
        boolean inputOnly = cfg.simulation().streamFirstStep() == StreamFirstStep.INPUT_ONLY;
        SpikeTrain train = new SpikeTrain();
        double[][] x = new double[images.size()][];
        for (int i = 0; i < images.size(); i++) {
            for (SpikeCounter c : cs) {
                c.clear();
            }
            encoder.encode(images.images()[i], cfg.encoding().intensity(), cfg.simulation().stepsPerImage(),
                    cfg.simulation().dtMs(), rng, train);
            copy.presentContinuing(train, false, noiseStdMv, noise, i == 0 && inputOnly,
                    cfg.simulation().inputOnlyStep() == InputOnlyStep.UNTIMED);
            x[i] = concatenated(cs);
        }
        return group(x, images.labels(), new boolean[images.size()]);
    }

    /**
     * Starts {@code copy}, at rest, as the authors' validation batch: each current-LIF population's synaptic current
     * and threshold adaptation as {@code training}'s now (their I_syn and a, passed on from the training batches), V
     * at rest (their {@code mp_test[0]}); {@code baseThreshold}: the first step tests V against θ₀ (their threshold
     * array as first filled), for the authors' spike test. Spike times are not carried: nothing learns on this stream.
     */
    static void carriedValidationStart(Network training, Network copy, boolean baseThreshold) {
        for (int k = 0; k < training.populations().size(); k++) {
            if (training.populations().get(k) instanceof CurrentLifPopulation from) {
                CurrentLifPopulation to = (CurrentLifPopulation) copy.populations().get(k);
                System.arraycopy(from.current(), 0, to.current(), 0, from.size());
                System.arraycopy(from.adaptation(), 0, to.adaptation(), 0, from.size());
                if (baseThreshold && to.scheme().authorsSpikeTest()) {
                    to.testBaseThresholdOnce();
                }
            }
        }
    }

    /**
     * After an epoch: the readout fitted on its segments, scored on the validation stream; keeps the best weights.
     *
     * @return true when training should stop (no improvement for the patience)
     */
    boolean epochEnd(Network net, LabeledImages validation, SpikeEncoder encoder, long seed, long readoutSeed) {
        Segments val = cfg.readout().validationStream() == ValidationStream.CARRIED
                ? carriedSegments(net, validation, encoder, cfg, seed) : streamSegments(net, validation, encoder, cfg, seed);
        double acc = fitAndScore(trainingSegments(), val, validation.numClasses(), readoutSeed).get(Choices.of(cfg.readout().main()));
        epochAccuracies.add(acc);
        if (acc > best) {
            best = acc;
            stale = 0;
            bestWeights = new LinkedHashMap<>();
            for (Projection p : net.projections()) {
                bestWeights.put(p, p.weights().clone());
            }
            return false;
        }
        return ++stale >= patience;
    }

    /** The main readout's validation accuracy after each epoch tested (summary.json's early_stopping_accuracies). */
    List<Double> epochAccuracies() {
        return List.copyOf(epochAccuracies);
    }

    /** Puts the best epoch's weights back (after an early stop). */
    void restoreBest() {
        if (bestWeights != null) {
            bestWeights.forEach((p, w) -> System.arraycopy(w, 0, p.weights(), 0, w.length));
        }
    }

    /** Each readout's accuracy on {@code eval} after fitting on a seeded random {@link #FIT_SHARE} of {@code fit}. */
    Map<String, Double> fitAndScore(Segments fit, Segments eval, int classes, long readoutSeed) {
        int[] order = new int[fit.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(readoutSeed);
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int n = Math.max(1, (int) (FIT_SHARE * order.length));
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int k = 0; k < n; k++) {
            x[k] = fit.features()[order[k]];
            y[k] = fit.labels()[order[k]];
        }
        Map<String, Double> acc = new LinkedHashMap<>();
        for (ReadoutKind kind : cfg.readout().readouts()) {
            FittedReadout f = Readouts.create(kind, cfg.readout().pcaVariance()).fit(x, y, classes, readoutSeed);
            acc.put(Choices.of(kind), f.accuracy(eval.features(), eval.labels()));
        }
        return acc;
    }

    private static double[] concatenated(List<SpikeCounter> cs) {
        int n = 0;
        for (SpikeCounter c : cs) {
            n += c.population().size();
        }
        double[] row = new double[n];
        int k = 0;
        for (SpikeCounter c : cs) {
            for (int v : c.counts()) {
                row[k++] = v;
            }
        }
        return row;
    }

    /**
     * Writes the epoch's features, labels and breaks so far, the early stopping's best accuracy, staleness, best
     * weights (by projection, in {@code net}'s order) and the accuracies tested, for a resume snapshot.
     */
    void writeState(Network net, DataOutput out) throws IOException {
        out.writeInt(epochFeatures.size());
        for (int i = 0; i < epochFeatures.size(); i++) {
            StateStreams.writeDoubles(out, epochFeatures.get(i));
            out.writeInt(epochLabels.get(i));
            out.writeBoolean(epochBreaks.get(i));
        }
        out.writeLong(Double.doubleToRawLongBits(best));
        out.writeInt(stale);
        out.writeBoolean(bestWeights != null);
        if (bestWeights != null) {
            for (Projection p : net.projections()) {
                StateStreams.writeFloats(out, bestWeights.get(p));
            }
        }
        out.writeInt(epochAccuracies.size());
        for (double a : epochAccuracies) {
            out.writeLong(Double.doubleToRawLongBits(a));
        }
    }

    void readState(Network net, DataInput in) throws IOException {
        epochFeatures.clear();
        epochLabels.clear();
        epochBreaks.clear();
        for (int i = 0, n = StateStreams.count(in); i < n; i++) {
            epochFeatures.add(StateStreams.readDoubles(in));
            epochLabels.add(in.readInt());
            epochBreaks.add(in.readBoolean());
        }
        best = Double.longBitsToDouble(in.readLong());
        stale = in.readInt();
        bestWeights = null;
        if (in.readBoolean()) {
            bestWeights = new LinkedHashMap<>();
            for (Projection p : net.projections()) {
                float[] w = new float[p.weights().length];
                StateStreams.readFloats(in, w, "best weights of projection " + p.name());
                bestWeights.put(p, w);
            }
        }
        epochAccuracies.clear();
        for (int i = 0, n = StateStreams.count(in); i < n; i++) {
            epochAccuracies.add(Double.longBitsToDouble(in.readLong()));
        }
    }
}
