package io.somnus.experiment.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import io.somnus.experiment.io.FileFormatException;
import io.somnus.experiment.io.JsonFiles;
import io.somnus.experiment.io.Mappers;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.io.RunFileCheck;
import io.somnus.experiment.stats.AggregateResult;
import io.somnus.experiment.stats.Aggregator;
import io.somnus.experiment.stats.CellKey;
import io.somnus.experiment.stats.GlmmRunner;
import io.somnus.experiment.stats.MetricCatalog;
import io.somnus.experiment.stats.NotAResultDirectoryException;
import io.somnus.experiment.stats.RunRecord;
import io.somnus.experiment.stats.VariantOrder;
import io.somnus.experiment.verdict.StudyVerdict;
import io.somnus.experiment.verdict.VerdictFiles;
import io.somnus.experiment.verdict.VerdictInputs;
import io.somnus.experiment.verdict.VerdictRule;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The finished runs of a sweep directory, or the one run of a run directory, read from disk.
 * With a ledger, only runs marked done count (done implies a complete directory), and an untrained control that stands
 * for other variants' controls ({@link LedgerEntry#sharedBy}) counts once under each of their variants too, as their
 * own controls would; without one, every subdirectory of {@code runs/} holding a summary.json. Every finished run's files are checked as they are loaded
 * ({@link RunFileCheck}): damaged ones are one error naming them all ({@link io.somnus.experiment.io.FileFormatException});
 * runs lacking a field are left out with a warning.
 *
 * @param dir       the directory given
 * @param singleRun true when {@code dir} is itself a run directory
 * @param name      sweep name (ledger), or the directory name
 * @param meta      ledger meta data (empty without ledger)
 * @param counts    planned, done, failed and unfinished runs as the ledger has them ({@link RunCounts#NONE}
 *                  without ledger)
 * @param runs      finished runs, ordered by cell then seed (a shared control once per variant it stands for)
 * @param warnings  runs or files that could not be read
 */
public record SweepResults(Path dir, boolean singleRun, String name, Map<String, String> meta, RunCounts counts,
                           List<RunRecord> runs, List<String> warnings) {

    /** Keeps unmodifiable copies of the lists and maps it is given. */
    public SweepResults {
        meta = Collections.unmodifiableMap(new LinkedHashMap<>(meta));
        runs = List.copyOf(runs);
        warnings = List.copyOf(warnings);
    }

    /**
     * Reads a sweep directory (or one run's directory) written before, without changing it: its finished runs and the
     * ledger's counts; {@link #aggregate(Path)} writes its aggregates.
     *
     * @throws NotAResultDirectoryException when {@code dir} is neither a run directory (summary.json) nor a
     *                                      sweep directory (runs/)
     * @throws io.somnus.experiment.io.FileFormatException naming every damaged file of the finished runs
     */
    public static SweepResults load(Path dir) throws IOException {
        Path d = dir.toAbsolutePath().normalize();
        List<String> warnings = new ArrayList<>();
        if (RunDirectory.isRun(d)) {
            DamagedRunFiles damaged = new DamagedRunFiles();
            RunRecord run = readRun(d, d.getFileName().toString(), null, warnings, damaged);
            damaged.throwIfAny(d, true, false);
            return new SweepResults(d, true, d.getFileName().toString(), Map.of(), RunCounts.NONE,
                    run == null ? List.of() : List.of(run), warnings);
        }
        Path runsDir = d.resolve(SweepRunner.RUNS_DIR);
        if (!Files.isDirectory(runsDir)) {
            throw new NotAResultDirectoryException(d + " is neither a run directory (no " + RunDirectory.SUMMARY
                    + ") nor a sweep directory (no runs/ folder)");
        }
        Path ledgerFile = d.resolve(SweepLedger.FILE_NAME);
        Map<String, String> meta = new LinkedHashMap<>();
        List<LedgerEntry> entries = new ArrayList<>();
        if (Files.isRegularFile(ledgerFile) && Files.size(ledgerFile) > 0) { // an empty file records nothing
            try (SweepLedger ledger = SweepLedger.openForReading(ledgerFile)) {
                meta.putAll(ledger.meta());
                entries.addAll(ledger.entries());
            }
        }
        List<RunRecord> runs = new ArrayList<>();
        DamagedRunFiles damaged = new DamagedRunFiles();
        if (!entries.isEmpty()) {
            for (LedgerEntry e : entries) {
                if (e.status() != RunStatus.DONE) {
                    continue;
                }
                Path runDir = runsDir.resolve(e.runId());
                if (!Files.isDirectory(runDir)) {
                    warnings.add("run " + e.runId() + " is marked done but " + runDir + " is missing");
                    continue;
                }
                RunRecord r = readRun(runDir, e.runId(), e, warnings, damaged);
                if (r != null) {
                    runs.add(r);
                    // a control that stands for other variants' controls is read as each of theirs too
                    for (String variant : e.sharedBy()) {
                        runs.add(new RunRecord(r.runId(), r.dir(), r.preset(), r.model(), r.dataset(), variant,
                                r.sleepFraction(), r.seed(), r.summary(), r.metrics()));
                    }
                }
            }
        } else {
            try (DirectoryStream<Path> list = Files.newDirectoryStream(runsDir)) {
                List<Path> dirs = new ArrayList<>();
                list.forEach(dirs::add);
                Collections.sort(dirs);
                for (Path runDir : dirs) {
                    String id = runDir.getFileName().toString();
                    if (id.startsWith(".") || !RunDirectory.isRun(runDir)) {
                        continue;
                    }
                    RunRecord r = readRun(runDir, id, null, warnings, damaged);
                    if (r != null) {
                        runs.add(r);
                    }
                }
            }
        }
        damaged.throwIfAny(d, false, !entries.isEmpty());
        runs.sort(Comparator.comparing(RunRecord::cell, cellOrder(d)).thenComparingLong(RunRecord::seed));
        String name = meta.getOrDefault("sweep_name", d.getFileName().toString());
        return new SweepResults(d, false, name, meta, RunCounts.of(entries), runs, warnings);
    }

    /** The copy of the sweep file the sweep was run from (it may be absent: a run directory, or an old sweep). */
    public Path sweepFile() {
        return dir.resolve(SweepRunner.SWEEP_COPY);
    }

    /**
     * The sweep's variants in the sweep file's order (its copy, {@link #sweepFile()}), as the sweep plans them; none
     * where it cannot be read (a run directory, a directory aggregated without its sweep file).
     */
    public List<String> variantOrder() {
        return variantOrder(dir);
    }

    /**
     * The order cells are shown in ({@link CellKey#order}): presets, datasets and variants in the sweep file's order
     * (its copy), then by name; by name alone where it cannot be read.
     */
    public Comparator<CellKey> cellOrder() {
        return cellOrder(dir);
    }

    private static List<String> variantOrder(Path dir) {
        return sweepCopy(dir).map(SweepPlanner::variantLabels).orElse(List.of());
    }

    /** The sweep file's copy in {@code dir}; empty where there is none or it cannot be read. */
    private static Optional<SweepSpec> sweepCopy(Path dir) {
        Path sweep = dir.resolve(SweepRunner.SWEEP_COPY);
        if (!Files.isRegularFile(sweep)) {
            return Optional.empty();
        }
        try {
            return Optional.of(SweepSpec.load(sweep));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // an unreadable copy: the names and grid values decide
        }
    }

    private static Comparator<CellKey> cellOrder(Path dir) {
        Optional<SweepSpec> spec = sweepCopy(dir);
        return CellKey.order(spec.map(SweepSpec::presets).orElse(List.of()),
                spec.map(SweepSpec::datasets).orElse(List.of()),
                VariantOrder.of(spec.map(SweepPlanner::variantLabels).orElse(List.of())));
    }

    /**
     * The ledger entries of the sweep in {@code dir}, finished or not, in the order {@link #load} gives its runs and
     * the report shows them ({@link #cellOrder()}, then seed), each placed by the configuration its entry records;
     * by run id among those alike, and last where that configuration cannot be read.
     */
    public static List<LedgerEntry> inCellOrder(Path dir, List<LedgerEntry> entries) {
        record Placed(LedgerEntry entry, CellKey cell, long seed) { }
        List<Placed> placed = new ArrayList<>();
        for (LedgerEntry e : entries) {
            JsonNode c;
            try {
                c = Mappers.JSON.readTree(e.configJson());
            } catch (IOException | RuntimeException unreadable) {
                c = null;
            }
            placed.add(c == null || !c.isObject() ? new Placed(e, null, 0)
                    : new Placed(e, new CellKey(c.path("preset").asText("unknown"), c.path("model").asText("unknown"),
                            c.path("dataset").path("name").asText("unknown"), e.variant(),
                            c.path("sleep").path("fraction").asDouble()), c.path("seed").asLong()));
        }
        placed.sort(Comparator.comparing(Placed::cell, Comparator.nullsLast(cellOrder(dir)))
                .thenComparingLong(Placed::seed).thenComparing(p -> p.entry().runId()));
        return placed.stream().map(Placed::entry).toList();
    }

    /** Runs grouped by cell, cells in {@link #cellOrder()}. */
    public Map<CellKey, List<RunRecord>> byCell() {
        Map<CellKey, List<RunRecord>> out = new TreeMap<>(cellOrder());
        for (RunRecord r : runs) {
            out.computeIfAbsent(r.cell(), k -> new ArrayList<>()).add(r);
        }
        return out;
    }

    /** The run in {@code runDir}; null when it is left out (with a warning) or its files are damaged (noted). */
    private static RunRecord readRun(Path runDir, String id, LedgerEntry entry, List<String> warnings,
                                     DamagedRunFiles damaged) {
        // the files that aggregation, the verdict and the report read later are checked now: a damaged one is an
        // error, not a run or figure quietly left out, and every run is checked before the error names them all
        List<String> problems = new ArrayList<>(RunFileCheck.damaged(runDir));
        Path file = runDir.resolve(RunDirectory.SUMMARY);
        JsonNode summary = null;
        if (Files.isRegularFile(file) || entry == null || !entry.files().containsKey(RunDirectory.SUMMARY)) {
            try {
                summary = JsonFiles.readObject(file);
            } catch (FileFormatException e) {
                problems.add(e.getMessage());
            } catch (IOException e) {
                problems.add(RunFileCheck.unreadable(file, e));
            }
        }
        if (entry != null) { // a file gone or changed since the run wrote it, where its readers found nothing wrong
            RunFileDigests.changed(runDir, entry.files()).forEach((f, problem) -> {
                if (problems.stream().noneMatch(p -> p.contains(f.toString()))) { // their lines name the file
                    problems.add(problem);
                }
            });
        }
        damaged.add(id, problems);
        if (summary == null) {
            return null;
        }
        JsonNode config = readConfig(runDir);
        Map<String, Object> settings = settings(entry);
        String preset = text(summary, "preset", config, "preset", settings.get("preset"));
        String model = text(summary, "model", config, "model", null);
        String dataset = text(summary, "dataset", config, "dataset.name", settings.get("dataset.name"));
        double fraction = number(summary, "sleep_fraction", config, "sleep.fraction", settings.get("sleep.fraction"));
        double seed = number(summary, "seed", config, "seed", settings.get("seed"));
        if (Double.isNaN(fraction)) {
            warnings.add("run " + id + ": no sleep fraction in summary.json, config.yaml or the ledger; left out");
            return null;
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        flatten("", summary, metrics);
        return new RunRecord(id, runDir, preset, model, dataset, entry == null ? "" : entry.variant(), fraction,
                Double.isNaN(seed) ? 0 : (long) seed, summary, metrics);
    }

    /** The run's configuration; null when absent or damaged (RunFileCheck has named it then). */
    private static JsonNode readConfig(Path runDir) {
        try {
            return RunDirectory.of(runDir).readConfig().orElse(null);
        } catch (IOException | FileFormatException e) {
            return null;
        }
    }

    private static Map<String, Object> settings(LedgerEntry entry) {
        if (entry == null) {
            return Map.of();
        }
        try {
            Map<String, Object> m = new HashMap<>();
            JsonNode node = Mappers.JSON.readTree(entry.settingsJson());
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                m.put(e.getKey(), e.getValue().isNumber() ? (Object) e.getValue().asDouble() : e.getValue().asText());
            }
            return m;
        } catch (IOException e) {
            return Map.of();
        }
    }

    private static JsonNode at(JsonNode node, String dotted) {
        if (node == null) {
            return null;
        }
        JsonNode cur = node;
        for (String part : dotted.split("\\.")) {
            cur = cur.get(part);
            if (cur == null) {
                return null;
            }
        }
        return cur.isNull() ? null : cur;
    }

    private static String text(JsonNode summary, String field, JsonNode config, String configKey, Object setting) {
        JsonNode v = summary.get(field);
        if (v != null && v.isValueNode() && !v.isNull()) {
            return v.asText();
        }
        v = at(config, configKey);
        if (v != null && v.isValueNode()) {
            return v.asText();
        }
        return setting == null ? "unknown" : setting.toString();
    }

    private static double number(JsonNode summary, String field, JsonNode config, String configKey, Object setting) {
        JsonNode v = summary.get(field);
        if (v != null && v.isNumber()) {
            return v.asDouble();
        }
        v = at(config, configKey);
        if (v != null && v.isNumber()) {
            return v.asDouble();
        }
        return setting instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, Double> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = prefix + e.getKey();
            if (prefix.isEmpty() && MetricCatalog.IDENTITY.contains(key)) {
                continue;
            }
            JsonNode v = e.getValue();
            if (v.isNumber()) {
                out.put(key, v.asDouble());
            } else if (v.isObject()) {
                flatten(key + ".", v, out);
            }
        }
    }

    /**
     * Loads the sweep (or run) directory and writes its aggregates ({@link Aggregator}), the GLMM when R allows, and
     * the verdict ({@code verdict.json}, {@code verdict.csv}: docs/verdict.md).
     *
     * @return the rows written to aggregate.csv and the files written, all in {@code dir}
     * @throws NotAResultDirectoryException as {@link #load}
     * @throws io.somnus.experiment.io.FileFormatException as {@link #load}
     * @throws IOException when a run's files cannot be read or an aggregate file cannot be written
     */
    public static AggregateResult aggregate(Path dir) throws IOException {
        return aggregate(dir, GlmmRunner.standard());
    }

    /** As {@link #aggregate(Path)} with the given GLMM runner. */
    public static AggregateResult aggregate(Path dir, GlmmRunner glmm) throws IOException {
        SweepResults r = load(dir);
        AggregateResult a = Aggregator.aggregate(r.dir(), r.name(), r.runs(), r.cellOrder(), r.warnings(), glmm);
        List<Path> files = new ArrayList<>(a.files());
        files.addAll(VerdictFiles.write(r.dir(), r.verdict()));
        return new AggregateResult(a.dir(), a.runs(), a.rows(), a.glmm(), files, a.warnings());
    }

    /** The verdict of these runs (docs/verdict.md), noting a planned f* none of whose runs is here. */
    public StudyVerdict verdict() {
        return VerdictRule.decide(VerdictInputs.of(runs), plannedFractions());
    }

    /** The sweep file's sleep fractions (its copy, sweep.yaml); none for a run directory or a copy that cannot be read. */
    private List<Double> plannedFractions() {
        if (singleRun || !Files.isRegularFile(sweepFile())) {
            return List.of();
        }
        try {
            return SweepSpec.load(sweepFile()).sleepFractions();
        } catch (IOException | RuntimeException e) { // an old or edited copy: the verdict stands without the note
            return List.of();
        }
    }
}
