package io.somnus.experiment.stdp;

import io.somnus.encoding.SpikeEncoder;
import io.somnus.encoding.SpikeTrain;
import io.somnus.network.Network;
import io.somnus.network.SpikeCounter;
import io.somnus.neuron.Population;
import io.somnus.readout.SpikeCounts;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs images through a network with plasticity off and every population's own learning frozen
 * ({@link Population#freezeLearning}), and returns the spike counts of one population per image (the readout
 * features). Images run in parallel on copies of the network that share its
 * weights; each image's input spikes come from its own seed, so the result does not depend on the
 * number of threads. It counts the images it presented and their presentations (Diehl &amp; Cook's re-presentations
 * of an image at a higher rate while the readout fires too few spikes), as training does.
 */
public final class FrozenEvaluator {
    private final SpikeEncoder encoder;
    private final Presentation presentation;
    private final int threads;
    private final AtomicLong imagesPresented = new AtomicLong();
    private final AtomicLong presentations = new AtomicLong();

    /**
     * An evaluator that encodes each image with {@code encoder}, shows it as {@code presentation} says, on
     * {@code threads} threads (at least 1; the counts do not depend on it).
     */
    public FrozenEvaluator(SpikeEncoder encoder, Presentation presentation, int threads) {
        this.encoder = encoder;
        this.presentation = presentation;
        this.threads = Math.max(1, threads);
    }

    /**
     * A copy of {@code net} for evaluation ({@link Network#copyForEvaluation}) whose every population's own learning is
     * frozen ({@link Population#freezeLearning}): what each model learns of its own (the conductance LIF's θ, a class's
     * learned state) stays as trained while images run on it.
     */
    static Network frozenCopy(Network net) {
        Network copy = net.copyForEvaluation();
        for (Population p : copy.populations()) {
            p.freezeLearning(true);
        }
        return copy;
    }

    /** The spike counts of {@code readoutPopulation}'s neurons for each image; the network is not changed. */
    public SpikeCounts features(Network net, String readoutPopulation, float[][] images, long seed) {
        SpikeCounts out = new SpikeCounts(images.length, net.population(readoutPopulation).size());
        imagesPresented.addAndGet(images.length);
        AtomicInteger next = new AtomicInteger();
        int n = Math.min(threads, Math.max(1, images.length / 16));
        Runnable worker = () -> {
            Network copy = frozenCopy(net);
            SpikeCounter counter = copy.count(copy.population(readoutPopulation));
            SpikeTrain train = new SpikeTrain();
            long shown = 0;
            for (int i = next.getAndIncrement(); i < images.length; i = next.getAndIncrement()) {
                SplittableRandom rng = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (i + 1)));
                shown += presentation.present(copy, encoder, images[i], false, rng, train, counter);
                out.set(i, counter.counts());
            }
            presentations.addAndGet(shown);
        };
        if (n == 1) {
            worker.run();
            return out;
        }
        ExecutorService pool = DaemonPool.of(n, "somnus-eval");
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                fs.add(pool.submit(worker));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("evaluation failed: " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    /** Images presented by every {@link #features} call so far. */
    public long imagesPresented() {
        return imagesPresented.get();
    }

    /** Their presentations, re-presentations included. */
    public long presentations() {
        return presentations.get();
    }

    /** Writes the counts of images and presentations evaluated so far (timing.json's), for a resume snapshot. */
    void writeState(DataOutput out) throws IOException {
        out.writeLong(imagesPresented.get());
        out.writeLong(presentations.get());
    }

    void readState(DataInput in) throws IOException {
        imagesPresented.set(in.readLong());
        presentations.set(in.readLong());
    }
}
