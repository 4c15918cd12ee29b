package io.somnus.report;

import io.somnus.core.SomnusVersion;
import io.somnus.data.DatasetCatalog;
import io.somnus.data.DatasetDescriptor;
import io.somnus.experiment.config.ConfigDifferences;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.stats.CellKey;
import io.somnus.experiment.stats.RunRecord;
import io.somnus.experiment.sweep.RunCounts;
import io.somnus.experiment.sweep.RunErrors;
import io.somnus.experiment.sweep.SweepResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** What was run: the sweep or run, its runs and their settings, versions, dataset checksums, failed runs. */
final class HeaderSection implements Section {
    @Override
    public String id() {
        return "header";
    }

    @Override
    public String title() {
        return "What was run";
    }

    @Override
    public String navLabel() {
        return "What was run";   // its heading: "Runs" on a run's page named runs it has not
    }

    @Override
    public boolean needsRuns() {
        return false;
    }

    /** The fields the run changed from its bundled preset, as --set names them (nothing for a YAML-file preset). */
    private static void changedFromPreset(Html html, Path config) throws IOException {
        ConfigDifferences.ofRun(config).ifPresent(d -> html.raw("<details open><summary>Changed from preset "
                + Html.escape(d.preset()) + " (" + d.changes().size() + (d.changes().size() == 1 ? " field" : " fields")
                + ")</summary><pre>").text(String.join("\n", d.changes())).raw("</pre></details>\n"));
    }

    @Override
    public void write(ReportContext ctx) throws IOException {
        SweepResults results = ctx.results();
        Html html = ctx.html();
        List<RunRecord> runs = results.runs();
        RunCounts counts = results.counts();
        boolean one = results.singleRun() && runs.size() == 1;
        if (one) {
            // a run's own numbers first: what its user trained it to see
            html.tag("h3", "Key numbers");
            List<List<String>> k = new ArrayList<>();
            k.add(List.of("", ""));
            k.addAll(RunKeyNumbers.rows(runs.get(0)));
            html.table(k, "kv");
            List<List<String>> tasks = RunKeyNumbers.taskAccuracy(runs.get(0));
            if (!tasks.isEmpty()) {
                html.p("Test accuracy on each task's classes after each task (main readout; – : not yet seen):");
                html.table(tasks, "data");
            }
            html.tag("h3", "Settings and provenance");
        }
        List<List<String>> t = new ArrayList<>();
        t.add(List.of("", ""));
        t.add(List.of(results.singleRun() ? "run" : "sweep", results.name()));
        t.add(List.of("directory", results.dir().toString()));
        if (counts.recorded()) {
            // the ledger's done runs whose directories are gone are not in the figures: say so where the count is
            // a shared control is one run read under each variant it stands for (SweepResults): runs count by id
            long read = runs.stream().map(RunRecord::runId).distinct().count();
            long gone = counts.done() - read;
            long standIns = runs.size() - read;
            t.add(List.of("runs", counts.planned() + " planned: " + counts.done() + " done" + (gone > 0 ? " (" + gone
                    + " of them missing from runs/ and left out: see Notes)" : "") + ", " + counts.failed() + " failed, "
                    + counts.notFinished() + " not finished" + (standIns > 0 ? "; untrained controls shared between "
                    + "variants whose controls are alike stand for " + standIns + " more" : "")));
        } else if (!one) {
            t.add(List.of("runs", runs.size() + " finished"));
        }
        // one run: one of each, named in the singular; presets, datasets and variants in the order of the sweep's cells
        Comparator<CellKey> cells = results.cellOrder();
        t.add(List.of(one ? "preset (model)" : "presets (model)", Formats.distinct(runs, r -> r.preset() + " ("
                + r.model() + ")", RunRecord::preset, CellKey.presets(cells))));
        String datasets = Formats.distinct(runs, RunRecord::dataset, RunRecord::dataset, CellKey.datasets(cells));
        t.add(List.of(one ? "dataset" : "datasets", datasets));
        t.add(List.of(one ? "sleep fraction asked for" : "sleep fractions", Formats.distinct(runs, r -> Formats.fraction(r.sleepFraction()))));
        t.add(List.of(one ? "seed" : "seeds", Formats.distinct(runs, r -> Long.toString(r.seed()))));
        String variants = Formats.distinct(runs, r -> r.variant().isEmpty() ? "(none)" : r.variant(), RunRecord::variant,
                CellKey.variants(cells));
        if (!variants.equals("(none)")) {
            t.add(List.of("grid variants", variants));
        }
        ProvenanceSummary prov = ProvenanceSummary.of(runs);
        t.add(List.of("started", prov.start.isEmpty() ? "not recorded" : Formats.instant(prov.start.first())));
        t.add(List.of("finished", prov.end.isEmpty() ? "not recorded" : Formats.instant(prov.end.last())));
        t.add(List.of("Somnus version", prov.somnus.isEmpty() ? "not recorded" : String.join(", ", prov.somnus)));
        t.add(List.of("Java version", prov.java.isEmpty() ? "not recorded" : String.join(", ", prov.java)));
        t.add(List.of("report", "Somnus " + SomnusVersion.VERSION + ", Java " + System.getProperty("java.version")
                + ", " + Formats.instant(Instant.now())));
        html.table(t, "kv");
        OwnClassesTable.write(html, prov.userClasses);
        html.tag("h3", "Dataset checksums (SHA-256)");
        Set<String> generated = DatasetCatalog.builtIn().stream()
                .filter(d -> d.kind() == DatasetDescriptor.Kind.PROCEDURAL).map(DatasetDescriptor::name).collect(Collectors.toSet());
        if (prov.checksums.isEmpty() && !prov.somnus.isEmpty() && runs.stream().allMatch(r -> generated.contains(r.dataset()))) {
            // provenance was recorded, and there were no files to hash
            html.note("none: " + datasets + (datasets.contains(",") ? " are" : " is") + " generated from the seed, not read "
                    + "from files");
        } else if (prov.checksums.isEmpty()) {
            html.note("not recorded (no SHA-256 in the runs' " + RunDirectory.PROVENANCE + ")");
        } else {
            List<List<String>> c = new ArrayList<>();
            c.add(List.of("file", "SHA-256"));
            prov.checksums.forEach((k, v) -> c.add(List.of(k, v)));
            html.table(c, "mono");
            // beside a dataset read from files, one generated has no row: say so, or it seems left out
            List<String> alsoGenerated = runs.stream().map(RunRecord::dataset).filter(generated::contains).distinct()
                    .sorted(CellKey.datasets(cells)).toList();
            if (!alsoGenerated.isEmpty()) {
                html.note("no files for " + String.join(", ", alsoGenerated) + ": generated from the seed, not read from "
                        + "files");
            }
        }
        Path sweepFile = results.sweepFile();
        if (Files.isRegularFile(sweepFile)) {
            html.raw("<details><summary>Sweep file</summary><pre>").text(Files.readString(sweepFile)).raw("</pre></details>\n");
        }
        if (results.singleRun()) {
            Path config = RunDirectory.of(results.dir()).config();
            if (Files.isRegularFile(config)) {
                changedFromPreset(html, config);
                html.raw("<details><summary>Resolved configuration</summary><pre>").text(Files.readString(config))
                        .raw("</pre></details>\n");
            }
        }
        if (!counts.failures().isEmpty()) {
            html.tag("h3", "Failed runs");
            List<List<String>> f = new ArrayList<>();
            f.add(List.of("run", "attempts", "error"));
            for (RunCounts.FailedRun e : counts.failures()) {
                f.add(List.of(e.runId(), Integer.toString(e.attempts()),
                        e.error() == null ? "" : RunErrors.oneLine(e.error())));
            }
            html.table(f, "data " + FAILURES);   // the error wraps: on one line it ran off the page
        }
    }

    /** The failed runs' table's class, whose last column (the error) wraps where the data tables' cells do not. */
    static final String FAILURES = "failures";
}
