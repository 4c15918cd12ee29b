package io.somnus.experiment.stdp;

import io.somnus.experiment.config.Choices;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.PhiDefinition;
import io.somnus.experiment.config.ReadoutKind;
import io.somnus.experiment.config.StdpRunConfig;
import io.somnus.network.Network;
import io.somnus.synapse.Projection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Refuses, before training, a run whose readouts cannot fit in the Java heap beside the network: the spike counts of
 * the readout images and of the evaluated ones ({@link io.somnus.readout.SpikeCounts}: at least a reference per image,
 * more for each neuron that fired) and the largest readout's working arrays ({@link io.somnus.readout.Readout#fitBytes}:
 * at diehl-cook's N_e = 6 400 and 20 000 readout images the linear readout's 1.3 GiB). Without this check a run trains
 * first and runs out of heap at its end. The estimate is a lower bound, so a refused run could not have finished; the
 * settings it suggests keep a fifth of the heap free ({@link #HEADROOM}).
 *
 * @param cfg        the run (readouts, φ definitions)
 * @param features   neurons of the readout population
 * @param fitImages  images the readouts are fitted on (the most of the run's evaluations)
 * @param evalImages images evaluated beside them (validation or test, the larger)
 */
record ReadoutMemory(StdpRunConfig cfg, int features, int fitImages, int evalImages, int classes) {
    /** A row's reference in the spike counts (bytes): all a silent row takes. */
    private static final long ROW_REFERENCE = 8;
    /**
     * Share of the heap the suggested settings may fill: the estimate leaves out object headers and small arrays, and
     * G1 places each large array in contiguous free regions, which a full heap may not have.
     */
    static final double HEADROOM = 0.8;

    /** The built network's synapse arrays, which stay in the heap while the readouts run. */
    static double networkBytes(Network net) {
        double bytes = 0;
        for (Projection p : net.projections()) {
            bytes += p.bytes();
        }
        return bytes;
    }

    /**
     * @param networkBytes the network's synapse arrays ({@link #networkBytes})
     * @param heap         the Java heap's limit (bytes)
     * @throws ConfigException naming the memory needed, the heap and settings that fit: a heap, fewer readout images,
     *                         fewer readouts (each only where it fits on its own)
     */
    void check(double networkBytes, long heap) {
        List<ReadoutKind> readouts = cfg.readout().readouts();
        double need = bytes(readouts, fitImages);
        if (networkBytes + need <= heap) {
            return;
        }
        double room = HEADROOM * heap - networkBytes;
        List<String> ways = new ArrayList<>();
        ways.add(String.format(Locale.ROOT, "raise the heap (SOMNUS_JAVA_OPTS=-Xmx%dg)",
                (long) Math.ceil((networkBytes + need) / HEADROOM / (1L << 30))));
        int fits = 0; // the most readout images that fit
        for (int lo = 0, hi = fitImages; lo <= hi; ) {
            int mid = (lo + hi) >>> 1;
            if (bytes(readouts, mid) <= room) {
                fits = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (fits >= 2) {
            ways.add("set train.readout_images to at most " + fits);
        }
        ReadoutKind largest = largest(readouts, fitImages);
        List<ReadoutKind> others = readouts.stream().filter(k -> k != largest).toList();
        if (!others.isEmpty() && bytes(others, fitImages) <= room) {
            ways.add("leave " + Choices.of(largest) + " out of readout.readouts");
        }
        throw new ConfigException(String.format(Locale.ROOT, "the readouts need about %s (%d readout images and %d "
                        + "evaluated × %d features of population %s: %s's fit %s) beside the network's %s, but the "
                        + "Java heap is %s; %s",
                NetworkCheck.gib(need), fitImages, evalImages, features, cfg.readout().population(),
                Choices.of(largest),
                NetworkCheck.gib(fitBytes(largest, fitImages)), NetworkCheck.gib(networkBytes),
                NetworkCheck.gib(heap), String.join(", or ", ways)));
    }

    /**
     * Whether the readouts' fits can run at the same time, one thread each, at the end of the run: the spike counts and
     * the sum of all fits beside the network within {@link #HEADROOM} of the heap (where only the largest fits, they
     * run one after the other; the results are the same either way).
     */
    boolean fitTogether(double networkBytes, long heap) {
        double work = 0;
        for (ReadoutKind k : cfg.readout().readouts()) {
            work += fitBytes(k, fitImages);
        }
        return networkBytes + counts(fitImages) + work <= HEADROOM * heap;
    }

    /**
     * Spike counts of {@code images} readout images and the evaluated ones, then the largest of the readouts' fits and
     * the evaluations after them.
     */
    double bytes(List<ReadoutKind> readouts, int images) {
        ReadoutKind largest = largest(readouts, images);
        double work = largest == null ? 0 : fitBytes(largest, images);
        // a readout's predictions standardise a copy of the evaluated counts; φ (authors) copies both sets as rates
        work = Math.max(work, (double) Double.BYTES * evalImages * features);
        if (cfg.readout().reportsPhi(PhiDefinition.AUTHORS)) {
            work = Math.max(work, (double) Double.BYTES * ((double) images + evalImages) * features);
        }
        return counts(images) + work;
    }

    private double counts(int images) {
        return ((double) images + evalImages) * ROW_REFERENCE;
    }

    private ReadoutKind largest(List<ReadoutKind> readouts, int images) {
        ReadoutKind largest = null;
        for (ReadoutKind k : readouts) {
            if (largest == null || fitBytes(k, images) > fitBytes(largest, images)) {
                largest = k;
            }
        }
        return largest;
    }

    private double fitBytes(ReadoutKind kind, int images) {
        return Readouts.create(kind, cfg.readout().pcaVariance()).fitBytes(images, features, classes);
    }
}
