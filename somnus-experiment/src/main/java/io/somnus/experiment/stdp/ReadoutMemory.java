package io.somnus.experiment.stdp;

import io.somnus.experiment.config.Choices;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.PhiDefinition;
import io.somnus.experiment.config.ReadoutKind;
import io.somnus.experiment.config.StdpRunConfig;
import io.somnus.network.Network;
import io.somnus.synapse.Projection;
import java.util.Locale;

/**
 * Refuses, before training, a run whose readouts cannot fit in the Java heap beside the network: the spike counts of
 * the readout images and of the evaluated ones (one double per image and readout neuron) and the largest readout's
 * working arrays ({@link io.somnus.readout.Readout#fitBytes}). At diehl-cook's N_e = 6 400 a readout on all 60 000
 * training images needs ≈ 3 GB for the counts alone; without this check a run would train for an hour and then fail.
 * The estimate is a lower bound, so a refused run could not have finished; the number of readout images it suggests
 * keeps a fifth of the heap free ({@link #HEADROOM}).
 */
final class ReadoutMemory {
    /** A double[] row's header and its reference in the double[][] (bytes). */
    private static final long ROW_OVERHEAD = 24;
    /**
     * Share of the heap the suggested readout images may fill: the estimate leaves out object headers and small
     * arrays, and G1 places each large array in contiguous free regions, which a full heap may not have.
     */
    static final double HEADROOM = 0.8;

    private ReadoutMemory() {
    }

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
     * @param features     neurons of the readout population
     * @param fitImages    images the readouts are fitted on (the largest of the run's evaluations)
     * @param evalImages   images evaluated beside them (validation or test, the larger)
     * @param heap         the Java heap's limit (bytes)
     * @throws ConfigException naming the memory needed, the heap and the settings that lower it
     */
    static void check(StdpRunConfig cfg, double networkBytes, int features, int fitImages, int evalImages,
                      int classes, long heap) {
        if (networkBytes + bytes(cfg, features, fitImages, evalImages, classes) <= heap) {
            return;
        }
        int fits = 0; // the most readout images that would fit
        for (int lo = 0, hi = fitImages; lo <= hi; ) {
            int mid = (lo + hi) >>> 1;
            if (networkBytes + bytes(cfg, features, mid, evalImages, classes) <= HEADROOM * heap) {
                fits = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        ReadoutKind largest = largest(cfg, features, fitImages, classes);
        String lower = fits >= 2
                ? "set train.readout_images to at most " + fits + ", "
                : "";
        throw new ConfigException(String.format(Locale.ROOT, "the readouts need about %s (%d readout images and %d "
                        + "evaluated, × %d features of population %s: %s of spike counts; %s %s more) beside the "
                        + "network's %s, but the Java heap is %s; %sleave %s out of readout.readouts, or raise the heap "
                        + "(SOMNUS_JAVA_OPTS=-Xmx…)",
                NetworkFactory.gib(bytes(cfg, features, fitImages, evalImages, classes)), fitImages, evalImages, features,
                cfg.readout().population(), NetworkFactory.gib(counts(features, fitImages, evalImages)), Choices.of(largest),
                NetworkFactory.gib(fitBytes(largest, cfg, fitImages, features, classes)), NetworkFactory.gib(networkBytes), NetworkFactory.gib(heap), lower,
                Choices.of(largest)));
    }

    /** Spike counts of both image sets, then the largest of the readouts' fits and the evaluations after them. */
    static double bytes(StdpRunConfig cfg, int features, int fitImages, int evalImages, int classes) {
        ReadoutKind largest = largest(cfg, features, fitImages, classes);
        double work = largest == null ? 0 : fitBytes(largest, cfg, fitImages, features, classes);
        // a readout's predictions standardise a copy of the evaluated counts; φ (authors) copies both sets as rates
        work = Math.max(work, (double) Double.BYTES * evalImages * features);
        if (cfg.readout().reportsPhi(PhiDefinition.AUTHORS)) {
            work = Math.max(work, (double) Double.BYTES * ((double) fitImages + evalImages) * features);
        }
        return counts(features, fitImages, evalImages) + work;
    }

    private static double counts(int features, int fitImages, int evalImages) {
        return ((double) fitImages + evalImages) * ((double) Double.BYTES * features + ROW_OVERHEAD);
    }

    private static ReadoutKind largest(StdpRunConfig cfg, int features, int fitImages, int classes) {
        ReadoutKind largest = null;
        for (ReadoutKind k : cfg.readout().readouts()) {
            if (largest == null || fitBytes(k, cfg, fitImages, features, classes)
                    > fitBytes(largest, cfg, fitImages, features, classes)) {
                largest = k;
            }
        }
        return largest;
    }

    private static double fitBytes(ReadoutKind kind, StdpRunConfig cfg, int n, int d, int classes) {
        return Readouts.create(kind, cfg.readout().pcaVariance()).fitBytes(n, d, classes);
    }
}
