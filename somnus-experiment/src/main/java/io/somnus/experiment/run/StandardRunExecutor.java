package io.somnus.experiment.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.core.ActiveRuns;
import io.somnus.core.CpuInfo;
import io.somnus.core.GaussianDraws;
import io.somnus.core.SomnusVersion;
import io.somnus.data.DatasetCatalog;
import io.somnus.data.DatasetLocations;
import io.somnus.data.DatasetRegistry;
import io.somnus.data.UrlDownloader;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.Configs;
import io.somnus.experiment.config.RunConfig;
import io.somnus.experiment.config.SgRunConfig;
import io.somnus.experiment.config.StdpRunConfig;
import io.somnus.experiment.io.AtomicFiles;
import io.somnus.experiment.io.FileFormatException;
import io.somnus.experiment.io.Mappers;
import io.somnus.experiment.io.NpyArray;
import io.somnus.experiment.io.Npz;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.io.SummaryJson;
import io.somnus.experiment.model.DataPreparation;
import io.somnus.experiment.model.ModelResult;
import io.somnus.experiment.model.OwnClocks;
import io.somnus.experiment.model.PreparedData;
import io.somnus.experiment.model.ResumeArithmetic;
import io.somnus.experiment.model.ResumeSnapshotFile;
import io.somnus.experiment.model.RunFiles;
import io.somnus.experiment.model.RunProgress;
import io.somnus.experiment.model.SnapshotTrigger;
import io.somnus.experiment.sg.SgRun;
import io.somnus.experiment.stdp.CheckedNetwork;
import io.somnus.experiment.stdp.ClassNeurons;
import io.somnus.experiment.stdp.ClassRules;
import io.somnus.experiment.stdp.SpikeExchange;
import io.somnus.experiment.stdp.StdpTraining;
import io.somnus.kernel.Kernels;
import io.somnus.sg.SgThreading;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The real {@link RunExecutor}: binds the configuration, prepares the data, trains the model it names
 * ({@code stdp} or {@code sg}) and writes the run directory (config.yaml, provenance.json, metrics.csv,
 * summary.json, timing.json, weights.npz, sleep_traces.csv, weight_histograms.csv). summary.json and
 * weights.npz are pure functions of seed, configuration and Java version; timings go to timing.json.
 */
public final class StandardRunExecutor implements RunExecutor {
    private final Kernels kernels;
    private final Path dataHome;
    private final Map<String, Object> site;
    private final SpikeExchange exchange;
    /** A fresh trigger per run for the STDP-SNN's snapshots between checkpoints (SnapshotTrigger). */
    private Supplier<SnapshotTrigger> snapshotTriggers =
            () -> SnapshotTrigger.every(SnapshotTrigger.minutesFromEnvironment(), System::nanoTime);

    /** Runs on {@link Kernels#preferred()}. */
    public StandardRunExecutor() {
        this(Kernels.preferred());
    }

    /** @param kernels the simulator loops the STDP-SNN runs on (recorded in provenance.json; same numbers on any) */
    public StandardRunExecutor(Kernels kernels) {
        this(kernels, (Path) null);
    }

    /**
     * @param kernels  as above
     * @param dataHome the dataset cache root ({@code DIR/<name>/...}) in place of {@code $SOMNUS_DATA_HOME}, e.g. a
     *                 copy shipped to a cluster's executor; null: this process's environment
     */
    public StandardRunExecutor(Kernels kernels, Path dataHome) {
        this(kernels, dataHome, Map.of());
    }

    /**
     * @param site where the run executes, added to provenance.json (a cluster engine's executor id, task attempt)
     * @see #StandardRunExecutor(Kernels, Path)
     */
    public StandardRunExecutor(Kernels kernels, Path dataHome, Map<String, Object> site) {
        this(kernels, dataHome, site, SpikeExchange.NONE);
    }

    /** @param exchange the STDP-SNN's spike export and import ({@code --export-spikes}, {@code --input-spikes}) */
    public StandardRunExecutor(Kernels kernels, SpikeExchange exchange) {
        this(kernels, null, Map.of(), exchange);
    }

    /** @see #StandardRunExecutor(Kernels, Path, Map) and {@link #StandardRunExecutor(Kernels, SpikeExchange)} */
    public StandardRunExecutor(Kernels kernels, Path dataHome, Map<String, Object> site, SpikeExchange exchange) {
        this.kernels = Objects.requireNonNull(kernels, "kernels");
        this.dataHome = dataHome;
        this.site = new TreeMap<>(site);
        this.exchange = Objects.requireNonNull(exchange, "exchange");
    }

    /**
     * Sets when STDP-SNN runs take a resume snapshot between their checkpoints: a fresh trigger from {@code triggers}
     * for each run (default: every {@link SnapshotTrigger#ENV} minutes, else {@value SnapshotTrigger#DEFAULT_MINUTES}).
     */
    @Override
    public StandardRunExecutor snapshotTriggers(Supplier<SnapshotTrigger> triggers) {
        this.snapshotTriggers = Objects.requireNonNull(triggers, "triggers");
        return this;
    }

    /** The clocks a run's CPU time is read on (timing.json's {@value RunCpuTime#TIMING_FIELD}); tests fake them. */
    private RunCpuTime.Clock cpuClock = RunCpuTime.JVM;

    /** Reads each run's CPU time on {@code clock} instead of the JVM's clocks (a test's fake clock). */
    StandardRunExecutor cpuClock(RunCpuTime.Clock clock) {
        this.cpuClock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** Reads the runs' dataset files on a daemon thread (DataPreparation#prefetch), once per JVM and files. */
    @Override
    public void prefetch(List<ObjectNode> configs) {
        DatasetRegistry registry = registry();
        Thread t = new Thread(() -> DataPreparation.prefetch(bindable(configs), registry), "somnus-prefetch");
        t.setDaemon(true);
        t.start();
    }

    /** Checks the datasets of the configurations it can bind (DataPreparation#checkFound). */
    @Override
    public void checkData(List<ObjectNode> configs) {
        DataPreparation.checkFound(bindable(configs), registry());
    }

    /** The configurations that bind; one that does not is left to its run, which reports it. */
    private static List<RunConfig> bindable(List<ObjectNode> configs) {
        List<RunConfig> bound = new ArrayList<>();
        for (ObjectNode c : configs) {
            try {
                bound.add(Configs.bind(c));
            } catch (RuntimeException e) {
                // the run itself reports a configuration it cannot bind
            }
        }
        return bound;
    }

    private DatasetRegistry registry() {
        return dataHome == null ? new DatasetRegistry() : new DatasetRegistry(DatasetCatalog.builtIn(),
                new DatasetLocations(dataHome, DatasetLocations.DEFAULT_SYSTEM_ROOTS), new UrlDownloader());
    }

    @Override
    public void execute(ObjectNode config, Path runDir, RunProgress progress) throws IOException {
        run(config, Objects.requireNonNull(runDir, "runDir"), progress);
    }

    /**
     * Runs {@code config} (a tree as {@link Configs#resolveTree} gives, or a config.yaml's) and returns its results in
     * memory, writing no file: the numbers {@link #execute} writes for it (and {@code somnus train} for the same
     * configuration and seed), through the same runner. The run keeps no resume snapshot; a
     * {@link SpikeExchange} given to this executor writes where it says.
     *
     * @throws ConfigException when the configuration is refused, naming the field, before anything runs
     * @throws IOException     when a file the run reads or writes cannot be (a network file of its
     *                         {@link SpikeExchange}, the run directory); a dataset that cannot be found or read is an
     *                         unchecked {@link io.somnus.data.DatasetException}
     */
    public RunResult run(ObjectNode config) throws IOException {
        return run(config, null, RunProgress.NONE);
    }

    /**
     * As {@link #run(ObjectNode)}, told of its progress, and writing the run directory as well when {@code runDir} is
     * not null, as {@link #execute} does (created if need be, its config.yaml first).
     */
    public RunResult run(ObjectNode config, Path runDir, RunProgress progress) throws IOException {
        return run(config, null, runDir, progress);
    }

    /**
     * As {@link #execute}, building the network with the populations of model class that {@link StandardResolver#check}
     * built for it, so that a neuron class of one's own is constructed once a run.
     */
    public void execute(CheckedConfig checked, Path runDir, RunProgress progress) throws IOException {
        run(checked.tree(), checked.network(), Objects.requireNonNull(runDir, "runDir"), progress);
    }

    /** {@link #run(ObjectNode, Path, RunProgress)}; {@code network}: what the check built for it, or null. */
    private RunResult run(ObjectNode config, CheckedNetwork network, Path runDir, RunProgress progress)
            throws IOException {
        RunConfig cfg = Configs.bind(config);
        // the runner first: a model that refuses this executor's options does so before anything is written or loaded
        ModelRunners.Bound<?> runner = ModelRunners.forConfig(cfg, kernels, exchange, network);
        if (runDir != null) {
            Files.createDirectories(runDir);
            AtomicFiles.write(runDir.resolve(RunDirectory.CONFIG), Configs.toYaml(config));
        }
        return run(config, cfg, runner, runDir, progress, null, false);
    }

    @Override
    public boolean resumes() {
        return true;
    }

    /**
     * Goes on with a run cut short (killed, Ctrl-C, the machine went down) in {@code runDir}, its temporary
     * directory, from the resume snapshot there (docs/run-directory.md, "Resume snapshot"), and writes its results
     * as {@link #execute} would have: the same bits but for the times in timing.json and provenance.json. SG-SNN
     * runs (model {@code sg}) keep snapshots after every epoch, STDP-SNN runs (model {@code stdp}) after every
     * checkpoint. {@code goingOn} is told where the run goes on once its snapshot has passed the checks, before
     * any data is loaded (the snapshot is read once, for both).
     *
     * @throws ConfigException     when config.yaml is missing or unreadable, names a model without resume, or is not
     *                             the one the snapshot was taken under
     * @throws io.somnus.experiment.io.FileFormatException when there is no snapshot or it is damaged
     */
    @Override
    public void resume(Path runDir, RunProgress progress, Consumer<ResumePoint> goingOn)
            throws IOException {
        Resumption r = resumption(runDir, false);
        goingOn.accept(r.point());
        resume(r, progress);
    }

    /**
     * Goes on with the run cut short in {@code runDir} from its resume snapshot, as
     * {@link #resume(Path, RunProgress, java.util.function.Consumer)} told nothing: this executor declares
     * {@link IOException} alone, as its other run calls do.
     *
     * @throws ConfigException     as {@link #resume(Path, RunProgress, java.util.function.Consumer)}
     * @throws io.somnus.experiment.io.FileFormatException when there is no snapshot or it is damaged
     */
    @Override
    public void resume(Path runDir, RunProgress progress) throws IOException {
        resume(runDir, progress, at -> { });
    }

    /**
     * As {@link #resume(Path, RunProgress)}; {@code allowOtherArithmetic}: go on even where this JVM computes
     * otherwise than the one that wrote the snapshot ({@link io.somnus.experiment.model.ResumeArithmetic}; the mix is
     * recorded in provenance.json), else that is refused (a ConfigException naming each difference).
     */
    public void resume(Path runDir, RunProgress progress, boolean allowOtherArithmetic) throws IOException {
        resume(resumption(runDir, allowOtherArithmetic), progress);
    }

    /**
     * Goes on with the run that {@code r} checked, from the snapshot it read (not read again), and writes its results
     * as {@link #execute} would have.
     *
     * @throws IllegalStateException when {@code r} was resumed already
     */
    public void resume(Resumption r, RunProgress progress) throws IOException {
        ResumeSnapshotFile.Verified snapshot = r.take();
        // a write the stop cut short (a table's or the snapshot's temporary file) must not end up in the run directory
        try (Stream<Path> files = Files.list(r.runDir)) {
            for (Path f : files.toList()) {
                if (AtomicFiles.targetOf(f.getFileName().toString()).isPresent()) {
                    Files.deleteIfExists(f);
                }
            }
        }
        run(r.config, r.cfg, r.runner, r.runDir, progress, snapshot, r.allowOtherArithmetic);
    }

    /**
     * A run cut short whose snapshot passed the checks a resume makes before it loads any data, read once: where it
     * goes on ({@link #point}), and what {@link #resume(Resumption, RunProgress)} goes on with.
     */
    public static final class Resumption {
        private final Path runDir;
        private final ObjectNode config;
        private final RunConfig cfg;
        private final ModelRunners.Bound<?> runner;
        private final boolean allowOtherArithmetic;
        private final ResumePoint point;
        private ResumeSnapshotFile.Verified snapshot;

        private Resumption(Path runDir, ObjectNode config, RunConfig cfg, ModelRunners.Bound<?> runner,
                           boolean allowOtherArithmetic, ResumeSnapshotFile.Verified snapshot) throws IOException {
            this.runDir = runDir;
            this.config = config;
            this.cfg = cfg;
            this.runner = runner;
            this.allowOtherArithmetic = allowOtherArithmetic;
            this.snapshot = snapshot;
            this.point = ResumePoint.of(snapshot, cfg instanceof SgRunConfig);
        }

        /** Where the run goes on. */
        public ResumePoint point() {
            return point;
        }

        /** The run's configuration, its config.yaml. */
        public ObjectNode config() {
            return config;
        }

        /** The snapshot, handed to the run once (its bytes then go with the state read from them). */
        private ResumeSnapshotFile.Verified take() {
            if (snapshot == null) {
                throw new IllegalStateException(runDir + " was resumed already");
            }
            ResumeSnapshotFile.Verified taken = snapshot;
            snapshot = null;
            return taken;
        }
    }

    /**
     * Checks the run cut short in {@code runDir} as a resume does before it loads any data, reading its snapshot once
     * (so that a caller can say where it goes on, or refuse, before it shows any progress).
     *
     * @throws ConfigException     when config.yaml is missing or unreadable, names a model that cannot resume, or is
     *                             not the one the snapshot was taken under; or another arithmetic than the snapshot's
     *                             and not {@code allowOtherArithmetic}
     * @throws io.somnus.experiment.io.FileFormatException when there is no snapshot, or a damaged one
     */
    public Resumption resumption(Path runDir, boolean allowOtherArithmetic) throws IOException {
        Path yaml = runDir.resolve(RunDirectory.CONFIG);
        ObjectNode config;
        try {
            JsonNode tree = Mappers.YAML.readTree(yaml.toFile());
            if (!(tree instanceof ObjectNode o)) {
                throw new ConfigException(yaml + " holds no configuration; the run cannot be resumed, run it again");
            }
            config = o;
        } catch (FileNotFoundException | NoSuchFileException e) {
            throw new ConfigException(runDir + " has no " + RunDirectory.CONFIG + "; the run cannot be resumed, run it "
                    + "again");
        } catch (JsonProcessingException e) {
            throw new ConfigException(yaml + " is not readable YAML (" + e.getOriginalMessage() + "); the run cannot "
                    + "be resumed, run it again");
        }
        RunConfig cfg = Configs.bind(config);
        boolean sg = cfg instanceof SgRunConfig;
        if (!sg && !(cfg instanceof StdpRunConfig)) {
            throw new ConfigException("resuming a run is not supported for model " + config.path("model").asText()
                    + " (only for the STDP-SNN and the SG-SNN, models stdp and sg): " + runDir + " cannot be resumed; "
                    + "run it again");
        }
        if (cfg instanceof StdpRunConfig stdp) { // a rule or neuron of one's own may keep none
            ClassRules.requireResumable(stdp);
            ClassNeurons.requireResumable(stdp);
        }
        ModelRunners.Bound<?> runner = ModelRunners.forConfig(cfg, kernels, exchange);
        ResumeSnapshotFile.Verified snapshot = sg // before the data is loaded
                ? SgRun.checkSnapshot(runDir, allowOtherArithmetic)
                : StdpTraining.checkSnapshot(runDir, allowOtherArithmetic);
        refuseChangedClasses(runDir, snapshot, cfg);
        try {
            return new Resumption(runDir, config, cfg, runner, allowOtherArithmetic, snapshot);
        } catch (IOException e) {
            throw new FileFormatException(runDir.resolve(RunDirectory.RESUME_SNAPSHOT)
                    + " cannot be read as a resume snapshot of this run (" + e.getMessage() + "); the run cannot be "
                    + "resumed from it, run it again", e);
        }
    }

    /**
     * Refuses a resume whose classes of one's own have other class files than when the run started (as its snapshot
     * records them): the configuration is the same, and the run would go on with another version of the class.
     *
     * @throws ChangedUserClassException naming each class, each changed class file and both digests
     */
    private static void refuseChangedClasses(Path runDir, ResumeSnapshotFile.Verified snapshot, RunConfig cfg)
            throws IOException {
        Optional<String> changed = UserClassProvenance.changed(snapshot.userClasses(),
                UserClassProvenance.classFiles(cfg));
        if (changed.isPresent()) {
            String ran = "the run in " + runDir;
            String same = "the configuration is the same";
            throw new ChangedUserClassException(UserClassProvenance.resumeRefusal(ran, changed.get(), same,
                    "its resume snapshot holds the digests the run started with",
                    "run the changed class afresh (train without --resume)"),
                    UserClassProvenance.resumeRefusalReason(ran, changed.get(), same));
        }
    }

    /** Runs it; writes the run directory unless {@code runDir} is null. */
    /** @param snapshot the resume snapshot the run goes on from, read and checked; null: the run starts */
    private RunResult run(ObjectNode config, RunConfig cfg, ModelRunners.Bound<?> runner, Path runDir,
                          RunProgress progress, ResumeSnapshotFile.Verified snapshot, boolean allowOtherArithmetic)
            throws IOException {
        String started = Instant.now().toString();
        // read as the run loads them: a class file changed while it runs is not the one that ran
        List<UserClassProvenance> own = UserClassProvenance.of(cfg);
        progress.update("data", 0, 1);
        PreparedData data = DataPreparation.prepare(cfg, registry());
        RunFiles files = new RunFiles(runDir, progress, snapshot != null, allowOtherArithmetic)
                .snapshotTrigger(snapshotTriggers.get()).verifiedSnapshot(snapshot)
                .userClasses(UserClassProvenance.classFiles(own));
        // the model's work, the span timing.json's phases cover: its CPU time prices them (--estimate)
        long enteredBefore = ActiveRuns.entered();
        boolean othersBefore = ActiveRuns.count() > 0;
        RunCpuTime.Reading cpuStart = RunCpuTime.Reading.of(cpuClock);
        long handedOverBefore = SgThreading.handedOverHere(); // SG work out of this thread's sight
        files.secondsHere(() -> cpuStart.until(RunCpuTime.Reading.of(cpuClock)).toArray());
        // read on the run's thread, at its snapshots and its end: no other run in progress when it entered, none since
        files.clocksHere(() -> new OwnClocks(RunCpuTime.otherThreads(cfg, SgThreading.handedOverHere() - handedOverBefore),
                othersBefore || ActiveRuns.entered() > enteredBefore + 1 ? OwnClocks.OTHER_RUNS : null));
        ModelResult result = runner.run(data, files);
        RunCpuTime.Seconds cpu = RunCpuTime.Seconds.of(files.secondsSoFar()); // a resumed run's: the whole run's
        Map<String, Object> summary = result.summary();
        Map<String, Object> timing = new LinkedHashMap<>(result.timing());
        timing.put(RunCpuTime.TIMING_FIELD, RunCpuTime.timingBlock(cpu, files.clocksSoFar())); // so are its clocks
        Map<String, Object> modelProvenance = result.provenance();
        Map<String, NpyArray> arrays = result.arrays();
        RunResult inMemory = new RunResult(summary, files.rows(), arrays, runDir,
                Optional.ofNullable(result.network()));
        if (runDir == null) {
            return inMemory;
        }
        files.flush();
        Npz.write(runDir.resolve(RunDirectory.WEIGHTS), arrays);
        AtomicFiles.write(runDir.resolve(RunDirectory.SUMMARY), SummaryJson.text(summary)); // undefined numbers null
        AtomicFiles.write(runDir.resolve(RunDirectory.TIMING),
                Mappers.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(timing));
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("somnus_version", SomnusVersion.VERSION);
        prov.put("java_version", System.getProperty("java.version"));
        prov.put("java_vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        prov.put("gaussian_draws", GaussianDraws.algorithm()); // the noise: the same on every JDK, or this JDK's own
        prov.putAll(modelProvenance);
        prov.put("cpu_model", CpuInfo.model());
        prov.put("cpu", CpuInfo.description()); // with family, model and SIMD: VMs name unlike CPUs alike
        prov.put("host", hostName());
        prov.putAll(site);
        prov.put("seed", cfg.seed());
        prov.put("dataset", cfg.dataset().name());
        Map<String, String> sha = new TreeMap<>(data.train().sha256());
        sha.putAll(data.test().sha256());
        prov.put("dataset_sha256", sha);
        prov.put("dataset_files", DataPreparation.sources(data));
        prov.put("started", started);
        prov.put("finished", Instant.now().toString());
        prov.put("available_processors", Runtime.getRuntime().availableProcessors());
        List<String> warnings = runner.warnings();
        if (!warnings.isEmpty()) { // absent when there are none, as for every preset
            prov.put("configuration_warnings", warnings);
        }
        if (!own.isEmpty()) { // absent where the run loaded no class of one's own, as for every preset
            prov.put(UserClassProvenance.PROVENANCE, own.stream().map(UserClassProvenance::toMap).toList());
        }
        if (!files.arithmeticMixes().isEmpty()) { // absent unless a resume went on under other arithmetic
            prov.put(ResumeArithmetic.PROVENANCE, files.arithmeticMixes());
        }
        AtomicFiles.write(runDir.resolve(RunDirectory.PROVENANCE),
                Mappers.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(prov));
        // last: until every result is written, a run stopped here can still go on from its last epoch
        Files.deleteIfExists(runDir.resolve(RunDirectory.RESUME_SNAPSHOT));
        return inMemory;
    }

    /** The machine that executed the run (an executor's, on a cluster); "unknown" when it has no resolvable name. */
    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
