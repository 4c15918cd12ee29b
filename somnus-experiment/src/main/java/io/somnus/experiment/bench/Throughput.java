package io.somnus.experiment.bench;

import io.somnus.data.LabeledImages;
import io.somnus.encoding.SpikeEncoder;
import io.somnus.encoding.SpikeTrain;
import io.somnus.experiment.config.Configs;
import io.somnus.experiment.config.StdpRunConfig;
import io.somnus.experiment.model.DataPreparation;
import io.somnus.experiment.run.StandardResolver;
import io.somnus.experiment.stdp.Encoders;
import io.somnus.experiment.stdp.FrozenEvaluator;
import io.somnus.experiment.stdp.NetworkFactory;
import io.somnus.experiment.stdp.Presentation;
import io.somnus.kernel.Kernels;
import io.somnus.network.Network;
import io.somnus.network.SpikeCounter;
import io.somnus.readout.SpikeCounts;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Throughput of the STDP-SNN: training (plasticity on, one thread, images in sequence) and frozen
 * evaluation (plasticity off, images in parallel) of a preset at a given size, in images/s and
 * synaptic events/s, after a warm-up. The numbers of {@code somnus bench}.
 */
public final class Throughput {
    /**
     * One measurement.
     *
     * @param preset                  the STDP preset measured
     * @param excitatory              the network's excitatory neurons
     * @param mode                    {@code train} (plasticity on, one thread) or {@code evaluate} (plasticity off)
     * @param threads                 threads that presented images
     * @param images                  images timed (after the warm-up)
     * @param seconds                 wall time of the timed images (s)
     * @param imagesPerSecond         images per second of wall time
     * @param synapticEventsPerSecond synaptic events (one per spike per synapse it reaches) per second of wall time;
     *                                NaN for evaluation, which does not count them
     * @param synapses                synapses of all the network's projections
     * @param eSpikesPerImage         spikes per image of the readout population (the excitatory neurons), all together
     * @param presentationsPerImage presentations per image (training: Diehl &amp; Cook's re-presentations; 1 when
     *                              the preset has none; evaluation: the same, plasticity off)
     * @param cpuImagesPerSecond    training: images per second of the training thread's CPU time (what other work on
     *                              a shared machine disturbs least); NaN for evaluation or without thread CPU time
     */
    public record Row(String preset, int excitatory, String mode, int threads, int images, double seconds,
                      double imagesPerSecond, double synapticEventsPerSecond, long synapses,
                      double eSpikesPerImage, double presentationsPerImage, double cpuImagesPerSecond) {
        /** Presentations per second: the rate to compare with {@code train_presentations_per_second} of timing.json. */
        public double presentationsPerSecond() {
            return imagesPerSecond * presentationsPerImage;
        }
    }

    private Throughput() { }

    /** Resolves a preset at a size (E count; for diehl-cook I follows E). */
    public static StdpRunConfig config(String preset, int excitatory, String dataset, int images) {
        Map<String, Object> s = settings(preset, dataset, images);
        s.put("populations.e.size", excitatory);
        return Configs.bind(new StandardResolver().resolve(s), StdpRunConfig.class);
    }

    /** The settings of a benchmark: the preset on {@code dataset} with {@code images} training images, 1 held out. */
    static Map<String, Object> settings(String preset, String dataset, int images) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("preset", preset);
        s.put("dataset.name", dataset);
        s.put("train.images", images);
        s.put("train.validation_images", 1);
        s.put("train.test_images", 1);
        return s;
    }

    /**
     * Training throughput on {@code kernels}: {@code warmup} images, then {@code images} timed, plasticity on.
     * The network and the input spikes come from the same random streams as {@code somnus train}'s, so with no
     * sleep the presentations here are the first ones of a run of that configuration: images
     * {@code warmup .. warmup + images - 1} of a training run, without its per-image checks and checkpoints.
     */
    public static Row training(StdpRunConfig cfg, LabeledImages data, int warmup, int images, Kernels kernels) {
        SplittableRandom root = new SplittableRandom(cfg.seed());
        // the split order of StdpTraining: connectivity first, then the training stream
        Network net = NetworkFactory.build(cfg, data.pixels(), root.split(), kernels);
        SplittableRandom rng = root.split();
        SpikeEncoder encoder = Encoders.create(cfg.encoding());
        Presentation p = presentation(cfg);
        SpikeCounter counter = net.count(net.population(cfg.readout().population()));
        SpikeTrain train = new SpikeTrain();
        for (int i = 0; i < warmup; i++) {
            p.present(net, encoder, data.images()[i % data.size()], true, rng, train, counter);
        }
        long events0 = net.synapticEvents();
        long spikes = 0;
        long presentations = 0;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean cpuTimed = threads.isCurrentThreadCpuTimeSupported();
        // the CPU clock's reads inside the wall clock's: CPU seconds ≤ wall seconds however slow a read is
        long t0 = System.nanoTime();
        long c0 = cpuTimed ? threads.getCurrentThreadCpuTime() : 0;
        for (int i = 0; i < images; i++) {
            presentations += p.present(net, encoder, data.images()[(warmup + i) % data.size()], true, rng, train, counter);
            spikes += counter.total();
        }
        double cpuSec = cpuTimed ? (threads.getCurrentThreadCpuTime() - c0) / 1e9 : Double.NaN;
        double sec = (System.nanoTime() - t0) / 1e9;
        long synapses = net.projections().stream().mapToLong(x -> x.synapseCount()).sum();
        return new Row(cfg.preset(), net.population("e").size(), "train", 1, images, sec, images / sec,
                (net.synapticEvents() - events0) / sec, synapses, (double) spikes / images, (double) presentations / images, images / cpuSec);
    }

    /**
     * Evaluation throughput on {@code kernels} and {@code threads} threads, plasticity off (after one warm-up pass).
     */
    public static Row evaluation(StdpRunConfig cfg, LabeledImages data, int images, int threads, Kernels kernels) {
        SplittableRandom rng = new SplittableRandom(cfg.seed());
        Network net = NetworkFactory.build(cfg, data.pixels(), rng.split(), kernels);
        FrozenEvaluator ev = new FrozenEvaluator(Encoders.create(cfg.encoding()), presentation(cfg), threads);
        float[][] imgs = new float[images][];
        for (int i = 0; i < images; i++) {
            imgs[i] = data.images()[i % data.size()];
        }
        ev.features(net, cfg.readout().population(), Arrays.copyOf(imgs, Math.min(images, 16 * threads)), 1);
        long presentations0 = ev.presentations();
        long t0 = System.nanoTime();
        SpikeCounts f = ev.features(net, cfg.readout().population(), imgs, 2);
        double sec = (System.nanoTime() - t0) / 1e9;
        double presentations = ev.presentations() - presentations0;
        double spikes = f.total();
        long synapses = net.projections().stream().mapToLong(x -> x.synapseCount()).sum();
        return new Row(cfg.preset(), net.population("e").size(), "evaluate", threads, images, sec, images / sec,
                Double.NaN, synapses, spikes / images, presentations / images, Double.NaN);
    }

    private static Presentation presentation(StdpRunConfig cfg) {
        return new Presentation(cfg.simulation().stepsPerImage(), cfg.simulation().dtMs(), cfg.encoding().intensity(),
                cfg.encoding().minSpikes(), cfg.encoding().intensityStep(), cfg.encoding().maxPresentations());
    }

    /** The training images of a configuration (preprocessed). */
    public static LabeledImages data(StdpRunConfig cfg) {
        return DataPreparation.prepare(cfg).train();
    }

    /** Peak heap use so far (sum of the heap pools' peaks), in MiB. */
    public static double peakHeapMiB() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / (1024.0 * 1024.0);
    }
}
