package io.somnus.experiment.stdp;

import io.somnus.core.GaussianDraws;
import io.somnus.encoding.SpikeTrain;
import io.somnus.experiment.config.Choices;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.LastStepSpikes;
import io.somnus.experiment.config.MembraneIntegration;
import io.somnus.experiment.config.SinceLastSpikeConfig;
import io.somnus.experiment.config.SleepConfig;
import io.somnus.experiment.config.SleepDelivery;
import io.somnus.experiment.config.StdpRunConfig;
import io.somnus.experiment.config.InputOnlyStep;
import io.somnus.experiment.config.StreamFirstStep;
import io.somnus.experiment.config.StreamStartThreshold;
import io.somnus.experiment.io.AtomicFiles;
import io.somnus.experiment.io.Mappers;
import io.somnus.experiment.io.NpyArray;
import io.somnus.experiment.io.Npz;
import io.somnus.network.Network;
import io.somnus.network.SpikeRaster;
import io.somnus.neuron.CurrentLifPopulation;
import io.somnus.neuron.Population;
import io.somnus.synapse.Projection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The STDP-SNN's spikes in and out, so that another implementation can be run on exactly what Somnus ran
 * ({@code somnus train --export-spikes DIR}, {@code --input-spikes FILE}; format in validation/paper_code/README.md).
 * Export writes, after training, {@code DIR/inputs.npz} (the input spike train of every training presentation and
 * every projection's synapses with their initial weights), {@code DIR/params.json} (the constants the equations
 * need) and {@code DIR/somnus_out.npz} (spike counts per image, per-step rasters of every non-input population, the
 * plastic weights after each of the first {@link #WEIGHT_IMAGES} images). Import replaces the encoder: training
 * presentation k plays train k of the file.
 *
 * <p>The trained network travels the same way ({@code --load-network FILE}, {@code --save-network}): its weights and
 * learned state ({@link io.somnus.experiment.io.NetworkState}) restored into the network built from the
 * configuration before training, and written after it.
 *
 * @param exportDir   where to write, or null
 * @param inputSpikes an {@code inputs.npz} whose trains replace the encoder during training, or null
 * @param networkIn   a saved network to start from instead of the configuration's initial weights, or null
 * @param networkOut  where to save the network after training, or null
 */
public record SpikeExchange(Path exportDir, Path inputSpikes, Path networkIn, Path networkOut) {
    /** Neither export nor import. */
    public static final SpikeExchange NONE = new SpikeExchange(null, null, null, null);

    /** Spikes out and in; no network loaded or saved. */
    public SpikeExchange(Path exportDir, Path inputSpikes) {
        this(exportDir, inputSpikes, null, null);
    }

    /**
     * This exchange, also starting training from the network saved in {@code file} (the library's
     * {@code --load-network}); by name, as four paths in a row are easy to swap. E.g.
     * {@code new StandardRunExecutor(Kernels.preferred(), SpikeExchange.NONE.withNetworkIn(saved))}.
     */
    public SpikeExchange withNetworkIn(Path file) {
        return new SpikeExchange(exportDir, inputSpikes, Objects.requireNonNull(file, "file"), networkOut);
    }

    /**
     * This exchange, also saving the trained network to {@code file} (the library's {@code --save-network}): a run's
     * weights.npz cannot be read back into a network, this file can, with
     * {@link io.somnus.experiment.io.NetworkState#read}. E.g. {@code new StandardRunExecutor(Kernels.preferred(),
     * SpikeExchange.NONE.withNetworkOut(dir.resolve("network.npz")))}.
     */
    public SpikeExchange withNetworkOut(Path file) {
        return new SpikeExchange(exportDir, inputSpikes, networkIn, Objects.requireNonNull(file, "file"));
    }
    /** The files an export writes into its directory. */
    public static final String INPUTS = "inputs.npz";
    /** The export's spike counts, rasters and early weights. */
    public static final String SOMNUS_OUT = "somnus_out.npz";
    /** The export's constants of the equations (JSON). */
    public static final String PARAMS = "params.json";
    /** The saved network in a run directory ({@code --save-network}). */
    public static final String NETWORK = "network.npz";
    /** Images after which the plastic weights are exported (bounds the file size). */
    public static final int WEIGHT_IMAGES = 100;

    /** Input spike trains read from an {@code inputs.npz}. */
    public static final class InputTrains {
        private final int[] steps;
        private final int[] sources;
        private final int[] offsets;
        private final int stepsPerImage;

        private InputTrains(int[] steps, int[] sources, int[] offsets, int stepsPerImage) {
            this.steps = steps;
            this.sources = sources;
            this.offsets = offsets;
            this.stepsPerImage = stepsPerImage;
        }

        /** Reads and checks the file against the run (steps per image, input count, presentations needed). */
        public static InputTrains read(Path file, int stepsPerImage, int inputs, long presentations) {
            Map<String, NpyArray> a;
            try {
                a = Npz.read(file);
            } catch (IOException e) {
                throw new ConfigException("--input-spikes " + file + ": cannot read: " + e.getMessage(), e);
            }
            for (String key : List.of("spike_steps", "spike_sources", "offsets", "steps_per_image")) {
                if (!a.containsKey(key)) {
                    throw new ConfigException("--input-spikes " + file + ": no array '" + key + "'; it holds " + a.keySet());
                }
            }
            int[] steps = a.get("spike_steps").ints();
            int[] sources = a.get("spike_sources").ints();
            int[] offsets = a.get("offsets").ints();
            int fileSteps = a.get("steps_per_image").ints()[0];
            if (fileSteps != stepsPerImage) {
                throw new ConfigException("--input-spikes " + file + ": steps_per_image is " + fileSteps
                        + " but the run has simulation.steps_per_image = " + stepsPerImage);
            }
            if (steps.length != sources.length || offsets.length < 1 || offsets[offsets.length - 1] != steps.length) {
                throw new ConfigException("--input-spikes " + file + ": spike_steps (" + steps.length + "), spike_sources ("
                        + sources.length + ") and offsets (last " + (offsets.length == 0 ? "none" : offsets[offsets.length - 1])
                        + ") do not agree");
            }
            int trains = offsets.length - 1;
            if (trains < presentations) {
                throw new ConfigException("--input-spikes " + file + ": holds " + trains + " presentations but the run shows "
                        + presentations + " training images (lower train.images or export more)");
            }
            for (int k = 0; k < trains; k++) {
                int last = -1;
                for (int s = offsets[k]; s < offsets[k + 1]; s++) {
                    if (steps[s] < last || steps[s] < 0 || steps[s] >= stepsPerImage || sources[s] < 0 || sources[s] >= inputs) {
                        throw new ConfigException("--input-spikes " + file + ": presentation " + k + ", spike " + (s - offsets[k])
                                + ": step " + steps[s] + ", source " + sources[s] + " (steps must be sorted in [0, "
                                + stepsPerImage + "), sources in [0, " + inputs + "))");
                    }
                    last = steps[s];
                }
            }
            return new InputTrains(steps, sources, offsets, stepsPerImage);
        }

        /** Writes presentation {@code k} into {@code train}. */
        public void fill(int k, SpikeTrain train) {
            train.reset(stepsPerImage);
            for (int s = offsets[k]; s < offsets[k + 1]; s++) {
                train.add(steps[s], sources[s]);
            }
            train.finish();
        }
    }

    /** Collects what a run exports while it trains. */
    public static final class Recorder {
        private final Path dir;
        private final StdpRunConfig cfg;
        private final Network net;
        private final Map<String, NpyArray> initial = new LinkedHashMap<>();
        private final List<SpikeRaster> rasters = new ArrayList<>();
        private final List<int[]> counts = new ArrayList<>();
        private final Map<String, List<float[]>> weightsAfter = new LinkedHashMap<>();
        private final List<Integer> trainSteps = new ArrayList<>();
        private final List<Integer> trainSources = new ArrayList<>();
        private final List<Integer> offsets = new ArrayList<>(List.of(0));
        private final int[] spikesBefore;
        /** Every Gaussian the membrane noise drew, wake and sleep, in the order drawn. */
        private double[] gaussians = new double[1024];
        private int gaussianCount;

        /** Starts recording on a freshly built network (its weights are the initial ones). */
        public Recorder(Path dir, StdpRunConfig cfg, Network net) {
            this.dir = dir;
            this.cfg = cfg;
            this.net = net;
            for (Projection p : net.projections()) {
                initial.put(p.name() + "__pre", NpyArray.of(p.preIndex().clone(), p.synapseCount()));
                initial.put(p.name() + "__post", NpyArray.of(p.postIndex().clone(), p.synapseCount()));
                initial.put(p.name() + "__w0", NpyArray.of(p.weights().clone(), p.synapseCount()));
                if (p.isPlastic()) {
                    weightsAfter.put(p.name(), new ArrayList<>());
                }
            }
            for (Population p : net.populations()) {
                if (p != net.input()) {
                    rasters.add(net.raster(p));
                }
            }
            spikesBefore = new int[rasters.size()];
        }

        /**
         * {@code rng}, with every {@link RandomGenerator#nextGaussian()} it returns recorded (exported as
         * {@code noise_gaussians}); other draws pass through unrecorded.
         */
        public RandomGenerator noiseFrom(RandomGenerator rng) {
            return new RandomGenerator() {
                @Override
                public long nextLong() {
                    return rng.nextLong();
                }

                @Override
                public double nextGaussian() {
                    double g = GaussianDraws.draw(rng);
                    if (gaussianCount == gaussians.length) {
                        gaussians = Arrays.copyOf(gaussians, 2 * gaussians.length);
                    }
                    gaussians[gaussianCount++] = g;
                    return g;
                }
            };
        }

        /** The input spikes of the presentation about to be shown. */
        public void presented(SpikeTrain train) {
            for (int t = 0; t < train.numSteps(); t++) {
                for (int k = train.start(t); k < train.end(t); k++) {
                    trainSteps.add(t);
                    trainSources.add(train.source(k));
                }
            }
            offsets.add(trainSteps.size());
        }

        /** After each training image (before any sleep that follows it): counts and weights. */
        public void imageDone() {
            for (int r = 0; r < rasters.size(); r++) {
                SpikeRaster raster = rasters.get(r);
                int[] c = new int[raster.population().size()];
                int[] neurons = raster.spikeNeurons();
                for (int s = spikesBefore[r]; s < neurons.length; s++) {
                    c[neurons[s]]++;
                }
                spikesBefore[r] = neurons.length;
                counts.add(c);
            }
            if (offsets.size() - 1 <= WEIGHT_IMAGES) {
                for (Projection p : net.projections()) {
                    if (p.isPlastic()) {
                        weightsAfter.get(p.name()).add(p.weights().clone());
                    }
                }
            }
        }

        /** Spikes of sleep steps are in the rasters; a sleep episode moves the per-image counts on past them. */
        public void slept() {
            for (int r = 0; r < rasters.size(); r++) {
                spikesBefore[r] = rasters.get(r).spikeNeurons().length;
            }
        }

        /**
         * Writes {@link #INPUTS}, {@link #SOMNUS_OUT} and {@link #PARAMS} into the export directory (created if
         * missing).
         */
        public void write() throws IOException {
            Files.createDirectories(dir);
            Map<String, NpyArray> in = new LinkedHashMap<>();
            in.put("spike_steps", NpyArray.of(ints(trainSteps), trainSteps.size()));
            in.put("spike_sources", NpyArray.of(ints(trainSources), trainSources.size()));
            in.put("offsets", NpyArray.of(ints(offsets), offsets.size()));
            in.put("steps_per_image", NpyArray.of(new int[] {cfg.simulation().stepsPerImage()}, 1));
            in.put("noise_gaussians", NpyArray.of(Arrays.copyOf(gaussians, gaussianCount), gaussianCount));
            in.putAll(initial);
            Npz.write(dir.resolve(INPUTS), in);
            Map<String, NpyArray> out = new LinkedHashMap<>();
            int images = offsets.size() - 1;
            for (int r = 0; r < rasters.size(); r++) {
                SpikeRaster raster = rasters.get(r);
                String name = raster.population().name();
                int n = raster.population().size();
                int[] flat = new int[images * n];
                for (int k = 0; k < images; k++) {
                    System.arraycopy(counts.get(k * rasters.size() + r), 0, flat, k * n, n);
                }
                out.put(name + "_counts", NpyArray.of(flat, images, n));
                int[] steps = raster.spikeSteps();
                out.put(name + "_raster_step", NpyArray.of(steps, steps.length));
                out.put(name + "_raster_neuron", NpyArray.of(raster.spikeNeurons(), steps.length));
            }
            for (Map.Entry<String, List<float[]>> e : weightsAfter.entrySet()) {
                List<float[]> ws = e.getValue();
                int n = ws.isEmpty() ? 0 : ws.get(0).length;
                float[] flat = new float[ws.size() * n];
                for (int k = 0; k < ws.size(); k++) {
                    System.arraycopy(ws.get(k), 0, flat, k * n, n);
                }
                out.put(e.getKey() + "__w_after", NpyArray.of(flat, ws.size(), n));
            }
            Npz.write(dir.resolve(SOMNUS_OUT), out);
            AtomicFiles.write(dir.resolve(PARAMS),
                    Mappers.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(params()));
        }

        /** The constants of the equations, by population and projection (validation/paper_code reads them). */
        private Map<String, Object> params() {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("dt_ms", cfg.simulation().dtMs());
            p.put("steps_per_image", cfg.simulation().stepsPerImage());
            p.put("reset_every_images", cfg.simulation().resetEveryImages());
            p.put("integration", Choices.of(cfg.simulation().integration() == null ? MembraneIntegration.EXPONENTIAL
                    : cfg.simulation().integration()));
            p.put("spike_test", Choices.of(cfg.simulation().spikeTest()));
            p.put("wake_noise_std_mv", cfg.simulation().wakeNoiseStdMv());
            p.put("stream_start", Choices.of(cfg.simulation().streamStart()));
            p.put("stream_start_last_step", Choices.of(cfg.simulation().streamStartLastStep() == null
                    ? LastStepSpikes.DELIVERED : cfg.simulation().streamStartLastStep()));
            p.put("stream_start_threshold", Choices.of(cfg.simulation().streamStartThreshold() == null
                    ? StreamStartThreshold.CARRIED : cfg.simulation().streamStartThreshold()));
            p.put("stream_first_step", Choices.of(cfg.simulation().streamFirstStep() == null
                    ? StreamFirstStep.INTEGRATES : cfg.simulation().streamFirstStep()));
            p.put("input_only_step", Choices.of(cfg.simulation().inputOnlyStep() == null
                    ? InputOnlyStep.TIMED : cfg.simulation().inputOnlyStep()));
            p.put("images", offsets.size() - 1);
            Map<String, Object> pops = new LinkedHashMap<>();
            for (Population pop : net.populations()) {
                Map<String, Object> q = new LinkedHashMap<>();
                q.put("size", pop.size());
                if (pop instanceof CurrentLifPopulation c) {
                    q.put("model", "current_lif");
                    q.put("neuron", c.parameters());
                } else {
                    q.put("model", pop == net.input() ? "input" : pop.getClass().getSimpleName());
                }
                pops.put(pop.name(), q);
            }
            p.put("populations", pops);
            List<Object> projs = new ArrayList<>();
            for (var pc : cfg.projections()) {
                Map<String, Object> q = new LinkedHashMap<>();
                Projection proj = net.projection(pc.name());
                q.put("name", pc.name());
                q.put("pre", pc.pre());
                q.put("post", pc.post());
                q.put("receptor", Choices.of(pc.receptor()));
                q.put("w_min", proj.wMin());
                q.put("w_max", proj.wMax());
                q.put("rule", proj.isPlastic() ? proj.plasticity().name() : null);
                if (pc.plasticity() instanceof SinceLastSpikeConfig r) {
                    Map<String, Object> rule = new LinkedHashMap<>();
                    rule.put("rule", Choices.of(r.rule()));
                    rule.put("eta", r.learningRate());
                    rule.put("tau_ltp_ms", r.tauLtpMs());
                    rule.put("tau_ltd_ms", r.tauLtdMs());
                    rule.put("sign", "auto");
                    q.put("plasticity", rule);
                } else {
                    q.put("plasticity", pc.plasticity() == null ? null : Map.of("rule", Choices.of(pc.plasticity().rule())));
                }
                projs.add(q);
            }
            p.put("projections", projs);
            p.put("sleep", sleepParams());
            return p;
        }

        /** The sleep section as the reference reads it (episodes, decay, early end, noise). */
        private Map<String, Object> sleepParams() {
            SleepConfig sc = cfg.sleep();
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("fraction", sc.fraction());
            q.put("wake_steps", sc.wakeSteps());
            q.put("budget", Choices.of(sc.budget()));
            q.put("episode", Choices.of(sc.episode()));
            q.put("max_episode_steps", sc.maxEpisodeSteps());
            q.put("law", Choices.of(sc.law()));
            q.put("lambda", sc.lambda());
            q.put("weight_noise", sc.weightNoise());
            q.put("target", Choices.of(sc.target()));
            q.put("target_magnitude", sc.targetMagnitude());
            q.put("noise_std_mv", sc.noiseStdMv());
            q.put("input_rate_hz", sc.inputRateHz());
            q.put("plasticity", sc.plasticity());
            q.put("projections", sc.projections());
            q.put("decay_every_steps", sc.decayEverySteps());
            q.put("early_end_tolerance", sc.earlyEndTolerance());
            q.put("early_end", Choices.of(sc.earlyEnd()));
            q.put("keep_state", sc.keepState());
            q.put("wake_clock", Choices.of(sc.wakeClock()));
            q.put("last_wake_input", Choices.of(sc.lastWakeInput() == null ? LastStepSpikes.DELIVERED : sc.lastWakeInput()));
            q.put("delivery", Choices.of(sc.delivery() == null ? SleepDelivery.BEFORE_DECAY : sc.delivery()));
            return q;
        }

        private static int[] ints(List<Integer> xs) {
            int[] a = new int[xs.size()];
            for (int k = 0; k < a.length; k++) {
                a[k] = xs.get(k);
            }
            return a;
        }
    }
}
