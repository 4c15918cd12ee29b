package io.somnus.experiment.sg;

import io.somnus.core.NumberText;
import io.somnus.data.LabeledImages;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.Choices;
import io.somnus.experiment.config.ContinualConfig;
import io.somnus.experiment.config.SgRunConfig;
import io.somnus.experiment.io.FileFormatException;
import io.somnus.experiment.model.ContinualTasks;
import io.somnus.experiment.io.NpyArray;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.model.PreparedData;
import io.somnus.experiment.model.ResumeSnapshotFile;
import io.somnus.experiment.model.RunRecorder;
import io.somnus.experiment.model.SummaryFields;
import io.somnus.metrics.WeightStatistics;
import io.somnus.core.SplittableState;
import io.somnus.experiment.model.RunFiles;
import io.somnus.sg.SgCheckpoint;
import io.somnus.sg.SgConfig;
import io.somnus.sg.SgEpoch;
import io.somnus.sg.SgListener;
import io.somnus.sg.SgResult;
import io.somnus.sg.SgSleepEpisode;
import io.somnus.sg.SgSleepSchedule;
import io.somnus.sg.SgTasks;
import io.somnus.sg.SgTrainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains the surrogate-gradient SNN of a configuration (model {@code sg}). The {@code sg} section holds the
 * fields of {@link SgConfig} (snake_case, every one written in the preset); {@code train.epochs} is the
 * number of epochs (unless {@code sg.epochs} is given) and {@code sleep.fraction} the sleep ratio f: the per-epoch
 * sleep probability, or with {@code sg.sleep_schedule: every_minibatches} one episode every ⌊1/f⌋ minibatches
 * (docs/model-notes.md, docs/fidelity.md).
 */
public final class SgRun {
    /**
     * @param summary    what the run measured (CPU-dependent in the last digits through native BLAS)
     * @param timing     how long it took (timing.json)
     * @param provenance where the arithmetic ran: BLAS implementation, native library, OpenBLAS core type
     * @param arrays     weights.npz's arrays: the trained weights by projection name ({@code in_h}, {@code h_h},
     *                   {@code h_out}) and the biases ({@code b_*})
     */
    public record Result(Map<String, Object> summary, Map<String, Object> timing, Map<String, Object> provenance,
            Map<String, NpyArray> arrays) { }

    private SgRun() { }

    /** The SG configuration a run configuration asks for (validated). */
    public static SgConfig sgConfig(SgRunConfig cfg, int inputs, int classes) {
        SgConfig sg;
        try {
            sg = cfg.sg().toSgConfig(inputs, classes, cfg.train().epochs(), cfg.sleepFraction());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("invalid sg configuration: " + e.getMessage());
        }
        checkMemory(sg);
        return sg;
    }

    /**
     * Checks, before anything is loaded for the run, that {@code runDir} holds a resume snapshot that is whole, of
     * this version and taken under its config.yaml (docs/run-directory.md, "Resume snapshot"); returns it, read, for
     * the resume to go on from ({@link io.somnus.experiment.model.RunFiles#verifiedSnapshot}) without reading it again.
     *
     * @throws io.somnus.experiment.io.FileFormatException when there is none or it is damaged
     * @throws ConfigException when config.yaml is not the one the run started with, or the snapshot was computed
     *                         with other arithmetic and not {@code allowOtherArithmetic} (ResumeArithmetic)
     */
    public static ResumeSnapshotFile.Verified checkSnapshot(Path runDir,
            boolean allowOtherArithmetic) throws IOException {
        return SgResumeSnapshot.verified(runDir, allowOtherArithmetic);
    }


    /** Trains, from the start or from {@code resume}; a snapshot that does not fit this run is refused, named. */
    private static SgResult trainWith(SgTrainer trainer, PreparedData data, SgConfig sg, SplittableRandom rng,
                                      SgCheckpoint resume, SgListener listener, SgTasks tasks) {
        if (resume == null) {
            return trainer.train(data.train(), data.validation(), sg, rng, listener, null, tasks);
        }
        try {
            return trainer.train(data.train(), data.validation(), sg, rng, listener, resume, tasks);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("the checkpoint")) {
                throw new FileFormatException("the resume snapshot ("
                        + RunDirectory.RESUME_SNAPSHOT + ") does not fit this run: " + e.getMessage()
                        + "; run it again", e);
            }
            throw e;
        }
    }

    /**
     * Refuses an SG-SNN that cannot fit in the Java heap, before anything is allocated: every weight matrix four
     * times (weights, gradients, Adam's two moments) and, for BPTT, each layer's input, membrane, spikes and
     * surrogate derivative at every step of a minibatch.
     */
    static void checkMemory(SgConfig sg) {
        double h = sg.hidden();
        double weights = sg.inputs() * h + (sg.depth() - 1) * h * h + (sg.recurrent() ? sg.depth() * h * h : 0)
                + h * sg.outputs();
        double activations = (double) sg.steps() * sg.batchSize() * (sg.inputs() + 4 * sg.depth() * h + 4.0 * sg.outputs());
        double bytes = (4 * weights + activations) * Float.BYTES;
        long heap = Runtime.getRuntime().maxMemory();
        if (bytes > heap) {
            throw new ConfigException(String.format(Locale.ROOT, "the SG-SNN needs about %.1f GiB of memory "
                    + "(sg.hidden = %d, sg.depth = %d, sg.steps = %d, sg.batch_size = %d) but the Java heap is %.1f GiB; "
                    + "lower these or raise the heap (SOMNUS_JAVA_OPTS=-Xmx…)", bytes / (1L << 30), sg.hidden(), sg.depth(),
                    sg.steps(), sg.batchSize(), heap / (double) (1L << 30)));
        }
    }

    /**
     * The SG-SNN reads pixels as currents or spike probabilities in [0, 1]; raw intensities are, but images scaled to
     * sum to {@code dataset.normalise_sum} may have brighter pixels. Which do depends on the data, so it is checked here,
     * once the images are read, and refused naming that field (the trainer's own check names no field).
     */
    static void requirePixelsAtMostOne(SgRunConfig cfg, PreparedData data) {
        if (!(cfg.dataset().normaliseSum() > 0)) {
            return;
        }
        List<LabeledImages> sets = List.of(data.train(), data.validation(), data.test());
        List<String> roles = List.of("training", "validation", "test");
        for (int s = 0; s < sets.size(); s++) {
            float[][] images = sets.get(s).images();
            for (int i = 0; i < images.length; i++) {
                for (float p : images[i]) {
                    if (p > 1f) {
                        throw new ConfigException("dataset.normalise_sum = " + NumberText.of(cfg.dataset().normaliseSum()) + ": scales "
                                + "image " + i + " of the " + roles.get(s) + " set (" + sets.get(s).name() + ") to a pixel "
                                + "of " + p + ", but SG-SNN inputs must be in [0, 1]; allowed: 0 (raw intensities, as "
                                + "every SG-SNN preset) or a sum that leaves every pixel at most 1");
                    }
                }
            }
        }
    }

    /**
     * A training set smaller than one minibatch leaves sg.drop_last nothing to train on. How many images the set has
     * is known once it is read, so it is checked here, as bad input (exit status 2, nothing trained), where the
     * trainer's own check failed the run (exit status 1).
     */
    static void requireAMinibatch(SgConfig sg, PreparedData data) {
        if (sg.dropLast() && data.train().size() < sg.batchSize()) {
            throw new ConfigException("sg.drop_last = true leaves nothing to train on: the training set ("
                    + data.train().name() + ") has " + data.train().size() + " images, fewer than sg.batch_size = "
                    + sg.batchSize() + "; lower sg.batch_size or set sg.drop_last to false");
        }
    }

    /**
     * The continual protocol's tasks ({@link ContinualTasks}: the same classes, training images and test images per task
     * as the STDP-SNN's), each task's accuracy measured on its test images; refused, naming the field, where a task
     * has no training or test image, or fewer training images than sg.drop_last needs.
     */
    static SgTasks tasks(ContinualConfig c, SgConfig sg, PreparedData data) {
        List<int[]> train = ContinualTasks.trainingImagesByTask(data.train(), c);
        List<LabeledImages> test = ContinualTasks.imagesByTask(data.test(), c, "test", "train.test_images");
        for (int t = 0; t < train.size(); t++) {
            if (sg.dropLast() && train.get(t).length < sg.batchSize()) {
                throw new ConfigException("sg.drop_last = true leaves continual task " + (t + 1) + " nothing to train "
                        + "on: it has " + train.get(t).length + " training images, fewer than sg.batch_size = "
                        + sg.batchSize() + "; lower sg.batch_size, set sg.drop_last to false or give more training "
                        + "images (train.images)");
            }
        }
        return new SgTasks(train, test);
    }

    /**
     * Where each task ended: the training images seen by the end of its last epoch (metrics.csv's images_seen), for
     * summary.json's continual.task_ends.
     */
    static int[] taskEnds(SgTasks tasks, SgConfig sg) {
        int[] ends = new int[tasks.tasks()];
        long seen = 0;
        for (int t = 0; t < ends.length; t++) {
            int n = tasks.trainImages().get(t).length;
            seen += (long) sg.trainedPerEpoch(n) * sg.epochs();
            ends[t] = Math.toIntExact(seen);
        }
        return ends;
    }

    /**
     * Trains and tests the SG-SNN of {@code cfg} on {@code data}, recording checkpoints and files through
     * {@code recorder}, without a resume snapshot.
     */
    public static Result run(SgRunConfig cfg, PreparedData data, RunRecorder recorder) {
        return run(cfg, data, recorder, null);
    }

    /**
     * As {@link #run(SgRunConfig, PreparedData, RunRecorder)}, keeping a resume snapshot in {@code files}' directory
     * after every epoch ({@link SgResumeSnapshot}; the run executor removes it once the results are written), and,
     * when {@link RunFiles#resume()}, going on from the snapshot there instead of starting: the results are then the
     * bits of a run never stopped (timing.json and provenance.json's times apart).
     */
    public static Result runResumable(SgRunConfig cfg, PreparedData data, RunFiles files) {
        return run(cfg, data, files, files);
    }

    private static Result run(SgRunConfig cfg, PreparedData data, RunRecorder recorder, RunFiles snapshots) {
        SgConfig sg = sgConfig(cfg, data.train().pixels(), data.train().numClasses());
        requirePixelsAtMostOne(cfg, data);
        requireAMinibatch(sg, data);
        ContinualConfig continual = cfg.continualTasks();
        SgTasks tasks = continual == null ? null : tasks(continual, sg, data);
        int totalEpochs = sg.epochs() * (tasks == null ? 1 : tasks.tasks()); // numbered on across the tasks
        SplittableRandom root = new SplittableRandom(cfg.seed());
        SgTrainer trainer = new SgTrainer();
        List<Double> curve = new ArrayList<>();
        int n = data.train().size();
        // images trained per epoch; in the continual protocol, in one epoch of every task
        int perEpoch = tasks == null ? sg.trainedPerEpoch(n)
                : taskEnds(tasks, sg)[tasks.tasks() - 1] / sg.epochs();
        SgWeightRecords records = new SgWeightRecords(recorder);
        SgCheckpoint resume = null;
        if (snapshots != null && snapshots.resume()) {
            SgResumeSnapshot.Contents c = SgResumeSnapshot.read(snapshots);
            resume = c.checkpoint();
            records.resumeAfter(c.recordedEpisodes());
            c.checkpoint().epochs().forEach(e -> curve.add(e.validationAccuracy()));
            recorder.progress("train", resume.epoch(), totalEpochs);
        }
        SgCheckpoint from = resume;
        SgResult r = trainWith(trainer, data, sg, root.split(), from, new SgListener() {
            @Override
            public void onStart() {
                records.epochEnd(0, trainer.weights());
            }

            @Override
            public void onSleepEpisode(SgSleepEpisode episode) {
                records.sleepEpisode(episode);
            }

            @Override
            public boolean wantsWeightSnapshots() {
                return true;
            }

            @Override
            public void onEpoch(SgEpoch e) {
                records.epochEnd(e.wakeSteps() + e.sleepSteps(), trainer.weights());
                Map<String, Double> row = new LinkedHashMap<>();
                // the images trained so far (epoch × perEpoch without tasks)
                row.put(RunDirectory.Metrics.IMAGES_SEEN, (double) (e.wakeSteps() / sg.steps()));
                row.put(RunDirectory.Metrics.WAKE_STEPS, (double) e.wakeSteps());
                row.put(RunDirectory.Metrics.SLEEP_STEPS, (double) e.sleepSteps());
                row.put(RunDirectory.Metrics.ACHIEVED_SLEEP_FRACTION, e.achievedSleepFraction());
                row.put(RunDirectory.Metrics.VAL_ACCURACY, e.validationAccuracy());
                row.put("val_accuracy_before_sleep", e.validationAccuracyBeforeSleep());
                row.put("train_loss", e.trainLoss());
                curve.add(e.validationAccuracy());
                recorder.checkpoint(row);
                recorder.progress("train", e.epoch(), totalEpochs);
            }

            @Override
            public boolean wantsCheckpoints() {
                // else no snapshot: the run is not resumable (SgRunner's warning says so at its start)
                return snapshots != null && snapshots.keepsSnapshots() && SplittableState.rebuildable();
            }

            @Override
            public void onCheckpoint(SgCheckpoint checkpoint) {
                try {
                    SgResumeSnapshot.write(snapshots, checkpoint, records.episodes());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write the resume snapshot: " + e.getMessage(), e);
                }
            }
        }, tasks);
        long testStart = System.nanoTime();
        double test = trainer.accuracy(data.test());
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("model", Choices.of(cfg.model()));
        s.put("preset", cfg.preset());
        s.put("dataset", cfg.dataset().name());
        s.put("seed", cfg.seed());
        s.put("test_accuracy", test);
        // the readout is what predicts: the output spike counts, or sg.loss: membrane's mean output membrane
        s.put("test_accuracy_by_readout", Map.of(sg.loss().spikingOutput() ? "spike-count" : "membrane",
                test));
        // test_accuracy is the final model's. A best epoch, when reported, is chosen on validation data and named so
        // (issue 12: the authors' refactored SG script reports the best epoch on the test set, a biased number).
        if (r.bestValidationEpoch() > 0) {
            s.put("best_validation_epoch", r.bestValidationEpoch());
            s.put("best_validation_accuracy", r.bestValidationAccuracy());
            s.put("test_accuracy_at_best_validation_epoch", trainer.evaluateAtBestValidationEpoch(data.test()).accuracy());
        }
        // every epoch's row is one it trained through: the SG-SNN keeps its last epoch's parameters, restores none
        s.put("stability", SummaryFields.stability(curve.stream().mapToDouble(Double::doubleValue).toArray(), false));
        Map<String, Object> weights = new LinkedHashMap<>();
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        for (Map.Entry<String, float[]> e : r.weights().entrySet()) {
            // weights by projection name as in docs/run-directory.md (in_h, h_h, h_out); biases keep b_*
            String key = e.getKey().startsWith("w_") ? e.getKey().substring(2) : e.getKey();
            arrays.put(key, NpyArray.of(e.getValue(), r.shapes().get(e.getKey())));
            if (e.getKey().startsWith("w_")) {
                WeightStatistics w = WeightStatistics.of(e.getValue(), e.getValue().length, Double.NaN, 1e-3);
                weights.put(e.getKey().substring(2), SummaryFields.weights(w));
            }
        }
        s.put("weights", weights);
        s.put("train_images", perEpoch); // trained each epoch: with sg.drop_last, less the last partial minibatch
        s.put("epochs", totalEpochs);
        if (tasks != null) {
            s.put("epochs_per_task", sg.epochs());
        }
        s.put("wake_steps", r.wakeSteps());
        s.put("sleep_steps", r.sleepSteps());
        s.put(SummaryFields.SLEEP_EPISODES, r.sleepEpisodes().size());
        s.put("sleep_fraction", cfg.sleepFraction());
        s.put(SummaryFields.ACHIEVED_SLEEP_FRACTION, r.achievedSleepFraction());
        s.put("rates_sleep_hz", r.sleepFiringRatesHz());
        int side = (int) Math.round(Math.sqrt(sg.inputs()));
        s.put("input_shape", side * side == sg.inputs() ? List.of(side, side) : List.of(sg.inputs()));
        if (tasks != null) {
            s.put("continual", ContinualTasks.summary(r.taskAccuracy(), taskEnds(tasks, sg), continual,
                    data.train().numClasses()));
        }
        // absent where there are none, as for every healthy run; under the continual protocol each task's end is checked
        SgLossCheck.of(sg, r.epochs(), r.weights(), tasks != null ? sg.epochs() : r.epochs().size())
                .ifPresent(w -> s.put(SummaryFields.WARNINGS, List.of(w)));
        double testSeconds = (System.nanoTime() - testStart) / 1e9;
        // the phases: sleep inside the minibatch loop (every_minibatches) is counted as sleep, not training
        boolean sleepInsideTraining = sg.sleepSchedule() == SgSleepSchedule.EVERY_MINIBATCHES;
        double train = sleepInsideTraining ? r.trainSeconds() - r.sleepSeconds() : r.trainSeconds();
        long trainImages = (long) perEpoch * sg.epochs();  // with tasks: each task's images × its epochs
        Map<String, Object> timing = new LinkedHashMap<>();
        timing.put("train_images_per_second", train > 0 ? trainImages / train : 0.0);
        timing.put("train_images", trainImages);
        timing.put("train_seconds", train);
        timing.put("sleep_seconds", r.sleepSeconds());
        timing.put("sleep_steps", r.sleepSteps());
        timing.put("sleep_episodes_noise_drawn_ahead", r.sleepEpisodes().stream().filter(e -> e.noiseDrawnAhead()).count());
        timing.put("evaluation_seconds", r.wallSeconds() - train - r.sleepSeconds() + testSeconds);
        timing.put("wall_seconds", r.wallSeconds() + testSeconds);
        return new Result(s, timing, SgTrainer.blasProvenance(), arrays);
    }
}
