package io.somnus.experiment.stdp;

import com.fasterxml.jackson.databind.JsonNode;
import io.somnus.core.NumberText;
import io.somnus.core.StateStreams;
import io.somnus.data.LabeledImages;
import io.somnus.encoding.SpikeEncoder;
import io.somnus.encoding.SpikeTrain;
import io.somnus.experiment.config.Choices;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.InitialWeights;
import io.somnus.experiment.config.InputOnlyStep;
import io.somnus.experiment.config.LastStepSpikes;
import io.somnus.experiment.config.Protocol;
import io.somnus.experiment.config.SleepBudget;
import io.somnus.experiment.config.SleepConfig;
import io.somnus.experiment.config.StdpRunConfig;
import io.somnus.experiment.config.StreamFirstStep;
import io.somnus.experiment.config.StreamStart;
import io.somnus.experiment.config.StreamStartThreshold;
import io.somnus.experiment.config.WakeClock;
import io.somnus.experiment.io.FileFormatException;
import io.somnus.experiment.io.NetworkState;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.io.StoppedEarly;
import io.somnus.experiment.model.ContinualTasks;
import io.somnus.experiment.model.ResumeSnapshotFile;
import io.somnus.experiment.model.RunFiles;
import io.somnus.experiment.model.RunRecorder;
import io.somnus.experiment.model.SnapshotTrigger;
import io.somnus.experiment.model.SummaryFields;
import io.somnus.kernel.Kernels;
import io.somnus.network.Network;
import io.somnus.network.SpikeCounter;
import io.somnus.neuron.Population;
import io.somnus.sleep.SleepClock;
import io.somnus.sleep.SleepPhase;
import io.somnus.sleep.SleepSchedule;
import io.somnus.synapse.Plasticity;
import io.somnus.synapse.Projection;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Trains the STDP-SNN of one configuration: presents the training images with plasticity on, inserts
 * sleep episodes by the schedule, evaluates at checkpoints (frozen, on the validation images) and at the
 * end (on the test images), and reports everything to a {@link RunRecorder}.
 */
public final class StdpTraining {
    /**
     * What a run ends with.
     *
     * @param summary what the run measured: a pure function of seed, configuration and Java version
     * @param timing  how long it took (timing.json): differs from run to run
     * @param weights every projection's weights after training, as a dense row-major [pre][post] matrix (0 where
     *                there is no synapse), by projection name, as weights.npz holds them
     * @param shapes  each of those matrices' shape, {pre size, post size}, by the same names
     * @param network the trained network itself (its weights are {@code weights}'), handed on at rest, without the
     *                run's monitors and with no synaptic events counted ({@code handOver})
     */
    public record Result(Map<String, Object> summary, Map<String, Object> timing, Map<String, float[]> weights,
            Map<String, int[]> shapes, Network network) { }

    private final StdpRunConfig cfg;
    private final RunRecorder recorder;
    /** The run's generators: asked for at each draw, since a snapshot replaces them by their twins. */
    private final StdpGenerators rngs;
    private final Kernels kernels;
    private final SpikeExchange exchange;
    /** Where the resume snapshots go (and, when it {@link RunFiles#resume()}s, come from); null: none. */
    private final RunFiles snapshots;
    /** What the run's configuration check built ({@link #checked}); null: the run checks and builds its own. */
    private CheckedNetwork checked;

    /**
     * A training of {@code cfg} that reports to {@code recorder} and computes with {@code kernels}, without spike
     * export or import.
     */
    public StdpTraining(StdpRunConfig cfg, RunRecorder recorder, Kernels kernels) {
        this(cfg, recorder, kernels, SpikeExchange.NONE);
    }

    /** @param exchange export of spikes and weights, import of input trains ({@link SpikeExchange}) */
    public StdpTraining(StdpRunConfig cfg, RunRecorder recorder, Kernels kernels, SpikeExchange exchange) {
        this(cfg, recorder, kernels, exchange, null);
    }

    /**
     * As {@link #StdpTraining(StdpRunConfig, RunRecorder, Kernels, SpikeExchange)}, keeping a resume snapshot in
     * {@code files}' directory after every checkpoint and, between two, when {@link RunFiles#snapshotTrigger()} says so
     * ({@link StdpResumeSnapshot}; the run executor removes it once the
     * results are written) and, when {@link RunFiles#resume()}, going on from the snapshot there instead of starting:
     * the results are then the bits of a run never stopped (timing.json and provenance.json's times apart). A run
     * that exchanges spikes or networks with files keeps no snapshot.
     */
    public StdpTraining(StdpRunConfig cfg, RunFiles files, Kernels kernels, SpikeExchange exchange) {
        this(cfg, files, kernels, exchange, files);
    }

    private StdpTraining(StdpRunConfig cfg, RunRecorder recorder, Kernels kernels, SpikeExchange exchange,
                         RunFiles snapshots) {
        this.snapshots = snapshots;
        this.kernels = kernels;
        this.exchange = Objects.requireNonNull(exchange, "exchange");
        this.cfg = cfg;
        this.recorder = recorder;
        this.rngs = new StdpGenerators(cfg.seed());
    }

    /**
     * Builds the network with the populations of model class that the check of this run's configuration built
     * ({@link StdpRunner#check}), so that their constructor runs once a run; {@code null}, or a check of another
     * configuration or input count: the run checks and constructs its own.
     *
     * @return this
     */
    public StdpTraining checked(CheckedNetwork network) {
        this.checked = network;
        return this;
    }

    /**
     * Builds the network, trains it on {@code train} (checkpoints on {@code validation}) and tests it on {@code test};
     * goes on from a resume snapshot instead when built with {@link RunFiles} that resume. An
     * {@link java.io.IOException} when a file cannot be written or read.
     */
    public Result run(LabeledImages train, LabeledImages validation, LabeledImages test) throws IOException {
        TrainingTimes times = new TrainingTimes();
        CheckedNetwork network = checked != null && checked.checks(cfg, train.pixels()) ? checked
                : NetworkFactory.validate(cfg, train.pixels());
        Network net = NetworkFactory.build(network, rngs.connectivity(), kernels);
        if (exchange.networkIn() != null) {
            loadNetwork(net);
        }
        Population readoutPop = net.population(cfg.readout().population());
        SpikeEncoder encoder = Encoders.create(cfg.encoding());
        Presentation presentation = new Presentation(cfg.simulation().stepsPerImage(), cfg.simulation().dtMs(),
                cfg.encoding().intensity(), cfg.encoding().minSpikes(), cfg.encoding().intensityStep(),
                cfg.encoding().maxPresentations());
        FrozenEvaluator evaluator = new FrozenEvaluator(encoder, presentation, cfg.train().resolvedEvalThreads());
        Measurements measure = new Measurements(cfg, net, evaluator, rngs.readoutSeed, rngs.evalSeed);
        ReadoutMemory memory = new ReadoutMemory(cfg, readoutPop.size(), measure.readoutImages(train),
                Math.max(validation.size(), test.size()), train.numClasses());
        double networkBytes = ReadoutMemory.networkBytes(net);
        long heap = Runtime.getRuntime().maxMemory();
        memory.check(networkBytes, heap);
        int readoutThreads = memory.fitTogether(networkBytes, heap) ? cfg.train().resolvedEvalThreads() : 1;

        SleepConfig sc = cfg.sleep();
        boolean plastic = cfg.train().plasticity();
        SleepSchedule schedule = SleepSettingsFactory.schedule(sc);
        SleepClock clock = new SleepClock(plastic ? schedule : SleepSchedule.NEVER);
        SleepPhase phase = new SleepPhase(SleepSettingsFactory.create(sc, cfg.simulation().dtMs()));
        List<SpikeCounter> counters = new ArrayList<>();
        for (Population p : net.populations()) {
            if (p != net.input()) {
                counters.add(net.count(p));
            }
        }
        SpikeExchange.Recorder export = exchange.exportDir() == null ? null
                : new SpikeExchange.Recorder(exchange.exportDir(), cfg, net);
        // the membrane noise of wake and sleep; an export records every draw so that a reference can replay them (a
        // run that exports keeps no snapshot, so its generators are never replaced)
        RandomGenerator exportedWakeNoise = export == null ? null : export.noiseFrom(rngs.wakeNoise());
        double wakeNoiseMv = cfg.simulation().wakeNoiseStdMv();
        RandomGenerator exportedSleepNoise = export == null ? null : export.noiseFrom(rngs.sleep());
        StdpSleepEpisodes sleep = new StdpSleepEpisodes(phase, net, counters, recorder,
                export == null ? rngs::sleep : () -> exportedSleepNoise);
        SpikeTotals wakeSpikes = new SpikeTotals();
        SpikeCounter readoutCounter = net.count(readoutPop);

        boolean continual = cfg.protocol() == Protocol.CONTINUAL;
        int[] order = trainingOrder(train);
        int[] taskEnds = continual ? ContinualTasks.taskEnds(train, order, cfg.continual()) : new int[0];
        double[][] taskAccuracy = new double[taskEnds.length][];
        int task = 0;
        long totalImages = imagesToTrain(order.length, cfg.train().epochs(), sc.budget() == SleepBudget.FIXED_TOTAL,
                sc.fraction());
        if (continual) {
            ContinualTasks.checkEnds(taskEnds, totalImages, cfg.continual());
        }
        int checkpoints = Math.max(1, cfg.train().checkpoints());
        int stepsPerImage = cfg.simulation().stepsPerImage();
        double dt = cfg.simulation().dtMs();
        int traceEveryImages = (int) Math.max(1, sc.wakeSteps() / stepsPerImage / 10);
        SpikeTrain spikes = new SpikeTrain();
        // 1: every image from rest (Presentation); otherwise one stream, reset every N images (0: never)
        int resetEvery = cfg.simulation().resetEveryImages();
        SpikeExchange.InputTrains given = exchange.inputSpikes() == null ? null : SpikeExchange.InputTrains.read(
                exchange.inputSpikes(), stepsPerImage, net.input().size(), totalImages);
        if ((given != null || exchange.exportDir() != null) && cfg.encoding().maxPresentations() > 1) {
            throw new ConfigException("--input-spikes and --export-spikes need encoding.max_presentations = 1, got "
                    + cfg.encoding().maxPresentations());
        }
        if (wakeNoiseMv > 0 && cfg.encoding().maxPresentations() > 1) {
            throw new ConfigException("simulation.wake_noise_std_mv (" + NumberText.of(wakeNoiseMv) + ") needs encoding.max_presentations"
                    + " = 1, got " + cfg.encoding().maxPresentations());
        }
        boolean carriedStart = cfg.simulation().streamStart() == StreamStart.CARRIED_V_ZERO;
        if (carriedStart) {
            StreamStarts.checkCarried(net);
        }
        StreamStarts.checkChoices(net, cfg.simulation(), cfg.sleep(), carriedStart);
        boolean dropStreamLastStep = cfg.simulation().streamStartLastStep() == LastStepSpikes.DROPPED;
        boolean baseThresholdAtStart = cfg.simulation().streamStartThreshold() == StreamStartThreshold.BASE;
        // the authors' first update of a batch integrates its first input row: a first step where only the input plays
        boolean inputOnlyFirstStep = cfg.simulation().streamFirstStep() == StreamFirstStep.INPUT_ONLY;
        // ... off the spike-time clock, its row untimed (their row 0 never enters spike_times)
        boolean firstRowUntimed = cfg.simulation().inputOnlyStep() == InputOnlyStep.UNTIMED;
        boolean clockPerStream = cfg.sleep().wakeClock() == WakeClock.PER_STREAM;
        StreamStarts.checkValidationStream(net, cfg);
        TrainingStreamReadout fromTraining = cfg.readout().fromTraining() ? new TrainingStreamReadout(cfg, counters) : null;
        boolean stoppedEarly = false;
        long imagesTrained = 0;
        long presentations = 0;
        List<Double> valCurve = new ArrayList<>();
        long nextCheckpoint = 1;
        long first = 0;
        // a snapshot holds everything the rest of the run reads; files, spikes and networks exchanged are not in it
        // a rule of one's own (rule: class) without writeState keeps none: the run goes on without snapshots
        // and so does a neuron of one's own (model: class) without writeState and readState
        String withoutSnapshot = ruleWithoutSnapshot(net);
        if (withoutSnapshot == null) {
            withoutSnapshot = ClassNeurons.populationWithoutSnapshot(cfg, net);
        }
        boolean snapshotting = snapshots != null && snapshots.keepsSnapshots() && StdpGenerators.recordable() && exchange.exportDir() == null
                && exchange.inputSpikes() == null && exchange.networkIn() == null && exchange.networkOut() == null
                && withoutSnapshot == null;
        Loop loop = new Loop(order, taskAccuracy, valCurve);
        Parts parts = new Parts(net, clock, sleep, wakeSpikes, measure, evaluator, fromTraining, times, rngs);
        if (snapshots != null && snapshots.resume()) {
            if (withoutSnapshot != null) {
                throw new ConfigException("this run cannot go on from a resume snapshot: " + withoutSnapshot
                        + "; run it again");
            }
            if (!snapshotting) {
                throw new ConfigException("this run cannot go on from a resume snapshot: it exchanges spikes or "
                        + "networks with files, or this JDK's generators' states cannot be recorded; run it again");
            }
            StdpResumeSnapshot.read(snapshots, in -> parts.read(in, loop));
            first = loop.seen;
            imagesTrained = loop.imagesTrained;
            presentations = loop.presentations;
            nextCheckpoint = loop.nextCheckpoint;
            task = loop.task;
            recorder.progress("train", first, totalImages);
        }
        SnapshotTrigger trigger = snapshotting ? snapshots.snapshotTrigger() : SnapshotTrigger.NEVER;
        if (first == 0) {
            // the initial weights: the trace every tenth of the wake period alone starts a tenth in (step 3 500 of a
            // 100-image paper run's 10 000)
            StdpSleepEpisodes.traceWeights(recorder, net, clock.steps(), "wake", clock.episodes());
        }
        times.charge(TrainingTimes.Phase.SETUP);
        for (long seen = first; seen < totalImages; seen++) {
            // wake: one image (plasticity as configured)
            clear(counters);
            if (fromTraining != null && seen % order.length == 0) {
                fromTraining.startEpoch();
            }
            times.charge(TrainingTimes.Phase.PER_IMAGE_CHECKS);
            float[] pixels = train.images()[order[(int) (seen % order.length)]];
            boolean streamStarts = resetEvery == 1 || (resetEvery > 0 && seen % resetEvery == 0);
            if (clockPerStream && streamStarts) {
                clock.schedule().restart();
            }
            int shown;
            if (resetEvery == 1 && given == null && export == null && wakeNoiseMv == 0 && !carriedStart
                    && !inputOnlyFirstStep) {
                shown = presentation.present(net, encoder, pixels, plastic, rngs.train(), spikes, readoutCounter);
            } else {
                if (given != null) {
                    given.fill((int) seen, spikes);
                } else {
                    encoder.encode(pixels, cfg.encoding().intensity(), stepsPerImage, dt, rngs.train(), spikes);
                }
                if (export != null) {
                    export.presented(spikes);
                }
                readoutCounter.clear();
                if (streamStarts && carriedStart && seen > 0) {
                    StreamStarts.carriedWithMembraneAtZero(net, dropStreamLastStep, baseThresholdAtStart);
                } else if (streamStarts) {
                    net.resetState();
                }
                // the first image starts a stream even where streams never restart (reset_every_images: 0)
                net.presentContinuing(spikes, plastic, wakeNoiseMv, export == null ? rngs.wakeNoise() : exportedWakeNoise,
                        (streamStarts || seen == 0) && inputOnlyFirstStep, firstRowUntimed);
                if (export != null) {
                    export.imageDone();
                }
                shown = 1;
            }
            times.charge(TrainingTimes.Phase.PRESENTATIONS);
            imagesTrained++;
            if (fromTraining != null) {
                fromTraining.learned(train.labels()[order[(int) (seen % order.length)]]);
            }
            long steps = (long) shown * stepsPerImage;
            long image = seen + 1;
            long step = clock.steps() + steps;
            net.checkFinite(() -> "after training image " + image + " (simulation step " + step + ")", false);
            wakeSpikes.add(counters, steps);
            presentations += shown;
            long due = clock.wake(SleepSchedule.WakeUnit.PRESENTATION, steps);
            if ((seen + 1) % traceEveryImages == 0) {
                StdpSleepEpisodes.traceWeights(recorder, net, clock.steps(), "wake", clock.episodes());
            }
            times.charge(TrainingTimes.Phase.PER_IMAGE_CHECKS);
            // sleep, when the schedule asks
            if (due > 0) {
                sleep.run(net, due, clock);
                if (export != null) {
                    export.slept();
                }
                if (fromTraining != null) {
                    fromTraining.slept();
                }
                times.charge(TrainingTimes.Phase.SLEEP);
            }
            // records
            recorder.progress("train", seen + 1, totalImages);
            times.charge(TrainingTimes.Phase.PER_IMAGE_CHECKS);
            boolean checkpointed = seen + 1 >= nextCheckpoint * totalImages / checkpoints;
            if (checkpointed) {
                recorder.note("train", measure.checkpointNote(train, validation, nextCheckpoint, checkpoints));
                Map<String, Double> row = measure.checkpoint(train, validation, seen + 1, presentations, clock.wakeSteps(),
                        clock.sleepSteps(), wakeSpikes.ratesHz(dt), sleep.spikes().ratesHz(dt));
                valCurve.add(row.getOrDefault(RunDirectory.Metrics.VAL_ACCURACY, Double.NaN));
                recorder.checkpoint(row);
                nextCheckpoint++;
            }
            if (continual && task < taskEnds.length && seen + 1 == taskEnds[task]) {
                taskAccuracy[task] = measure.taskAccuracies(train, test, cfg.continual(), task);
                task++;
            }
            boolean epochEnd = (seen + 1) % order.length == 0; // the last epoch too: its patience may run out there
            if (fromTraining != null && cfg.train().epochs() > 1 && epochEnd
                    && fromTraining.epochEnd(net, validation, encoder,
                    rngs.evalSeed ^ cfg.train().checkpointSalt(seen), rngs.readoutSeed)) {
                fromTraining.restoreBest();
                stoppedEarly = true;
                break;
            }
            times.charge(TrainingTimes.Phase.EVALUATION);
            // after each checkpoint, and between two checkpoints once the trigger's wall-clock interval has passed
            if (snapshotting && (checkpointed || (seen + 1 < totalImages && trigger.due(seen + 1)))) {
                // the state between two images, whole: what the next iteration reads
                loop.at(seen + 1, imagesTrained, presentations, nextCheckpoint, task);
                try {
                    StdpResumeSnapshot.write(snapshots, out -> parts.write(out, loop));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write the resume snapshot: " + e.getMessage(), e);
                }
                trigger.taken(seen + 1);
                times.charge(TrainingTimes.Phase.SNAPSHOT);
            }
        }
        if (stoppedEarly) {
            // the last checkpoint is at the end of training, which came early (restored weights)
            Map<String, Double> row = measure.checkpoint(train, validation, imagesTrained, presentations, clock.wakeSteps(),
                    clock.sleepSteps(), wakeSpikes.ratesHz(dt), sleep.spikes().ratesHz(dt));
            valCurve.add(row.getOrDefault(RunDirectory.Metrics.VAL_ACCURACY, Double.NaN));
            recorder.checkpoint(row);
        }
        if (stoppedEarly || totalImages % traceEveryImages != 0) {
            // the final weights (restored ones where training stopped early), unless the last image's trace has them;
            // decided by the counts alone, so that a run resumed at its end records what one never stopped does
            StdpSleepEpisodes.traceWeights(recorder, net, clock.steps(), "wake", clock.episodes());
        }
        times.charge(TrainingTimes.Phase.EVALUATION);
        if (export != null) {
            export.write();
        }
        if (exchange.networkOut() != null) {
            NetworkState.write(net, exchange.networkOut());
        }
        Map<String, Object> summary = measure.finalSummary(train, test, valCurve, stoppedEarly, recorder, readoutThreads);
        if (fromTraining != null) {
            TrainingStreamReadout.Segments fit = fromTraining.trainingSegments();
            TrainingStreamReadout.Segments scored = TrainingStreamReadout.streamSegments(net, test, encoder, cfg, ~rngs.evalSeed);
            Map<String, Double> acc = fromTraining.fitAndScore(fit, scored, test.numClasses(), rngs.readoutSeed);
            summary.put("readout_source", "training");
            summary.put("test_accuracy_frozen", summary.get("test_accuracy"));
            summary.put("test_accuracy_frozen_by_readout", summary.get("test_accuracy_by_readout"));
            summary.put("test_accuracy", acc.get(Choices.of(cfg.readout().main())));
            summary.put("test_accuracy_by_readout", acc);
            Map<String, Integer> segments = new LinkedHashMap<>(); // Map.of's order changes between JVMs
            segments.put("training", fit.size());
            segments.put("test", scored.size());
            summary.put("readout_segments", segments);
            summary.put(StoppedEarly.FIELD, stoppedEarly);
            summary.put("early_stopping_accuracies", fromTraining.epochAccuracies());
        }
        times.charge(TrainingTimes.Phase.EVALUATION);
        summary.put("train_images", (int) imagesTrained);
        summary.put("presentations", presentations);
        summary.put("wake_steps", clock.wakeSteps());
        summary.put("sleep_steps", clock.sleepSteps());
        summary.put(SummaryFields.SLEEP_EPISODES, clock.episodes());
        summary.put("sleep_fraction", sc.fraction());
        summary.put(SummaryFields.ACHIEVED_SLEEP_FRACTION, clock.achievedFraction());
        summary.put("rates_wake_hz", wakeSpikes.ratesHz(dt));
        summary.put("rates_sleep_hz", sleep.spikes().ratesHz(dt));
        summary.put("wake_spikes_per_image", wakeSpikes.perImage(imagesTrained));
        summary.put("synaptic_events", net.synapticEvents());
        if (continual) {
            summary.put("continual", ContinualTasks.summary(taskAccuracy, taskEnds, cfg.continual(), train.numClasses()));
        }
        Map<String, Object> timing = times.toMap(imagesTrained, presentations);
        timing.put("evaluation_images", evaluator.imagesPresented());
        timing.put("evaluation_presentations", evaluator.presentations());
        Map<String, float[]> weights = new LinkedHashMap<>();
        Map<String, int[]> shapes = new LinkedHashMap<>();
        for (Projection p : net.projections()) {
            weights.put(p.name(), p.toDense());
            shapes.put(p.name(), new int[] {p.pre().size(), p.post().size()});
        }
        handOver(net);
        return new Result(summary, timing, weights, shapes, net);
    }

    /**
     * The trained network as the result hands it on (RunResult.network), once everything the run reports has been read
     * from it: its weights and learned state (θ) as trained, at rest (the stream clock at step 0, no spikes in flight,
     * plasticity's traces forgotten, as a network loaded with NetworkState is), without the run's spike counters and
     * rasters (which would go on counting, unseen, every step its user runs) and with no synaptic events counted, so
     * that what its user presents to it counts from zero.
     */
    private static void handOver(Network net) {
        net.detachMonitors();
        net.clearSynapticEvents();
        net.resetState();
    }

    /**
     * Checks, before anything is loaded for the run, that {@code runDir} holds an STDP-SNN resume snapshot that is
     * whole, of this version and taken under its config.yaml (docs/run-directory.md, "Resume snapshot"); returns it,
     * read, for the resume to go on from ({@link io.somnus.experiment.model.RunFiles#verifiedSnapshot}) without reading
     * it again.
     *
     * @throws FileFormatException when there is none or it is damaged
     * @throws ConfigException     when config.yaml is not the one the run started with, or the snapshot was computed
     *                             with other arithmetic and not {@code allowOtherArithmetic} (ResumeArithmetic)
     */
    public static ResumeSnapshotFile.Verified checkSnapshot(Path runDir,
            boolean allowOtherArithmetic) throws IOException {
        return StdpResumeSnapshot.verified(runDir, allowOtherArithmetic);
    }

    /**
     * The images a run trains: {@code perPass} × its epochs (at least 1), less the sleep fraction's share where
     * {@code fixedTotal} ({@code sleep.budget: fixed_total} takes the sleep out of the images).
     */
    public static long imagesToTrain(long perPass, int epochs, boolean fixedTotal, double sleepFraction) {
        long total = perPass * Math.max(1, epochs);
        return fixedTotal ? Math.round(total * (1 - sleepFraction)) : total;
    }

    /** {@link #imagesToTrain(long, int, boolean, double)} for a configuration tree (a config.yaml's). */
    public static long imagesToTrain(long perPass, JsonNode config) {
        JsonNode sleep = config.path("sleep");
        return imagesToTrain(perPass, config.path("train").path("epochs").asInt(1),
                Choices.of(SleepBudget.FIXED_TOTAL).equals(sleep.path("budget").asText()),
                sleep.path("fraction").asDouble());
    }

    /**
     * Where a training stood when its resume snapshot was written: the images it had trained, the checkpoints it had
     * evaluated (a snapshot after a checkpoint is taken once it is done) and the length of one pass's order (the first
     * fields {@code Loop.write} writes), read without the rest (a sweep's time left).
     *
     * @param imagesSeen        training images trained so far, over all epochs
     * @param checkpointsPassed the checkpoints evaluated so far
     * @param orderLength       the length of one pass's order
     */
    public record Position(long imagesSeen, long checkpointsPassed, int orderLength) {
        /** The position at the start of a snapshot's training state. */
        public static Position read(DataInput in) throws IOException {
            long seen = in.readLong();
            in.readLong(); // images trained
            in.readLong(); // presentations
            long nextCheckpoint = in.readLong(); // from 1: the checkpoints before it are done
            in.readInt(); // the task
            // the order's length (StateStreams.writeInts writes it first)
            return new Position(seen, nextCheckpoint - 1, in.readInt());
        }
    }

    /** Where the training loop is, between two images: what it reads next besides the parts' state. */
    private static final class Loop {
        final int[] order;
        final double[][] taskAccuracy;
        final List<Double> valCurve;
        long seen;
        long imagesTrained;
        long presentations;
        long nextCheckpoint;
        int task;

        Loop(int[] order, double[][] taskAccuracy, List<Double> valCurve) {
            this.order = order;
            this.taskAccuracy = taskAccuracy;
            this.valCurve = valCurve;
        }

        void at(long seen, long imagesTrained, long presentations, long nextCheckpoint, int task) {
            this.seen = seen;
            this.imagesTrained = imagesTrained;
            this.presentations = presentations;
            this.nextCheckpoint = nextCheckpoint;
            this.task = task;
        }

        /** Writes the position first: {@link Position#read} reads it back from a snapshot without the rest. */
        void write(DataOutput out) throws IOException {
            out.writeLong(seen);
            out.writeLong(imagesTrained);
            out.writeLong(presentations);
            out.writeLong(nextCheckpoint);
            out.writeInt(task);
            StateStreams.writeInts(out, order);
            out.writeInt(taskAccuracy.length);
            for (double[] row : taskAccuracy) {
                out.writeBoolean(row != null);
                if (row != null) {
                    StateStreams.writeDoubles(out, row);
                }
            }
            out.writeInt(valCurve.size());
            for (double v : valCurve) {
                out.writeLong(Double.doubleToRawLongBits(v));
            }
        }

        void read(DataInput in) throws IOException {
            seen = in.readLong();
            imagesTrained = in.readLong();
            presentations = in.readLong();
            nextCheckpoint = in.readLong();
            task = in.readInt();
            int[] o = StateStreams.readInts(in);
            if (!Arrays.equals(o, order)) { // the order follows from the data and the configuration
                throw new IOException("the training images' order is not this run's (another dataset?)");
            }
            if (in.readInt() != taskAccuracy.length) {
                throw new IOException("the continual tasks are not this run's");
            }
            for (int t = 0; t < taskAccuracy.length; t++) {
                taskAccuracy[t] = in.readBoolean() ? StateStreams.readDoubles(in) : null;
            }
            valCurve.clear();
            for (int i = 0, n = StateStreams.count(in); i < n; i++) {
                valCurve.add(Double.longBitsToDouble(in.readLong()));
            }
            if (seen < 0 || imagesTrained != seen || nextCheckpoint < 1 || task < 0 || task > taskAccuracy.length) {
                throw new IOException("impossible position: image " + seen + ", " + imagesTrained + " trained");
            }
        }
    }

    /**
     * Why {@code net} keeps no resume snapshot: "the RULE rule (CLASS) of projection NAME keeps no resume snapshot
     * (...)" for the first projection whose rule does not write its state ({@link ClassRules#keepsResumeSnapshot});
     * null when every rule does. Only a rule of one's own can lack it.
     */
    static String ruleWithoutSnapshot(Network net) {
        for (Projection p : net.projections()) {
            Plasticity rule = p.plasticity();
            if (rule != null && !ClassRules.keepsResumeSnapshot(rule.getClass())) {
                return "the " + rule.name() + " rule (" + rule.getClass().getName() + ") of projection " + p.name()
                        + " " + ClassRules.WITHOUT_SNAPSHOT;
            }
        }
        return null;
    }

    /**
     * Everything with state that the rest of a run reads, in the order a snapshot holds it: the loop's position,
     * the generators (the connectivity's is used up, written all the same), the sleep schedule's count and the
     * clock, the network whole, the wake and sleep spike totals, the checkpoints' running maxima, the evaluator's
     * counts, the readout from training activity with early stopping, and the times so far. The sleep set points are
     * the initial weights' totals, which the network built again from the same seed has before its state is read.
     */
    private record Parts(Network net, SleepClock clock, StdpSleepEpisodes sleep, SpikeTotals wakeSpikes,
                         Measurements measure, FrozenEvaluator evaluator, TrainingStreamReadout fromTraining,
                         TrainingTimes times, StdpGenerators generators) {
        void write(DataOutput out, Loop loop) throws IOException {
            loop.write(out);
            generators.write(out); // each replaced by its twin
            out.writeLong(clock.schedule().counted());
            out.writeLong(clock.wakeSteps());
            out.writeLong(clock.sleepSteps());
            out.writeInt(clock.episodes());
            out.writeInt(clock.episodesEndedEarly());
            net.writeState(out);
            wakeSpikes.writeState(out);
            sleep.spikes().writeState(out);
            measure.writeState(out);
            evaluator.writeState(out);
            out.writeBoolean(fromTraining != null);
            if (fromTraining != null) {
                fromTraining.writeState(net, out);
            }
            times.writeState(out);
        }

        void read(DataInput in, Loop loop) throws IOException {
            loop.read(in);
            generators.read(in);
            long counted = in.readLong();
            long wake = in.readLong();
            long slept = in.readLong();
            int episodes = in.readInt();
            int early = in.readInt();
            try {
                clock.schedule().restoreCounted(counted);
                clock.restore(wake, slept, episodes, early);
            } catch (IllegalArgumentException e) {
                throw new IOException(e.getMessage(), e);
            }
            net.readState(in);
            wakeSpikes.readState(in);
            sleep.spikes().readState(in);
            measure.readState(in);
            evaluator.readState(in);
            if (in.readBoolean() != (fromTraining != null)) {
                throw new IOException("the readout from training activity is not this run's");
            }
            if (fromTraining != null) {
                fromTraining.readState(net, in);
            }
            times.readState(in);
        }
    }

    /** The saved network's weights and learned state in place of the configuration's (same synapses, else refused). */
    private void loadNetwork(Network net) throws IOException {
        if (cfg.train().initialWeights() != null && cfg.train().initialWeights() != InitialWeights.PRESET) {
            throw new ConfigException("--load-network replaces the initial weights, so train.initial_weights = "
                    + Choices.of(cfg.train().initialWeights()) + " would be overwritten and config.yaml would say what "
                    + "did not happen; leave it at " + Choices.of(InitialWeights.PRESET));
        }
        try {
            NetworkState.read(exchange.networkIn(), net);
            NetworkFactory.checkRestoredDelays(cfg, net, "--load-network " + exchange.networkIn());
        } catch (FileFormatException | NoSuchFileException e) {
            throw new ConfigException("--load-network " + (e instanceof NoSuchFileException
                    ? exchange.networkIn() + ": no such file" : e.getMessage()));
        }
    }

    private static void clear(List<SpikeCounter> counters) {
        for (SpikeCounter c : counters) {
            c.clear();
        }
    }

    /** Training order: the images as given, or grouped by task for the continual protocol. */
    private int[] trainingOrder(LabeledImages train) {
        if (cfg.protocol() == Protocol.CONTINUAL) {
            return ContinualTasks.order(train, cfg.continual());
        }
        int[] order = new int[train.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        return order;
    }
}
