package io.somnus.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.experiment.config.Choices;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.Configs;
import io.somnus.experiment.config.ModelKind;
import io.somnus.experiment.io.DirectoryLock;
import io.somnus.experiment.io.Mappers;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.model.SnapshotTrigger;
import io.somnus.experiment.run.CheckedConfig;
import io.somnus.experiment.run.ConfigWarnings;
import io.somnus.experiment.run.ResumePoint;
import io.somnus.experiment.run.StandardResolver;
import io.somnus.experiment.run.StandardRunExecutor;
import io.somnus.experiment.stdp.SpikeExchange;
import io.somnus.kernel.Kernels;
import io.somnus.report.ReportBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code somnus train}: one run. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Trains one model on one dataset into a run directory.",
        description = {"The run directory (--out) gets the run's configuration, provenance, metrics, summary, timing, "
                + "weights, sleep traces (docs/run-directory.md) and report.html, its figures on one page.",
                "An option left out keeps the preset's value (dataset, seed, images, sleep fraction, ...): "
                        + "'somnus inspect PRESET' shows them, --print-config the resolved configuration."})
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--preset", paramLabel = "PRESET", defaultValue = "paper", completionCandidates = Candidates.Presets.class,
            description = "paper, paper-code, diehl-cook, diehl-cook-recurrent, paper-sg, paper-sg-code, sg-fc, or a YAML file (default: ${DEFAULT-VALUE})")
    String preset;
    @Option(names = "--model", paramLabel = "MODEL", description = "stdp or sg: implied by the preset, which holds that model's fields only")
    String model;
    @Option(names = "--dataset", paramLabel = "NAME", completionCandidates = Candidates.Datasets.class, description = "dataset name (see 'somnus datasets')")
    String dataset;
    @Option(names = "--data-dir", paramLabel = "DIR", description = "directory holding the dataset's IDX files (or a sub-folder named after "
            + "the dataset); the only place looked in")
    Path dataDir;
    @Option(names = "--allow-unverified-data", description = "accept dataset files whose SHA-256 matches no published "
            + "checksum (e.g. your own conversion); provenance.json records them as unverified")
    boolean allowUnverifiedData;
    @Option(names = "--train-images", paramLabel = "N", description = "training images")
    Integer trainImages;
    @Option(names = "--validation-images", paramLabel = "N", description = "validation images for checkpoints")
    Integer validationImages;
    @Option(names = "--test-images", paramLabel = "N", description = "test images")
    Integer testImages;
    @Option(names = "--excitatory", paramLabel = "N", description = "number of excitatory neurons (STDP-SNN)")
    Integer excitatory;
    @Option(names = "--seed", paramLabel = "SEED", description = "the run's seed")
    Long seed;
    @Option(names = "--plasticity", paramLabel = "on|off", description = "on, or off for the untrained control")
    String plasticity;
    @Option(names = "--initial-weights", paramLabel = "WEIGHTS", description = "preset, or sleep_target: every weight sleep decays starts at "
            + "±sleep.target_magnitude (with --plasticity off: the control with the weight scale sleep restores)")
    String initialWeights;
    @Option(names = "--sleep-fraction", paramLabel = "F", description = "sleep fraction f in [0, 1) (paper-code: its ratio of sleep to "
            + "wake, in [0, 1]; the SG-SNN presets: in [0, 1])")
    Double sleepFraction;
    @Option(names = "--protocol", paramLabel = "PROTOCOL", description = "standard or continual: the classes arrive as tasks, 5 of 2 classes unless "
            + "set otherwise (continual.tasks, continual.classes_per_task); an SG-SNN trains each task for its epochs")
    String protocol;
    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override any configuration field: --set key=value (repeatable)")
    List<String> sets = List.of();
    @Option(names = "--out", paramLabel = "DIR", description = "run directory to create (must not exist or be empty; default: "
            + "runs/PRESET-DATASET-fFRACTION-sSEED, e.g. runs/paper-fashion-mnist-f0.2-s1)")
    Path out;
    @Option(names = "--export-spikes", paramLabel = "DIR", description = "STDP-SNN: also write DIR/inputs.npz (every "
            + "training presentation's input spikes, the initial synapses), DIR/somnus_out.npz (spike counts per image, "
            + "per-step rasters, weights after each image) and DIR/params.json, for another implementation "
            + "(validation/paper_code/README.md)")
    Path exportSpikes;
    @Option(names = "--input-spikes", paramLabel = "FILE", description = "STDP-SNN: train on the input spike trains of "
            + "FILE (an inputs.npz as --export-spikes writes it) instead of encoding the images")
    Path inputSpikes;
    @Option(names = "--load-network", paramLabel = "FILE", description = "STDP-SNN: start from the weights and learned "
            + "thresholds of FILE (a network.npz of --save-network) instead of the configuration's initial weights; the "
            + "configuration and seed must build the same synapses (those it was trained with)")
    Path loadNetwork;
    @Option(names = "--save-network", description = "STDP-SNN: also write RUN/network.npz, the trained network's weights "
            + "by synapse and learned thresholds, which --load-network restores (numpy reads it too)")
    boolean saveNetwork;
    @Option(names = "--print-config", description = "print the resolved configuration and exit (with no option "
            + "that only a run uses: --out, --export-spikes, --input-spikes, --save-network, --[no-]report, "
            + "--snapshot-minutes)")
    boolean printConfig;
    @Option(names = "--resume", paramLabel = "RUN", description = "go on with a run that was cut short (killed, "
            + "Ctrl-C, the machine went down) from its last resume snapshot (an STDP-SNN run's after each checkpoint, "
            + "train.checkpoints; an SG-SNN run's after each epoch), into RUN, the run directory it "
            + "was training into (its --out); its own configuration is used, so no option that configures a run may "
            + "be given with it. The results are those of a run never stopped (docs/run-directory.md, \"Resume snapshot\")")
    Path resume;
    @Option(names = "--allow-other-arithmetic", description = "with --resume: go on even where this JVM computes "
            + "otherwise than the one that wrote the snapshot (Gaussian draws, BLAS library or OpenBLAS core type, CPU "
            + "architecture), which is refused without it; the results then mix both and provenance.json records it "
            + "(resumed_under_other_arithmetic)")
    boolean allowOtherArithmetic;
    @CommandLine.Mixin
    SnapshotMinutesMixin snapshotMinutes = new SnapshotMinutesMixin();
    /** Null where neither --report nor --no-report was given: a run writes its report, a resumed run as it was started. */
    @Option(names = "--report", negatable = true, description = "write RUN/report.html, the run's figures (accuracy "
            + "over training, weights across sleep, histograms, receptive fields) on one page (the default), or with "
            + "--no-report not (somnus report RUN writes it later). A --resume of the run keeps what the run was "
            + "started with unless given either")
    Boolean report;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Refuses a {@code file} given to {@code option} that is missing or a directory before the data are loaded, naming
     * the {@code name} that {@code writer} writes (the file's content is read, and checked, by the run).
     */
    private static void requireFileOf(String option, Path file, String name, String writer) {
        if (file != null && !Files.isRegularFile(file)) {
            throw new CliException(option + " " + file + (Files.isDirectory(file)
                    ? " is a directory; give the " + name + " in it that " + writer + " wrote"
                    : ": no such file; give the " + name + " that " + writer + " wrote"));
        }
    }

    @Override
    public Integer call() throws Exception {
        snapshotMinutes.check();
        if (resume != null) {
            return resume();
        }
        if (allowOtherArithmetic) {
            throw new CliException("--allow-other-arithmetic goes with --resume RUN only (a new run computes with one "
                    + "arithmetic throughout)");
        }
        refuseOptionsOfAnotherModel();
        if (printConfig) {
            refuseOptionsOfARun();
        }
        requireFileOf("--load-network", loadNetwork, "network.npz", "--save-network");
        requireFileOf("--input-spikes", inputSpikes, "inputs.npz", "--export-spikes");
        Map<String, Object> settings = settings();
        CheckedConfig checked; // its populations of model class go to the run's build: constructed once a run
        try {
            checked = new StandardResolver().check(settings);
        } catch (ConfigException e) {
            throw new ConfigException(withCulprit(e.getMessage(), given, preset), e);
        }
        ObjectNode config = checked.tree();
        for (String warning : ConfigWarnings.of(config)) { // recorded in provenance.json too
            StderrNote.say("somnus: warning: " + warning);
        }
        if (printConfig) {
            System.out.print(Configs.toYaml(config));
            if (loadNetwork != null) {
                System.out.println("# the weights and learned thresholds come from --load-network " + loadNetwork);
            }
            return 0;
        }
        EvaluationNote.of(config).ifPresent(note -> StderrNote.say("somnus: note: " + note));
        SleepNote.of(config).ifPresent(note -> StderrNote.say("somnus: note: " + note));
        Path dir = out != null ? out : Path.of("runs", config.get("preset").asText() + "-" + config.path("dataset").path("name").asText()
                + "-f" + config.path("sleep").path("fraction").asText() + "-s" + config.get("seed").asText());
        requireFreshOut(dir, out != null);
        RunDirectories.requireNoOtherWriter(dir);
        RunDirectories.requireNoResumable(dir);
        requireFreshExport();
        for (String line : RunDirectories.removeAbandoned(dir.toAbsolutePath().getParent(), dir.getFileName().toString())) {
            StderrNote.say("somnus: " + line);
        }
        boolean sg = Choices.of(ModelKind.SG).equals(config.path("model").asText());
        // an STDP-SNN run keeps snapshots unless it exchanges spikes or networks with files (StdpTraining)
        boolean stdpSnapshots = Choices.of(ModelKind.STDP).equals(config.path("model").asText()) && exportSpikes == null
                && inputSpikes == null && loadNetwork == null && !saveNetwork;
        try (RunDirectories.Temporary tmp = RunDirectories.temporarySibling(dir);
             InterruptNotice notice = new InterruptNotice(sg || stdpSnapshots
                     ? "somnus train --resume " + dir + " goes on from the end of the last " + (sg ? "epoch"
                             : "checkpoint or timed snapshot (--snapshot-minutes)") + " it finished (its temporary directory " + RunDirectories.prefix(dir) + "* beside it "
                             + "holds it; somnus clean removes it)"
                     : "a run of this model cannot resume midway, so nothing of it is kept; run it again (its "
                             + "temporary directory goes at the next train into " + dir + ", or with somnus clean)")) {
            if (Boolean.FALSE.equals(report)) { // kept by a --resume of this run
                RunDirectories.recordNoReport(tmp.dir());
            }
            try (Progress progress = new Progress("train", ResumePoint.trainingTotal(config))) {
                notice.sayThrough(progress::say); // above the bar while it is live
                new StandardRunExecutor(Kernels.preferred(), new SpikeExchange(exportSpikes, inputSpikes, loadNetwork,
                        saveNetwork ? tmp.dir().resolve(SpikeExchange.NETWORK) : null))
                        .snapshotTriggers(snapshotTriggers())
                        .execute(checked, tmp.dir(), progress);
                Path at = tmp.moveTo(dir);
                if (!at.equals(dir)) {
                    progress.say("somnus: " + dir + " was made by another process while this run trained; this "
                            + "run is in " + at);
                    dir = at;
                }
            } catch (Exception | Error e) {
                // kept where train --resume could go on from its snapshot, else removed
                Optional<RuntimeException> kept = RunDirectories.afterFailure(tmp.dir(), dir, e);
                if (kept.isPresent()) {
                    throw kept.get();
                }
                Optional<RuntimeException> outOfHeap = RunDirectories.outOfHeap(dir, e);
                if (outOfHeap.isPresent()) {
                    throw outOfHeap.get();
                }
                throw e;
            }
        }
        System.out.println(Summaries.describe(dir));
        System.out.println("run directory: " + dir.toAbsolutePath());
        if (!Boolean.FALSE.equals(report)) {
            writeReport(dir);
        }
        return 0;
    }

    /** Options that only a run uses, which --print-config (it runs nothing) would ignore unseen. */
    static final List<String> RUN_ONLY = List.of("--out", "--export-spikes", "--input-spikes", "--save-network",
            "--report", "--snapshot-minutes");

    /** The option's name as given: picocli names --report's negated form --report too. */
    private String asGiven(CommandLine.Model.OptionSpec o) {
        return o.longestName().equals("--report") && Boolean.FALSE.equals(report) ? "--no-report" : o.longestName();
    }

    /**
     * --print-config with an option that only matters for a run (--out: no run directory is made) is refused rather
     * than the option ignored unseen.
     */
    private void refuseOptionsOfARun() {
        List<String> given = new ArrayList<>();
        for (CommandLine.Model.OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
            if (RUN_ONLY.contains(o.longestName()) && !given.contains(asGiven(o))) {
                given.add(asGiven(o));
            }
        }
        if (!given.isEmpty()) {
            throw new CliException("--print-config prints the resolved configuration and runs nothing, so "
                    + String.join(", ", given) + (given.size() == 1 ? " does" : " do") + " nothing with it; leave "
                    + (given.size() == 1 ? "it" : "them") + " out, or leave out --print-config to run");
        }
    }

    /** The STDP-SNN's snapshots between checkpoints: every --snapshot-minutes, else as the environment says. */
    private Supplier<SnapshotTrigger> snapshotTriggers() {
        return snapshotMinutes.triggers();
    }

    /**
     * {@code --resume RUN}: the interrupted run's temporary directory beside RUN (or RUN itself when it names one)
     * goes on from its snapshot and is moved into place as a finished run would have been. Whatever fails, the
     * temporary directory and its snapshot are kept, for another try.
     */
    private Integer resume() throws IOException {
        List<String> given = new ArrayList<>();
        for (CommandLine.Model.OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
            if (!o.longestName().equals("--resume") && !o.longestName().equals("--report")
                    && !o.longestName().equals("--allow-other-arithmetic")
                    && !o.longestName().equals("--snapshot-minutes")) {
                given.add(o.longestName());
            }
        }
        if (!given.isEmpty()) {
            throw new CliException("--resume goes on with the run's own configuration (its config.yaml); leave out "
                    + String.join(", ", given));
        }
        String name = resume.getFileName() == null ? "" : resume.getFileName().toString();
        Path dir = resume;
        Path tmpDir;
        int cut = name.indexOf(".tmp-");
        if (name.startsWith(".") && cut > 1 && Files.isDirectory(resume)) {
            tmpDir = resume; // the temporary directory itself
            dir = resume.toAbsolutePath().resolveSibling(name.substring(1, cut));
        } else {
            if (Files.isRegularFile(dir.resolve(RunDirectory.SUMMARY))) {
                throw new CliException("--resume " + dir + ": the run is finished (it has summary.json); there is "
                        + "nothing to resume");
            }
            tmpDir = RunDirectories.resumable(dir);
        }
        Optional<DirectoryLock> held = DirectoryLock.tryAcquire(
                tmpDir.resolve(RunDirectories.LOCK_FILE), "train --resume " + dir);
        if (held.isEmpty()) {
            throw new CliException("--resume " + dir + ": a run is writing " + tmpDir + " ("
                    + DirectoryLock.holder(tmpDir.resolve(RunDirectories.LOCK_FILE))
                    + "); wait for it to finish");
        }
        boolean startedWithoutReport = Files.exists(tmpDir.resolve(RunDirectories.NO_REPORT));
        try (RunDirectories.Temporary tmp = new RunDirectories.Temporary(tmpDir, held.get());
             InterruptNotice notice = new InterruptNotice("somnus train --resume " + dir + " goes on again from its "
                     + "last resume snapshot (the end of the last epoch or checkpoint it finished)")) {
            if (report != null) { // a later --resume, after this one is cut short, keeps it too
                RunDirectories.recordReport(tmpDir, report);
            }
            StandardRunExecutor executor = new StandardRunExecutor(Kernels.preferred())
                    .snapshotTriggers(snapshotTriggers());
            // refused (a damaged snapshot, another configuration or arithmetic) before any bar is drawn; the snapshot
            // read once, for the checks, the line below and the resume
            StandardRunExecutor.Resumption resumption = executor.resumption(tmpDir, allowOtherArithmetic);
            long total = ResumePoint.trainingTotal(resumption.config());
            StderrNote.say("somnus: resuming " + tmpDir + " from " + resumption.point().inWords(resumption.config()));
            if (startedWithoutReport && report == null) {
                StderrNote.say("somnus: the run was started with --no-report, so no report.html is written; "
                        + "--report writes it, or somnus report " + dir + " later");
            }
            try (Progress progress = new Progress("train", total).goesOnFrom("train", resumption.point().done())) {
                notice.sayThrough(progress::say); // above the bar while it is live
                executor.resume(resumption, progress);
                Path at = tmp.moveTo(dir);
                if (!at.equals(dir)) {
                    progress.say("somnus: " + dir + " was made by another process while this run trained; this "
                            + "run is in " + at);
                    dir = at;
                }
            }
        }
        System.out.println(Summaries.describe(dir));
        System.out.println("run directory: " + dir.toAbsolutePath());
        if (report != null ? report : !startedWithoutReport) {
            writeReport(dir);
        }
        return 0;
    }

    /**
     * The run's page of figures, beside its files (as {@code somnus report RUN} writes it). The run is whole whatever
     * happens here, so a report that cannot be written is a warning, not a failed run.
     */
    private static void writeReport(Path dir) {
        Path html = dir.resolve(ReportCommand.FILE);
        try {
            ReportBuilder.build(dir, html);
            System.out.println("report: " + html.toAbsolutePath());
        } catch (Exception e) {
            StderrNote.say("somnus: the run is whole, but its report could not be written (" + e.getMessage()
                    + "); somnus report " + dir + " writes it");
        }
    }

    /** --export-spikes names a directory that holds no export yet: checked before training, not after it. */
    /** {@link RunDirectories#requireFresh}, whose refusal of the default run directory says it is the default. */
    static void requireFreshOut(Path dir, boolean given) throws IOException {
        try {
            RunDirectories.requireFresh(dir);
        } catch (CliException e) {
            // without --out, "choose another --out" named an option the user never gave: say where the name came from
            throw given ? e : new CliException(e.getMessage() + " (" + dir + " is the default --out, "
                    + "runs/PRESET-DATASET-fFRACTION-sSEED: give --out, or another --seed)");
        }
    }

    private void requireFreshExport() throws IOException {
        if (exportSpikes == null) {
            return;
        }
        RunDirectories.requireNoFileAbove("--export-spikes", exportSpikes);
        if (Files.exists(exportSpikes) && !Files.isDirectory(exportSpikes)) {
            throw new CliException("--export-spikes " + exportSpikes + " is a file; give a directory to write inputs.npz, "
                    + "somnus_out.npz and params.json into");
        }
        for (String file : List.of(SpikeExchange.INPUTS, SpikeExchange.SOMNUS_OUT, SpikeExchange.PARAMS)) {
            if (Files.exists(exportSpikes.resolve(file))) {
                throw new CliException("--export-spikes " + exportSpikes + " already holds an export (" + file
                        + "); nothing was overwritten: choose another directory, or remove that one");
            }
        }
    }

    /**
     * The STDP-SNN's options given with an SG-SNN preset, or a --model that is not the preset's, are refused by the
     * option's name before anything runs: resolving them would name a configuration field the user never wrote.
     */
    void refuseOptionsOfAnotherModel() {
        String presetModel = Configs.loadPreset(preset).path("model").asText(null); // a YAML file may leave it to --model
        if (model != null && presetModel != null && !model.equals(presetModel) && !presetsOf(model).isEmpty()) {
            throw new CliException("--model " + model + ": preset " + preset + " is model " + presetModel
                    + " and holds that model's fields only; the presets of model " + model + ": "
                    + String.join(", ", presetsOf(model)));
        } // an unknown --model is left to the resolver, which names the models there are
        if (!Choices.of(ModelKind.SG).equals(model != null ? model : presetModel)) {
            return;
        }
        List<String> given = new ArrayList<>();
        if (excitatory != null) given.add("--excitatory");
        if (plasticity != null) given.add("--plasticity");
        if (initialWeights != null) given.add("--initial-weights");
        if (exportSpikes != null) given.add("--export-spikes");
        if (inputSpikes != null) given.add("--input-spikes");
        if (loadNetwork != null) given.add("--load-network");
        if (saveNetwork) given.add("--save-network");
        if (snapshotMinutes.given()) given.add("--snapshot-minutes"); // an SG-SNN run snapshots after every epoch only
        if (!given.isEmpty()) {
            throw new CliException(String.join(", ", given) + (given.size() == 1 ? " is" : " are")
                    + " for the STDP-SNN (model " + Choices.of(ModelKind.STDP) + "); preset " + preset + " is model "
                    + Choices.of(ModelKind.SG));
        }
    }

    private static List<String> presetsOf(String model) {
        return Configs.PRESETS.stream().filter(p -> model.equals(Configs.loadPreset(p).path("model").asText())).toList();
    }

    /** Each field an option set, with the option as given ({@link #settings}). */
    private final Map<String, String> given = new LinkedHashMap<>();

    /**
     * The field a configuration error begins with: {@code train.images = -5: …}, {@code unknown … field 'x.y'},
     * {@code configuration field 'train' is a section …}.
     */
    private static final Pattern FIELD = Pattern.compile(
            "^(?:(?:unknown )?configuration field '([^']+)'|([a-z_][\\w.]*)(?: = |: ))");

    /**
     * A configuration error with where its field was set: by an option other than --set, which the field's name
     * alone did not say (--train-images -5 read "train.images = -5: out of range"), or by the YAML file given as
     * --preset, which it did not name at all ("unknown configuration field 'train.imges'").
     */
    static String withCulprit(String message, Map<String, String> given, String preset) {
        Matcher m = FIELD.matcher(message);
        if (!m.find()) {
            return message;
        }
        String field = m.group(1) != null ? m.group(1) : m.group(2);
        String option = given.get(field);
        if (option == null) { // a message on a whole item (projections.in_e1: unknown population) an option changed within
            option = given.entrySet().stream().filter(e -> e.getKey().startsWith(field + ".")).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
        }
        if (option != null) {
            return option.startsWith("--set ") ? message : message + " (given as " + option + ")";
        }
        Path file = Path.of(preset);
        if (!Configs.PRESETS.contains(preset) && Files.isRegularFile(file)) {
            try {
                if (Configs.valueAt(Mappers.YAML.readTree(file.toFile()), field) != null) {
                    return "configuration file " + file + ": " + message;
                }
            } catch (IOException | RuntimeException unreadable) {
                return message;   // read before, to resolve; its own errors name it
            }
        }
        return message;
    }

    Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("preset", preset); // always has a value; --set preset=… is the resolver's to judge
        // each field an option sets, with the option as given: --set may not give it again (the later would win unseen)
        given.clear();
        option(s, given, "--model", "model", model, model);
        option(s, given, "--dataset", "dataset.name", dataset, dataset);
        option(s, given, "--data-dir", "dataset.dir", dataDir == null ? null : dataDir.toString(), dataDir);
        option(s, given, "--allow-unverified-data", "dataset.allow_unverified", allowUnverifiedData ? true : null, "");
        option(s, given, "--train-images", "train.images", trainImages, trainImages);
        option(s, given, "--validation-images", "train.validation_images", validationImages, validationImages);
        option(s, given, "--test-images", "train.test_images", testImages, testImages);
        option(s, given, "--excitatory", "populations.e.size", excitatory, excitatory);
        option(s, given, "--seed", "seed", seed, seed);
        if (plasticity != null && !plasticity.equals("on") && !plasticity.equals("off")) {
            throw new CliException("--plasticity: '" + plasticity + "' is not allowed; use on or off");
        }
        option(s, given, "--plasticity", "train.plasticity", plasticity == null ? null : plasticity.equals("on"),
                plasticity);
        if (initialWeights != null && !initialWeights.equals("preset") && !initialWeights.equals("sleep_target")) {
            throw new CliException("--initial-weights: '" + initialWeights + "' is not allowed; use preset or sleep_target");
        }
        option(s, given, "--initial-weights", "train.initial_weights", initialWeights, initialWeights);
        option(s, given, "--sleep-fraction", "sleep.fraction", sleepFraction, sleepFraction);
        option(s, given, "--protocol", "protocol", protocol, protocol);
        for (String kv : sets) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new CliException("--set '" + kv + "': expected key=value, e.g. --set sleep.lambda=0.9999");
            }
            String key = kv.substring(0, eq).trim();
            String other = Configs.overlappingKey(key, given.keySet());
            if (other != null) { // the same field, or a section and a field in it
                throw new CliException("--set " + kv + " and " + given.get(other) + " both set "
                        + (other.length() > key.length() ? other : key) + "; give it once");
            }
            given.put(key, "--set " + kv);
            s.put(key, kv.substring(eq + 1).trim());
        }
        return s;
    }

    /** Sets {@code key} to {@code value} where the option was given (value not null), recording it as given. */
    private static void option(Map<String, Object> s, Map<String, String> given, String option, String key,
                               Object value, Object shown) {
        if (value != null) {
            s.put(key, value);
            given.put(key, (option + " " + shown).strip());
        }
    }
}
