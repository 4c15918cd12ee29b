package io.somnus.sleep;

import io.somnus.kernel.Kernels;
import io.somnus.kernel.PullTargets;
import io.somnus.network.Network;
import io.somnus.network.SpikeCounter;
import io.somnus.neuron.Population;
import io.somnus.synapse.Projection;
import io.somnus.synapse.Receptor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * Runs sleep episodes on a {@link Network}: input silenced, membrane noise on, plasticity on, and the
 * homeostatic decay of the chosen projections applied every {@code decayEverySteps} steps.
 */
public final class SleepPhase {
    /** Receives weight traces during an episode. */
    public interface Observer {
        /**
         * Called every {@code traceEverySteps} sleep steps, at an early end and at the end of the episode, for each
         * decaying projection.
         *
         * @param sleepStep  steps slept so far in this episode, from 1
         * @param projection the decaying projection
         * @param totalAbs   its Σ|w| now, in the post population's input unit
         * @param mean       its mean weight now (signed)
         */
        void trace(long sleepStep, Projection projection, double totalAbs, double mean);

        /** An observer that ignores every trace. */
        Observer NONE = (step, projection, total, mean) -> { };
    }

    /**
     * The spikes a population emitted in an episode, and its neurons (for a rate: spikes / (neurons × steps)).
     *
     * @param spikes  spikes the population emitted in the episode
     * @param neurons the population's size
     */
    public record PopulationSpikes(long spikes, int neurons) { }

    /**
     * What an episode did: its steps, whether it ended early, and the spikes of each counted population.
     *
     * @param steps              sleep steps run, at most those asked for (fewer when it ended early)
     * @param endedEarly         whether the set points were reached within the tolerance before the last step
     * @param spikesByPopulation the spikes of each counted population, by population name
     */
    public record Episode(long steps, boolean endedEarly, Map<String, PopulationSpikes> spikesByPopulation) { }

    private final SleepSettings settings;

    /**
     * A sleep phase that runs episodes under {@code settings} ({@link SleepSettings#builder} names them).
     *
     * @throws NullPointerException for null settings
     */
    public SleepPhase(SleepSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The settings its episodes run under. */
    public SleepSettings settings() {
        return settings;
    }

    /** Doubles of working space for the bulk log-space pull (see {@link Kernels#logSpacePull}). */
    private static final int PULL_SCRATCH = 2048;
    /**
     * Weights the bulk pull has processed in this JVM. The projection's own kernels take over once they pass
     * {@link #SIMD_PULL_AFTER}; until then the scalar kernel runs (the same floats): SIMD code runs 10–100× slower
     * until C2 has compiled it (≈ 0.7 s on a 2-core Zen 3), which ≈ 30 M weights at the ≈ 25 ns it then saves per
     * weight repay, so short runs (a small network's few sleep steps) do not pay for a compilation they never use.
     */
    private static final AtomicLong BULK_PULLED = new AtomicLong();
    private static final long SIMD_PULL_AFTER = 1L << 25;

    /**
     * The projections of {@code net} this phase decays: those {@link SleepSettings#projections()} names, or every
     * plastic projection when it names none, in the network's order.
     *
     * @throws IllegalArgumentException when the settings name a projection the network lacks, naming those it has
     */
    public List<Projection> decaying(Network net) {
        List<Projection> out = new ArrayList<>();
        for (Projection p : net.projections()) {
            boolean chosen = settings.projections().isEmpty() ? p.isPlastic() : settings.projections().contains(p.name());
            if (chosen) {
                out.add(p);
            }
        }
        if (!settings.projections().isEmpty() && out.size() != settings.projections().size()) {
            throw new IllegalArgumentException("sleep.projections names a projection the network lacks: "
                    + settings.projections() + "; the network has " + net.projections().stream().map(Projection::name).toList());
        }
        return out;
    }

    /**
     * Runs one episode of {@code steps} steps on {@code net}, a network built and trained by hand: no early end, no
     * spike counts, no weight traces ({@link #run(Network, long, Map, RandomGenerator, List, Observer)} with none).
     * Σ|w| of a projection ({@link Projection#totalAbsWeight()}) before and after shows what it did.
     *
     * @param net   the network, which sleeps in place
     * @param steps the episode's length in steps of the network's dt, &gt;= 0
     * @param rng   the membrane noise's and the silenced inputs' spontaneous spikes' source
     * @return the steps slept and that the episode did not end early
     * @throws IllegalArgumentException for a negative {@code steps}, settings naming a projection the network lacks,
     *                                  or settings with an early end ({@code earlyEndTolerance} &gt; 0), which needs
     *                                  the set points that the other {@code run} takes
     */
    public Episode run(Network net, long steps, RandomGenerator rng) {
        return run(net, steps, Map.of(), rng, List.of(), Observer.NONE);
    }

    /**
     * Runs one episode of at most {@code maxSteps} steps.
     *
     * @param net       the network, which sleeps in place (its weights decay, its plasticity runs as the settings say)
     * @param maxSteps  the episode's length in steps of the network's dt (fewer where it ends early), >= 0
     * @param setPoints Σ|w| set point of each decaying projection (its initial total), for the early end
     * @param rng       the run's sleep stream: the membrane noise and the silenced inputs' spontaneous spikes
     * @param counters  spike counters registered with the network ({@link Network#count}); the episode reports
     *                  how many spikes each gained (may be empty)
     * @param observer  receives the weight traces ({@link Observer#NONE} for none)
     * @return the steps slept, whether the episode ended early, and the counted populations' spikes
     * @throws IllegalArgumentException for a negative {@code maxSteps}, an early end without a set point, or settings
     *                                  naming a projection the network lacks
     */
    public Episode run(Network net, long maxSteps, Map<Projection, Double> setPoints, RandomGenerator rng,
                       List<SpikeCounter> counters, Observer observer) {
        Objects.requireNonNull(setPoints, "setPoints: each projection's Σ|w| set point (Map.of() for none)");
        Objects.requireNonNull(counters, "counters: spike counters to fill (List.of() for none)");
        if (maxSteps < 0) {
            throw new IllegalArgumentException("a sleep episode of at most " + maxSteps + " steps: maxSteps must be >= 0");
        }
        List<Projection> decaying = decaying(Objects.requireNonNull(net, "net"));
        if (settings.earlyEndTolerance() > 0) {
            for (Projection p : decaying) {
                if (setPoints.get(p) == null) {
                    throw new IllegalArgumentException("sleep.early_end_tolerance is " + settings.earlyEndTolerance()
                            + " but decaying projection " + p.name() + " has no set point (its Σ|w| to return to, e.g. "
                            + "its initial total), so the episode could never end early");
                }
            }
        }
        int k = settings.decayEverySteps();
        double dt = net.dtMs();
        WeightDecayLaw law = settings.law();
        WeightDecayLaw lawK = k == 1 ? law : compose(law, k); // built once: the step loop allocates nothing
        double[] scratch = new double[PULL_SCRATCH];
        PullTargets[] targets = new PullTargets[decaying.size()]; // the post neurons' targets, for post_mean only
        for (int q = 0; q < targets.length && settings.target() == DecayTarget.POST_MEAN; q++) {
            targets[q] = new PullTargets(decaying.get(q).post().size());
        }
        boolean keep = settings.keepState();
        boolean groups = settings.earlyEnd() == SleepSettings.EarlyEnd.RECEPTOR_GROUPS && settings.earlyEndTolerance() > 0;
        if (!keep) {
            net.resetState();
        }
        net.input().silence(settings.inputRateHz());
        long[] before = new long[counters.size()];
        for (int c = 0; c < counters.size(); c++) {
            before[c] = counters.get(c).total();
        }
        Set<Population> posts = settings.deliverAfterDecay() ? decayingPosts(decaying) : Set.of();
        long step = 0;
        boolean early = false;
        while (step < maxSteps) {
            if (groups && groupsAtSetPoint(decaying, setPoints)) {
                early = true;
                break;
            }
            if (keep && step == 0 && settings.dropLastWakeInput()) {
                // only once the episode takes its first step: an episode that ends before it zeroes nothing
                net.dropLastStepSpikes(Set.of(net.input()));
            }
            boolean decayNow = (step + 1) % k == 0 || step + 1 == maxSteps;
            // after_decay: the decaying projections' targets receive this step's spikes once its decay is done
            Set<Population> later = decayNow ? posts : Set.of();
            if (keep) {
                net.stepStream(settings.plasticity(), settings.noiseStdMv(), rng, later);
            } else {
                // steps index the presentation clock; sleep runs as one long presentation
                net.step((int) step, settings.plasticity(), settings.noiseStdMv(), rng, later);
            }
            step++;
            if (decayNow) {
                WeightDecayLaw now = step % k == 0 ? lawK : compose(law, (int) (step % k));
                for (int q = 0; q < decaying.size(); q++) {
                    decay(decaying.get(q), now, dt, rng, scratch, targets[q]);
                }
                if (settings.deliverAfterDecay()) {
                    // the step's spikes leave with the decayed weights, as the authors' next update delivers them
                    net.deliverLastStep(posts);
                }
                if (!groups && settings.earlyEndTolerance() > 0 && backAtSetPoint(decaying, setPoints)) {
                    early = true;
                }
            }
            if (step % settings.traceEverySteps() == 0 || early || step == maxSteps) {
                for (int q = 0; q < decaying.size(); q++) {
                    Projection p = decaying.get(q);
                    Projection.WeightTotals t = p.weightTotals();
                    observer.trace(step, p, t.totalAbs(), t.mean());
                }
            }
            if (early) {
                break;
            }
        }
        net.input().silence(0);
        if (!keep) {
            net.resetState();
        }
        Map<String, PopulationSpikes> spikes = new LinkedHashMap<>();
        for (int c = 0; c < counters.size(); c++) {
            Population p = counters.get(c).population();
            spikes.put(p.name(), new PopulationSpikes(counters.get(c).total() - before[c], p.size()));
        }
        return new Episode(step, early, spikes);
    }

    private static Set<Population> decayingPosts(List<Projection> decaying) {
        Set<Population> posts = new HashSet<>();
        for (Projection p : decaying) {
            posts.add(p.post());
        }
        return posts;
    }

    private boolean backAtSetPoint(List<Projection> decaying, Map<Projection, Double> setPoints) {
        for (Projection p : decaying) {
            Double sp = setPoints.get(p);
            if (sp == null || Math.abs(p.totalAbsWeight() - sp) > settings.earlyEndTolerance() * Math.abs(sp)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the excitatory-receptor group's Σ|w| and the inhibitory group's are each within the tolerance. */
    private boolean groupsAtSetPoint(List<Projection> decaying, Map<Projection, Double> setPoints) {
        return groupAtSetPoint(decaying, setPoints, Receptor.EXCITATORY)
                && groupAtSetPoint(decaying, setPoints, Receptor.INHIBITORY);
    }

    private boolean groupAtSetPoint(List<Projection> decaying, Map<Projection, Double> setPoints, Receptor receptor) {
        double sum = 0;
        double setPoint = 0;
        for (Projection p : decaying) {
            if (p.receptor() == receptor) {
                Double sp = setPoints.get(p);
                if (sp == null) {
                    return false;
                }
                sum += p.totalAbsWeight();
                setPoint += sp;
            }
        }
        // an empty group has nothing to bring back (their code: no target, reached)
        return Math.abs(sum - setPoint) <= settings.earlyEndTolerance() * setPoint;
    }

    /**
     * Applies the (composed) law to every weight of {@code p}, then clips to its bounds; {@code targets} is working
     * space for the post neurons' targets (null unless the target is {@code post_mean}).
     */
    private void decay(Projection p, WeightDecayLaw lawK, double dtMs, RandomGenerator rng, double[] scratch,
                       PullTargets targets) {
        float[] w = p.weights();
        int n = w.length;
        switch (settings.target()) {
            case CONSTANT -> {
                float t = (float) settings.targetMagnitude();
                if (!pullInBulk(p, lawK, t, scratch)) {
                    for (int s = 0; s < n; s++) {
                        w[s] = lawK.step(w[s], Math.copySign(t, w[s]), dtMs, rng);
                    }
                }
            }
            case PROJECTION_MEAN -> {
                float t = (float) meanOf(w);
                if (!pullInBulk(p, lawK, t, scratch)) {
                    for (int s = 0; s < n; s++) {
                        w[s] = lawK.step(w[s], t, dtMs, rng);
                    }
                }
            }
            case POST_MEAN -> {
                if (pullsInBulk(lawK) && (p.isDense() || p.isAllButSelf())) {
                    columnMeansByRows(p, w, targets);
                    pullRows(p, ((LogSpaceDecay) lawK).lambda(), targets, scratch);
                    break;
                }
                int[] colStart = p.colStart();
                int[] colSynapse = p.colSynapse();
                for (int j = 0; j < p.post().size(); j++) {
                    int a = colStart[j];
                    int b = colStart[j + 1];
                    if (a == b) {
                        continue;
                    }
                    double sum = 0;
                    for (int c = a; c < b; c++) {
                        sum += w[colSynapse[c]];
                    }
                    float t = (float) (sum / (b - a));
                    for (int c = a; c < b; c++) {
                        int s = colSynapse[c];
                        w[s] = lawK.step(w[s], t, dtMs, rng);
                    }
                }
            }
        }
        p.clampAll();
    }

    /**
     * The noiseless log law toward one target magnitude for all of {@code p}'s weights in one kernel call (the same
     * floats as {@link WeightDecayLaw#step} weight by weight, whose sign of the target this law ignores); false
     * for any other law, which then steps weight by weight.
     */
    private static boolean pullInBulk(Projection p, WeightDecayLaw law, float target, double[] scratch) {
        if (pullsInBulk(law)) {
            int n = p.weights().length;
            bulkKernels(p).logSpacePull(p.weights(), n, target, ((LogSpaceDecay) law).lambda(), scratch);
            return true;
        }
        return false;
    }

    /** Whether {@code law} is the noiseless log law, which the kernels apply to many weights at once. */
    private static boolean pullsInBulk(WeightDecayLaw law) {
        return law instanceof LogSpaceDecay log && log.noiseStd() == 0;
    }

    /** The kernels for the next bulk pull of {@code p}'s weights: scalar until SIMD code has paid off (see above). */
    private static Kernels bulkKernels(Projection p) {
        return BULK_PULLED.getAndAdd(p.weights().length) >= SIMD_PULL_AFTER ? p.kernels() : Kernels.scalar();
    }

    /**
     * Each post neuron's mean incoming weight of a dense or all-but-self projection, as {@code targets}: the sums run
     * row by row (a row's weights lie side by side; down a column they are a row apart, and each double addition
     * waits for the one before), each column's in the order of its pre neurons, as a walk down the column would add
     * them (the same bits).
     */
    private static void columnMeansByRows(Projection p, float[] w, PullTargets targets) {
        int pre = p.pre().size();
        int n = p.post().size();
        double[] sums = targets.sums();
        Arrays.fill(sums, 0.0);
        Kernels kernels = p.kernels();
        int count;
        if (p.isDense()) {
            for (int i = 0; i < pre; i++) {
                kernels.accumulate(sums, 0, w, i * n, n);
            }
            count = pre;
        } else {
            int[] rowStart = p.rowStart();
            for (int i = 0; i < pre; i++) {
                kernels.accumulate(sums, 0, w, rowStart[i], i);
                kernels.accumulate(sums, i + 1, w, rowStart[i] + i, n - 1 - i);
            }
            count = n - 1;
        }
        for (int j = 0; j < n; j++) {
            targets.set(j, (float) (sums[j] / count));
        }
    }

    /**
     * The noiseless log law with exponent {@code e} toward each post neuron's own target, row by row, for a dense or
     * all-but-self projection (the same floats as {@link WeightDecayLaw#step} weight by weight).
     */
    private static void pullRows(Projection p, double e, PullTargets targets, double[] scratch) {
        float[] w = p.weights();
        int pre = p.pre().size();
        int n = p.post().size();
        Kernels kernels = bulkKernels(p);
        if (p.isDense()) {
            for (int i = 0; i < pre; i++) {
                kernels.logSpacePull(w, i * n, n, targets, 0, e, scratch);
            }
        } else {
            int[] rowStart = p.rowStart();
            for (int i = 0; i < pre; i++) {
                kernels.logSpacePull(w, rowStart[i], i, targets, 0, e, scratch);
                kernels.logSpacePull(w, rowStart[i] + i, n - 1 - i, targets, i + 1, e, scratch);
            }
        }
    }

    /** The law applied {@code k} times at once: λ^k for the log law, exp(−k·dt/τ) for the linear one. */
    static WeightDecayLaw compose(WeightDecayLaw law, int k) {
        if (k == 1) {
            return law;
        }
        if (law instanceof LogSpaceDecay l) {
            return new LogSpaceDecay(Math.pow(l.lambda(), k), l.noiseStd() * Math.sqrt(k));
        }
        if (law instanceof LinearDecay l) {
            return new LinearDecay(l.tauSleepMs() / k, l.noiseStd() * Math.sqrt(k));
        }
        return (w, t, dt, rng) -> {
            float x = w;
            for (int i = 0; i < k; i++) {
                x = law.step(x, t, dt, rng);
            }
            return x;
        };
    }

    static double meanOf(float[] w) {
        double s = 0;
        for (float x : w) {
            s += x;
        }
        return w.length == 0 ? 0 : s / w.length;
    }
}
