package io.somnus.experiment.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.data.LabeledImages;
import io.somnus.encoding.PoissonEncoder;
import io.somnus.encoding.SpikeTrain;
import io.somnus.experiment.config.Configs;
import io.somnus.experiment.config.StdpRunConfig;
import io.somnus.experiment.io.NpyArray;
import io.somnus.experiment.io.Npz;
import io.somnus.experiment.model.DataPreparation;
import io.somnus.experiment.run.StandardResolver;
import io.somnus.experiment.stdp.NetworkFactory;
import io.somnus.kernel.Kernels;
import io.somnus.network.Network;
import io.somnus.network.SpikeCounter;
import io.somnus.neuron.ConductanceLifPopulation;
import io.somnus.synapse.Projection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Runs the {@code diehl-cook} preset on K images exactly as {@code validation/brian2} expects, and writes
 * both files of the comparison: {@code inputs.npz} (the input spike trains Somnus presented, the initial
 * weights and θ) and {@code somnus_out.npz} (E and I spike counts per image, final weights and θ). The
 * weights are normalised after every presentation (not before the first), plasticity is on, no image is
 * re-presented: the protocol of {@code validation/brian2/README.md}.
 */
public final class DiehlCookReference {
    private DiehlCookReference() { }

    /**
     * What one comparison run measured.
     *
     * @param meanESpikesPerImage     excitatory spikes per image, over all neurons, averaged over the images
     * @param meanInputSpikesPerImage Poisson input spikes per image, averaged over the images
     * @param imagesPerSecond         images presented per second of the run's wall time ({@code wall_seconds} in
     *                                somnus_out.npz)
     */
    public record Result(double meanESpikesPerImage, double meanInputSpikesPerImage, double imagesPerSecond) { }

    /** {@code DiehlCookReference IMAGES N_E SEED OUT_DIR}: writes OUT_DIR/inputs.npz and OUT_DIR/somnus_out.npz. */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[3]);
        Files.createDirectories(out);
        Result r = run(Integer.parseInt(args[0]), Integer.parseInt(args[1]), Long.parseLong(args[2]),
                out.resolve("inputs.npz"), out.resolve("somnus_out.npz"), Kernels.preferred());
        System.out.printf(Locale.ROOT, "input spikes/image %.1f, E spikes/image %.2f, %.1f images/s%n",
                r.meanInputSpikesPerImage(), r.meanESpikesPerImage(), r.imagesPerSecond());
    }

    /** @param kernels the simulator loops (all kernels give the same numbers) */
    public static Result run(int images, int excitatory, long seed, Path inputsNpz, Path somnusNpz, Kernels kernels)
            throws IOException {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("preset", "diehl-cook");
        settings.put("populations.e.size", excitatory);
        settings.put("train.images", images);
        settings.put("train.validation_images", 1);
        settings.put("train.test_images", 1);
        settings.put("seed", seed);
        settings.put("simulation.integration", "euler"); // the Brian2 reference integrates with method='euler'
        ObjectNode tree = new StandardResolver().resolve(settings);
        StdpRunConfig cfg = Configs.bind(tree, StdpRunConfig.class);
        LabeledImages train = DataPreparation.prepare(cfg).train();
        SplittableRandom root = new SplittableRandom(seed);
        Network net = NetworkFactory.build(cfg, train.pixels(), root.split(), kernels);
        SplittableRandom inputRng = root.split();
        Projection inputE = net.projection("input_e");
        ConductanceLifPopulation e = (ConductanceLifPopulation) net.population("e");
        int ne = e.size();
        int inputs = net.input().size();
        float[] wInit = inputE.toDense();
        float[] thetaInit = new float[ne];
        for (int j = 0; j < ne; j++) {
            thetaInit[j] = (float) e.theta()[j];
        }
        SpikeCounter eCount = net.count(e);
        SpikeCounter iCount = net.count(net.population("i"));
        PoissonEncoder encoder = new PoissonEncoder(cfg.encoding().maxRateHz());
        int steps = cfg.simulation().stepsPerImage();
        double dt = cfg.simulation().dtMs();
        SpikeTrain train1 = new SpikeTrain();
        List<int[]> stepsList = new ArrayList<>();
        List<int[]> sourcesList = new ArrayList<>();
        int[] eCounts = new int[images * ne];
        int[] iCounts = new int[images * ne];
        long inputSpikes = 0;
        long nanos = 0;
        for (int k = 0; k < images; k++) {
            encoder.encode(train.images()[k], cfg.encoding().intensity(), steps, dt, inputRng, train1);
            int[] st = new int[train1.totalSpikes()];
            int[] src = new int[train1.totalSpikes()];
            for (int t = 0, q = 0; t < steps; t++) {
                for (int s = train1.start(t); s < train1.end(t); s++, q++) {
                    st[q] = t;
                    src[q] = train1.source(s);
                }
            }
            stepsList.add(st);
            sourcesList.add(src);
            inputSpikes += st.length;
            eCount.clear();
            iCount.clear();
            long t0 = System.nanoTime();
            net.present(train1, true, inputRng); // normalises after the presentation, as the reference
            nanos += System.nanoTime() - t0;
            System.arraycopy(eCount.counts(), 0, eCounts, k * ne, ne);
            System.arraycopy(iCount.counts(), 0, iCounts, k * ne, ne);
        }
        int total = (int) inputSpikes;
        int[] allSteps = new int[total];
        int[] allSources = new int[total];
        int[] offsets = new int[images + 1];
        for (int k = 0, q = 0; k < images; k++) {
            System.arraycopy(stepsList.get(k), 0, allSteps, q, stepsList.get(k).length);
            System.arraycopy(sourcesList.get(k), 0, allSources, q, sourcesList.get(k).length);
            q += stepsList.get(k).length;
            offsets[k + 1] = q;
        }
        Map<String, NpyArray> in = new LinkedHashMap<>();
        in.put("spike_steps", NpyArray.of(allSteps, total));
        in.put("spike_sources", NpyArray.of(allSources, total));
        in.put("offsets", NpyArray.of(offsets, images + 1));
        in.put("w_init", NpyArray.of(wInit, inputs, ne));
        in.put("theta_init_mv", NpyArray.of(thetaInit, ne));
        in.put("dt_ms", NpyArray.of(new double[] {dt}));
        in.put("steps_per_image", NpyArray.of(new int[] {steps}));
        in.put("n_e", NpyArray.of(new int[] {ne}));
        Npz.write(inputsNpz, in);
        float[] w = inputE.toDense();
        double[] wFinal = new double[w.length];
        for (int s = 0; s < w.length; s++) {
            wFinal[s] = w[s];
        }
        double[] thetaFinal = e.theta().clone();
        Map<String, NpyArray> out = new LinkedHashMap<>();
        out.put("e_spike_counts", NpyArray.of(eCounts, images, ne));
        out.put("i_spike_counts", NpyArray.of(iCounts, images, ne));
        out.put("w_final", NpyArray.of(wFinal, inputs, ne));
        out.put("theta_final_mv", NpyArray.of(thetaFinal, ne));
        out.put("wall_seconds", NpyArray.of(new double[] {nanos / 1e9}));
        Npz.write(somnusNpz, out);
        long eTotal = 0;
        for (int c : eCounts) {
            eTotal += c;
        }
        return new Result((double) eTotal / images, (double) inputSpikes / images, images / (nanos / 1e9));
    }
}
