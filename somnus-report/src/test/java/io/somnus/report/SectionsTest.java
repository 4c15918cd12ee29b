package io.somnus.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.experiment.config.Configs;
import io.somnus.experiment.io.RunDirectory.WeightHistograms;
import io.somnus.experiment.stats.CellKey;
import io.somnus.experiment.stats.RunRecord;
import io.somnus.experiment.stats.VariantOrder;
import io.somnus.experiment.sweep.RunCounts;
import io.somnus.experiment.sweep.SweepResults;
import io.somnus.experiment.sweep.SweepRunner;
import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** Each section alone, on runs whose directories lack what it draws. */
class SectionsTest {
    private static RunRecord run(Path dir, double fraction) {
        return new RunRecord(dir.getFileName().toString(), dir, "paper", "stdp", "geomfig", "", fraction, 1,
                JsonNodeFactory.instance.objectNode(), Map.of("test_accuracy", 0.5));
    }

    /** The chart's series of this name (it must have one). */
    private static XYSeries series(XYChart chart, String name) {
        return chart.getSeriesCollection().stream().filter(s -> s.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not among " + chart.getSeriesCollection().stream()
                        .map(XYSeries::getName).toList()));
    }

    private static SweepResults sweep(Path dir, List<RunRecord> runs) {
        return new SweepResults(dir, false, "s", Map.of(), RunCounts.NONE, runs, List.of());
    }

    /** A context that keeps each chart it paints in {@code charts}, in page order. */
    private static ReportContext capturing(SweepResults results, List<XYChart> charts) {
        return new ReportContext(results, new Html(), null) {
            @Override
            Future<String> svg(XYChart chart) {
                charts.add(chart);
                return super.svg(chart);
            }
        };
    }

    private static String write(Section section, SweepResults results, List<String> notes) throws Exception {
        ReportContext ctx = new ReportContext(results, new Html(), null);
        ReportBuilder.write(section, ctx);
        notes.addAll(ctx.notes());
        return ctx.html().toString();
    }

    /**
     * The runs of a panel share one kind of y axis: paper-sg without sleep (7 500 to 7 600) was drawn linear beside
     * the same preset with sleep (170 to 40 000) on a log axis.
     */
    @Test
    void theWeightTracesOfAPanelShareTheirScale(@TempDir Path tmp) throws Exception {
        Path awake = Files.createDirectory(tmp.resolve("f0"));
        Path slept = Files.createDirectory(tmp.resolve("f2"));
        String head = "step,phase,episode,projection,total_abs,mean\n";
        Files.writeString(awake.resolve("sleep_traces.csv"), head + "0,wake,0,in_h,7500,0.1\n100,wake,0,in_h,7600,0.1\n");
        Files.writeString(slept.resolve("sleep_traces.csv"), head + "0,wake,0,in_h,170,0.1\n50,sleep,1,in_h,900,0.1\n"
                + "100,wake,1,in_h,40000,0.1\n");
        String html = write(new WeightTracesSection(), sweep(tmp, List.of(run(awake, 0.0), run(slept, 0.2))),
                new ArrayList<>());
        assertEquals(2, html.split("against simulation step on a log scale", -1).length - 1, html);
    }

    /**
     * A weight trace of one projection and no sleep (diehl-cook's input_e, awake) names it on its y axis and draws no
     * legend: its legend named the only line drawn. Two projections keep theirs, below the plot.
     */
    @Test
    void aWeightTraceOfOneProjectionDrawsNoLegend(@TempDir Path tmp) throws Exception {
        Path one = Files.createDirectory(tmp.resolve("one"));
        Path two = Files.createDirectory(tmp.resolve("two"));
        String head = "step,phase,episode,projection,total_abs\n";
        Files.writeString(one.resolve("sleep_traces.csv"), head + "0,wake,0,input_e,7800\n100,wake,0,input_e,7800\n");
        Files.writeString(two.resolve("sleep_traces.csv"), head + "0,wake,0,input_e,7800\n100,wake,0,input_e,7800\n"
                + "0,wake,0,e_e,780\n100,wake,0,e_e,790\n");
        String html = write(new WeightTracesSection(), sweep(tmp, List.of(run(one, 0.0))), new ArrayList<>());
        String svg = "sleep 0.00</div><svg height=\"";
        // a legend below adds its row to the chart's 320 px: 10 + 10.5 + 10 (Charts.LEGEND_BELOW_PADDING, LEGEND_ROW_PX)
        assertTrue(html.contains(svg + "320px\""), html);
        String both = write(new WeightTracesSection(), sweep(tmp, List.of(run(two, 0.0))), new ArrayList<>());
        assertTrue(both.contains(svg + "351px\""), both);
    }

    /**
     * The times of a run are shown to the second: provenance.json records nanoseconds (13:36:54.670691184Z), which
     * the page printed as they were.
     */
    @Test
    void timesAreShownToTheSecond(@TempDir Path tmp) throws Exception {
        Path a = Files.createDirectory(tmp.resolve("a"));
        Files.writeString(a.resolve("provenance.json"),
                "{\"started\": \"2026-12-07T13:36:54.670691184Z\", \"finished\": \"2026-12-07T13:39:01.977503020Z\"}");
        String header = write(new HeaderSection(), sweep(tmp, List.of(run(a, 0.0))), new ArrayList<>());
        assertTrue(header.contains("<td>started</td><td>2026-12-07T13:36:54Z</td>"), header);
        assertTrue(header.contains("<td>finished</td><td>2026-12-07T13:39:01Z</td>"), header);
        // the report's own time alike: no fraction of a second anywhere
        assertTrue(!Pattern.compile("T\\d\\d:\\d\\d:\\d\\d\\.").matcher(header).find(), header);
        assertEquals("not a time", Formats.instant("not a time"));
    }

    @Test
    void sectionsSayNotRecordedWhenTheirFilesAreMissing(@TempDir Path tmp) throws Exception {
        Path a = Files.createDirectory(tmp.resolve("a"));
        Path b = Files.createDirectory(tmp.resolve("b"));
        SweepResults results = sweep(tmp, List.of(run(a, 0.0), run(b, 0.2)));
        List<String> notes = new ArrayList<>();
        assertTrue(write(new WeightTracesSection(), results, notes).contains("not recorded: no sleep_traces.csv in the runs shown"));
        assertTrue(write(new WeightHistogramsSection(), results, notes)
                .contains("not recorded: no weight_histograms.csv in the runs shown"));
        assertTrue(write(new ReceptiveFieldsSection(), results, notes).contains("not recorded: no weights.npz with input weights"));
        assertTrue(write(new TrainingCurvesSection(), results, notes)
                .contains("not recorded: no run has metrics.csv with images_seen and val_accuracy"));
        assertTrue(write(new ModelComparisonSection(), results, notes).contains("not recorded: this sweep has only the stdp model"));
        String header = write(new HeaderSection(), results, notes);
        assertTrue(header.contains("<td>started</td><td>not recorded</td>"), header);
        assertTrue(header.contains("not recorded (no SHA-256 in the runs&#39; provenance.json)"));
        assertTrue(header.contains("<td>runs</td><td>2 finished</td>"), header);
        assertEquals(List.of(), notes, "absent files are not worth a note");
        // a run that asked for sleep and never slept writes the file's header alone: said so, not "not recorded"
        Files.writeString(b.resolve("weight_histograms.csv"), String.join(",", WeightHistograms.COLUMNS) + "\n");
        String histograms = write(new WeightHistogramsSection(), results, notes);
        assertTrue(histograms.contains("no sleep episode in b: no weights before and after one"), histograms);
        assertTrue(!histograms.contains("not recorded"), histograms);
    }

    @Test
    void sleepEpisodesAreShadedOnALinearAxisToo(@TempDir Path tmp) throws Exception {
        // totals within 20× of each other: a linear axis, which before drew no shading for the episode
        Path b = Files.createDirectory(tmp.resolve("b"));
        Files.writeString(b.resolve("sleep_traces.csv"), "step,phase,episode,projection,total_abs\n"
                + "0,wake,0,e_e,100\n100,sleep,1,e_e,98\n200,sleep,1,e_e,96\n300,wake,1,e_e,96\n");
        String html = write(new WeightTracesSection(), sweep(tmp, List.of(run(b, 0.2))), new ArrayList<>());
        assertTrue(html.contains("rgb(85,85,85)"), "the episode's grey span is drawn");
        Path a = Files.createDirectory(tmp.resolve("a"));
        Files.writeString(a.resolve("sleep_traces.csv"), "step,phase,episode,projection,total_abs\n"
                + "0,wake,0,e_e,100\n100,wake,0,e_e,98\n");
        String awake = write(new WeightTracesSection(), sweep(tmp, List.of(run(a, 0.0))), new ArrayList<>());
        assertTrue(awake.contains("<svg") && !awake.contains("rgb(85,85,85)"), "no span without sleep");
    }

    @Test
    void runsThatNeverSleptAreCountedBesideTheirRequestedFraction(@TempDir Path tmp) throws Exception {
        // paper-sg's way: sleep after an epoch with probability f, so at f = 0.2 one seed of three had no episode
        List<RunRecord> runs = new ArrayList<>();
        double[] achieved = {0, 0.04, 0.04};
        for (int seed = 1; seed <= 3; seed++) {
            runs.add(dosed(Files.createDirectory(tmp.resolve("a" + seed)), 0.0, seed, 0, 0));
            runs.add(dosed(Files.createDirectory(tmp.resolve("b" + seed)), 0.2, seed, achieved[seed - 1], seed == 1 ? 0 : 1));
        }
        SweepResults results = sweep(tmp, runs);
        String stats = write(new StatisticsSection(), results, new ArrayList<>());
        // (0 + 0.04 + 0.04) / 3 = 0.02667
        assertTrue(stats.contains("<td>0.20</td><td>0.0267; 1 of 3 runs never slept</td>"), stats);
        assertTrue(stats.contains("<td>0.00</td><td>0</td>"), "no sleep requested, none counted missing");
        // and each run of the cell, folded away below the means: seed 1 had no episode
        assertTrue(stats.contains("<summary>Every run (6)</summary>"), stats);
        // achieved sleep to three significant digits, accuracies to the column's three decimals (largest 0.53)
        assertTrue(stats.contains("<td>b1</td><td>paper-sg</td><td>geomfig</td><td>0.20</td><td>1</td><td>0</td><td>0</td>"
                + "<td>0.510</td>"), stats);
        assertTrue(stats.contains("<td>b2</td><td>paper-sg</td><td>geomfig</td><td>0.20</td><td>2</td><td>0.0400</td><td>1</td>"
                + "<td>0.520</td>"), stats);
        String verdict = write(new VerdictSection(), results, new ArrayList<>());
        assertTrue(verdict.contains("f* = 0.20; sleep achieved (mean of 3 runs): 0.0267; 1 of 3 runs never slept"), verdict);

        Path one = Files.createDirectory(tmp.resolve("one"));
        SweepResults single = new SweepResults(one, true, "one", Map.of(), RunCounts.NONE,
                List.of(dosed(one, 0.2, 1, 0, 0)), List.of());
        assertTrue(write(new HeaderSection(), single, new ArrayList<>())
                .contains("<td>sleep</td><td>asked 0.20; achieved 0: the run never slept</td>"));
    }

    /** A continual run of a sweep: its curve and the tasks ending after {@code ends} images. */
    private static RunRecord continual(Path dir, long seed, int... ends) throws Exception {
        Files.writeString(dir.resolve("metrics.csv"), "images_seen,val_accuracy\n50,0.6\n100,0.5\n");
        ObjectNode summary = JsonNodeFactory.instance.objectNode();
        var list = summary.putObject("continual").putArray("task_ends");
        for (int t = 0; t < ends.length; t++) {
            list.addObject().put("images_seen", ends[t]).putArray("classes").add(2 * t).add(2 * t + 1);
        }
        return new RunRecord(dir.getFileName().toString(), dir, "paper", "stdp", "geomfig", "", 0.2, seed, summary,
                Map.of("test_accuracy", 0.5));
    }

    /**
     * A sweep's pooled curve marks the tasks its continual runs share (each seed trained on the same images), and
     * marks none, saying why, where they differ.
     */
    @Test
    void aSweepsCurveMarksTheTasksItsRunsShare(@TempDir Path tmp) throws Exception {
        RunRecord a = continual(Files.createDirectory(tmp.resolve("a")), 1, 40, 100);
        RunRecord b = continual(Files.createDirectory(tmp.resolve("b")), 2, 40, 100);
        List<String> notes = new ArrayList<>();
        String shared = write(new TrainingCurvesSection(), sweep(tmp, List.of(a, b)), notes);
        assertTrue(shared.contains("aria-label=\"accuracy over training, paper (stdp) × geomfig, sleep 0.20; 2 tasks, ending at 40 "
                + "(classes 0, 1), 100 (classes 2, 3) training images seen, every other one shaded\""), shared);
        assertTrue(shared.contains("rgb(85,85,85)"), "the second task shaded");
        RunRecord c = continual(Files.createDirectory(tmp.resolve("c")), 3, 60, 100);
        String differ = write(new TrainingCurvesSection(), sweep(tmp, List.of(a, c)), notes);
        assertTrue(differ.contains(TrainingCurvesSection.TASKS_DIFFER + "paper (stdp) × geomfig"), differ);
        assertTrue(!differ.contains("rgb(85,85,85)") && !differ.contains("tasks, ending"), differ);
    }

    /**
     * A panel of one sleep fraction (an untrained control's) names it in its title and draws no legend: its legend
     * named the only line drawn ("sleep 0.00"), under a title that said it was the control. A panel of several
     * fractions keeps its legend below the plot.
     */
    @Test
    void aCurvePanelOfOneSleepFractionNamesItInItsTitleWithoutALegend(@TempDir Path tmp) throws Exception {
        List<RunRecord> runs = new ArrayList<>();
        for (String[] r : new String[][] {{"a", "", "0.0"}, {"b", "", "0.2"}, {"c", "control=untrained", "0.0"}}) {
            Path dir = Files.createDirectory(tmp.resolve(r[0]));
            Files.writeString(dir.resolve("metrics.csv"), "images_seen,val_accuracy\n50,0.6\n100,0.5\n");
            runs.add(new RunRecord(r[0], dir, "paper", "stdp", "geomfig", r[1], Double.parseDouble(r[2]), 1,
                    JsonNodeFactory.instance.objectNode(), Map.of("test_accuracy", 0.5)));
        }
        String html = write(new TrainingCurvesSection(), sweep(tmp, runs), new ArrayList<>());
        String trained = "aria-label=\"accuracy over training, paper (stdp) × geomfig\"><div class=\"chart-title\" "
                + "style=\"max-width: 560px\">paper (stdp) × geomfig</div><svg height=\"";
        String control = "aria-label=\"accuracy over training, paper (stdp) × geomfig, control=untrained, sleep 0.00\">"
                + "<div class=\"chart-title\" style=\"max-width: 560px\">paper (stdp) × geomfig, control=untrained, "
                + "sleep 0.00</div><svg height=\"";
        assertTrue(html.contains(trained) && html.contains(control), html);
        // a legend below adds its row to the chart's 340 px: 10 + 10.5 + 10 (Charts.LEGEND_BELOW_PADDING, LEGEND_ROW_PX)
        assertTrue(html.contains(trained + "371px\""), "two fractions: their legend below");
        assertTrue(html.contains(control + "340px\""), "one fraction: no legend, neither below nor at the right");
    }

    /**
     * The statistics tables show rounding noise as 0: one seed's last-quarter std of a flat curve came out 5.78e-17
     * (0 in exact arithmetic) and was printed so, beside a chart that showed 0.
     */
    @Test
    void roundingNoiseInTheStatisticsTablesIsShownAsZero(@TempDir Path tmp) throws Exception {
        Path f0 = Files.createDirectory(tmp.resolve("f0"));
        Path f2 = Files.createDirectory(tmp.resolve("f2"));
        List<RunRecord> runs = List.of(
                new RunRecord("f0", f0, "paper", "stdp", "geomfig", "", 0.0, 1, JsonNodeFactory.instance.objectNode(),
                        Map.of("test_accuracy", 0.5, "stability.last_quarter_std", 5.78e-17)),
                new RunRecord("f2", f2, "paper", "stdp", "geomfig", "", 0.2, 1, JsonNodeFactory.instance.objectNode(),
                        Map.of("test_accuracy", 0.5, "stability.last_quarter_std", 0.0125)));
        String stats = write(new StatisticsSection(), sweep(tmp, runs), new ArrayList<>());
        // n = 1, the row's, is said in its n column alone
        // the std column's decimals give its largest, 0.0125, three significant digits: 4
        assertTrue(stats.contains("<td>1</td><td>0.500</td><td>0.0000</td></tr>"), stats);
        assertTrue(stats.contains("<td>1</td><td>0.500</td><td>0.0125</td></tr>"), stats);
        assertTrue(!stats.contains("e-17"), stats);
        // the floor: 1e-12, or 1e-9 of the column's largest value; a small value that is not noise is kept
        assertEquals(0.0, Formats.shown(5.78e-17, Formats.NOISE));
        assertEquals(-3e-12, Formats.shown(-3e-12, Formats.NOISE));
        assertEquals(0.0, Formats.shown(5e-5, Formats.noiseFloor(1e5)));   // below 1e-9 × 100 000 = 1e-4
        assertEquals(2e-4, Formats.shown(2e-4, Formats.noiseFloor(1e5)));
        assertEquals(Formats.NOISE, Formats.noiseFloor(1e-4));   // 1e-9 × 1e-4 is below 1e-12
        assertTrue(Double.isNaN(Formats.shown(Double.NaN, Formats.NOISE)));
    }

    @Test
    void aGeneratedDatasetHasNoChecksumsToRecord(@TempDir Path tmp) throws Exception {
        Path a = Files.createDirectory(tmp.resolve("a"));
        Files.writeString(a.resolve("provenance.json"), "{\"somnus_version\":\"0.1.0\",\"dataset_sha256\":{}}");
        String header = write(new HeaderSection(), sweep(tmp, List.of(run(a, 0.0))), new ArrayList<>());
        assertTrue(header.contains("none: geomfig is generated from the seed, not read from files"), header);
        // beside a dataset read from files, the generated one is named under the table, which has no row for it
        Path b = Files.createDirectory(tmp.resolve("b"));
        Files.writeString(b.resolve("provenance.json"), "{\"somnus_version\":\"0.1.0\",\"dataset_sha256\":"
                + "{\"/data/fashion-mnist/t10k-images-idx3-ubyte.gz\":\"cc1d\"}}");
        RunRecord fashion = new RunRecord("b", b, "paper", "stdp", "fashion-mnist", "", 0.0, 1,
                JsonNodeFactory.instance.objectNode(), Map.of("test_accuracy", 0.5));
        String both = write(new HeaderSection(), sweep(tmp, List.of(run(a, 0.0), fashion)), new ArrayList<>());
        assertTrue(both.contains("<td>/data/fashion-mnist/t10k-images-idx3-ubyte.gz</td><td>cc1d</td>"), both);
        assertTrue(both.contains("no files for geomfig: generated from the seed, not read from files"), both);
    }

    @Test
    void aSingleRunsHeaderSaysWhatItChangedFromItsPreset(@TempDir Path tmp) throws Exception {
        Path one = Files.createDirectory(tmp.resolve("one"));
        Files.writeString(one.resolve("config.yaml"), Configs.toYaml(
                Configs.resolveTree(Map.of("preset", "paper", "seed", 4))));
        SweepResults single = new SweepResults(one, true, "one", Map.of(), RunCounts.NONE, List.of(run(one, 0.2)), List.of());
        String header = write(new HeaderSection(), single, new ArrayList<>());
        assertTrue(header.contains("<summary>Changed from preset paper (1 field)</summary><pre>seed: 1 → 4</pre>"), header);
    }

    private static RunRecord dosed(Path dir, double fraction, long seed, double achieved, int episodes) {
        return new RunRecord(dir.getFileName().toString(), dir, "paper-sg", "sg", "geomfig", "", fraction, seed,
                JsonNodeFactory.instance.objectNode(), Map.of("test_accuracy", 0.5 + 0.01 * seed,
                        SleepDose.ACHIEVED, achieved, SleepDose.EPISODES, (double) episodes));
    }

    /**
     * The GLMM's reading names the presets its model term pools and the datasets its random effect rests on, and says
     * so only of terms the fitted formula has: one model and one dataset have neither.
     */
    @Test
    void theGlmmIsReadAsExploratoryNamingWhatItPools(@TempDir Path tmp) {
        List<RunRecord> runs = new ArrayList<>();
        for (String[] r : new String[][] {{"paper", "stdp", "geomfig"}, {"paper-sg", "sg", "geomfig"},
                {"paper-sg-code", "sg", "fashion-mnist"}}) {
            runs.add(new RunRecord(r[0], tmp, r[0], r[1], r[2], "", 0, 1, JsonNodeFactory.instance.objectNode(), Map.of()));
        }
        String reading = StatisticsSection.glmmReading(runs, CellKey.ORDER,
                "acc ~ sleep * model + (1 | dataset) + (1 | dataset:seed)");
        assertTrue(reading.startsWith("Exploratory, not part of the verdict"), reading);
        assertTrue(reading.contains("Its model term is one level per model, a sleep slope each (sg pools paper-sg and "
                + "paper-sg-code)"), reading);
        assertTrue(!reading.contains("stdp pools"), reading);
        assertTrue(reading.endsWith("estimated from 2 datasets."), reading);
        String sgOnly = StatisticsSection.glmmReading(runs.subList(1, 3), CellKey.ORDER, "acc ~ sleep + (1 | seed)");
        assertTrue(sgOnly.contains("It has no model term: one sleep slope for all runs (sg pools paper-sg and "
                + "paper-sg-code)"), sgOnly);
        assertTrue(sgOnly.endsWith("it has no dataset effect (one dataset: a random intercept per seed instead)."),
                sgOnly);
        // a sweep file that lists paper-sg-code first: the presets pooled in its order, as the report's tables
        String asListed = StatisticsSection.glmmReading(runs, CellKey.order(List.of("paper-sg-code", "paper-sg",
                "paper"), List.of(), VariantOrder.NUMERIC), "acc ~ sleep * model + (1 | dataset) + (1 | dataset:seed)");
        assertTrue(asListed.contains("(sg pools paper-sg-code and paper-sg)"), asListed);
    }

    /**
     * A study of its own over a grid (two STDP learning rates) fits one sleep slope to both: the reading named the
     * presets it pools but not the variants, the very thing such a study varies.
     */
    @Test
    void theGlmmReadingNamesTheVariantsItPools(@TempDir Path tmp) {
        List<RunRecord> runs = new ArrayList<>();
        for (String variant : new String[] {"projections.input_e.plasticity.eta=0.002",
                "projections.input_e.plasticity.eta=5.0E-4", "projections.input_e.plasticity.eta=0.002,control=untrained"}) {
            runs.add(new RunRecord("r", tmp, "paper", "stdp", "geomfig", variant, 0, 1,
                    JsonNodeFactory.instance.objectNode(), Map.of()));
        }
        // without the sweep file, 5.0E-4 before 0.002 (as numbers, not as text)
        String reading = StatisticsSection.glmmReading(runs, CellKey.ORDER, "acc ~ sleep + (1 | seed)");
        assertTrue(reading.contains("It has no model term: one sleep slope for all runs, which pools the study's 2 "
                + "variants (projections.input_e.plasticity.eta=5.0E-4; projections.input_e.plasticity.eta=0.002; the "
                + "untrained controls left out): the comparisons above are per variant"), reading);
        // with it, in the order the file gives them
        String asWritten = StatisticsSection.glmmReading(runs, CellKey.order(VariantOrder.of(List.of(
                "projections.input_e.plasticity.eta=0.002", "projections.input_e.plasticity.eta=5.0E-4"))),
                "acc ~ sleep + (1 | seed)");
        assertTrue(asWritten.contains("(projections.input_e.plasticity.eta=0.002; projections.input_e.plasticity.eta=5.0E-4;"),
                asWritten);
        String one = StatisticsSection.glmmReading(runs.subList(0, 1), CellKey.ORDER, "acc ~ sleep + (1 | seed)");
        assertTrue(!one.contains("variant"), one);
    }

    @Test
    void aTableWithoutTheColumnsDrawnIsNotRecordedAndNoted(@TempDir Path tmp) throws Exception {
        Path b = Files.createDirectory(tmp.resolve("b"));
        Files.writeString(b.resolve("sleep_traces.csv"), "step,phase\n1,wake\n");
        List<String> notes = new ArrayList<>();
        String html = write(new WeightTracesSection(), sweep(tmp, List.of(run(b, 0.2))), notes);
        assertTrue(html.contains("not recorded: no sleep_traces.csv"), html);
        assertEquals(1, notes.size());
        assertTrue(notes.get(0).contains("lacks column(s) episode, projection, total_abs"), notes.get(0));
    }

    @Test
    void withoutFinishedRunsOnlyTheHeaderAndNotesAreWritten(@TempDir Path tmp) throws Exception {
        SweepResults empty = new SweepResults(tmp, false, "s", Map.of(), new RunCounts(2, 0, 2, 0,
                List.of(new RunCounts.FailedRun("r1", 3, "out of memory\nat ..."), new RunCounts.FailedRun("r2", 1, null))),
                List.of(), List.of());
        ReportContext ctx = new ReportContext(empty, new Html(), null);
        String page = ReportBuilder.render(ctx);
        assertEquals(ReportBuilder.SECTIONS.size() - 2, page.split("not recorded: no finished runs", -1).length - 1);
        assertTrue(page.contains("2 planned: 0 done, 2 failed, 0 not finished"));
        assertTrue(page.contains("<td>r1</td><td>3</td><td>out of memory</td>"), page);
        assertTrue(page.contains("<td>r2</td><td>1</td><td></td>"), page);
        assertTrue(page.contains("Nothing was left out."));
        // the error wraps (a data table's cells do not): a diverged run's message ran off the page on one line
        assertTrue(page.contains("<table class=\"data failures\">"), page);
        assertTrue(page.contains("table.failures td:last-child { white-space: normal;"), page);
    }

    /** A sweep with runs still to finish: its verdict says it is of the finished runs only. */
    @Test
    void theVerdictOfASweepNotFinishedSaysSo(@TempDir Path tmp) throws Exception {
        Path a = Files.createDirectory(tmp.resolve("a"));
        Path b = Files.createDirectory(tmp.resolve("b"));
        List<RunRecord> runs = List.of(run(a, 0.0), run(b, 0.2));
        String unfinished = write(new VerdictSection(), new SweepResults(tmp, false, "s", Map.of(),
                new RunCounts(5, 2, 1, 2, List.of()), runs, List.of()), new ArrayList<>());
        assertTrue(unfinished.contains("Of the finished runs only: 2 of 5 planned runs are done (1 failed, 2 not "
                + "finished)"), unfinished);
        String done = write(new VerdictSection(), new SweepResults(tmp, false, "s", Map.of(),
                new RunCounts(2, 2, 0, 0, List.of()), runs, List.of()), new ArrayList<>());
        assertTrue(!done.contains("Of the finished runs only"), done);
    }

    @Test
    void sectionIdsAreUniqueAndInPageOrder() {
        assertEquals(ReportBuilderTest.SECTIONS, ReportBuilder.SECTIONS.stream().map(Section::id).toList());
    }

    @Test
    void groupsThatAskedForNoSleepAreNamedApartInTheHistogramsNote(@TempDir Path tmp) throws Exception {
        // two groups at f = 0 only (a sweep's untrained controls): their titles hold commas, so "; " parts them
        Path a = Files.createDirectory(tmp.resolve("a"));
        Path b = Files.createDirectory(tmp.resolve("b"));
        RunRecord ra = new RunRecord("a", a, "paper", "stdp", "geomfig", "control=untrained", 0.0, 1,
                JsonNodeFactory.instance.objectNode(), Map.of("test_accuracy", 0.5));
        RunRecord rb = new RunRecord("b", b, "paper", "stdp", "mnist", "control=untrained", 0.0, 1,
                JsonNodeFactory.instance.objectNode(), Map.of("test_accuracy", 0.5));
        String html = write(new WeightHistogramsSection(), sweep(tmp, List.of(ra, rb)), new ArrayList<>());
        assertTrue(html.contains("no sleep asked for (sleep fraction 0) in paper (stdp) × geomfig, control=untrained; "
                + "paper (stdp) × mnist, control=untrained: no episode to show weights before and after"), html);
        assertTrue(!html.contains("not recorded"), html);
    }

    /**
     * The share of a weight distribution a sleep episode moved, worked by hand: the same bins and counts 0; bins of
     * their own that share no range 1; before 4 weights in [0, 2) (0.5 per unit), after 4 in [1, 3): they overlap on
     * [1, 2), ½ (0.5 · 1 + 0 + 0.5 · 1) = 0.5; a missing side NaN.
     */
    @Test
    void theShareOfTheWeightsAnEpisodeMovedIsTheTotalVariationOfItsHistograms() {
        List<double[]> before = List.of(new double[] {0, 2, 4});
        assertEquals(0, WeightHistogramsSection.moved(before, List.of(new double[] {0, 2, 4})), 0);
        assertEquals(0, WeightHistogramsSection.moved(List.of(new double[] {0, 1, 2}, new double[] {1, 2, 6}),
                List.of(new double[] {1, 2, 3}, new double[] {0, 1, 1})), 1e-15);   // the order of the rows aside
        assertEquals(1, WeightHistogramsSection.moved(before, List.of(new double[] {5, 6, 3})), 1e-15);
        assertEquals(0.5, WeightHistogramsSection.moved(before, List.of(new double[] {1, 3, 4})), 1e-15);
        assertTrue(Double.isNaN(WeightHistogramsSection.moved(before, null)));
        assertEquals("25 %", WeightHistogramsSection.percent(0.25));
        assertEquals("0.47 %", WeightHistogramsSection.percent(0.004712));
        assertEquals("0 %", WeightHistogramsSection.percent(0));
        // a share sleep moved of a large network's weights, in plain decimal as the others (was 4.7e-04 %)
        assertEquals("0.00047 %", WeightHistogramsSection.percent(0.0000047));
    }

    /**
     * The std of the last quarter and φ cannot be negative, but their plain t-intervals across two seeds (0.001 and
     * 0.05: mean 0.0255 ± 12.71 · 0.0346 / √2, down to −0.29) reach below 0: their bars are drawn from 0, a cosine's
     * within [−1, 1], and the caption says so.
     */
    @Test
    void anIntervalOfANonNegativeQuantityIsDrawnFromZeroNotBelow(@TempDir Path tmp) throws Exception {
        List<RunRecord> runs = new ArrayList<>();
        double[] small = {0.001, 0.05};
        for (int seed = 1; seed <= 2; seed++) {
            for (double f : new double[] {0.0, 0.2}) {
                Path dir = Files.createDirectory(tmp.resolve("r" + seed + "-" + f));
                runs.add(new RunRecord(dir.getFileName().toString(), dir, "paper", "stdp", "geomfig", "", f, seed,
                        JsonNodeFactory.instance.objectNode(), Map.of("test_accuracy", 0.5,
                                "stability.last_quarter_std", small[seed - 1], "phi", small[seed - 1],
                                "diversity.rf_cosine", seed == 1 ? 0.98 : 0.6)));
            }
        }
        Map<String, XYChart> charts = new HashMap<>();
        ReportContext ctx = new ReportContext(sweep(tmp, runs), new Html(), null) {
            @Override
            Future<String> svg(XYChart chart) {
                charts.put(chart.getTitle(), chart);
                return super.svg(chart);
            }
        };
        ReportBuilder.write(new VersusSleepSection(), ctx);
        for (String panel : new String[] {"std of the last quarter", "φ (class separation)"}) {
            XYChart chart = charts.get(panel);
            assertTrue(chart != null, panel);
            for (XYSeries s : chart.getSeriesCollection()) {
                for (double y : s.getYData()) {
                    assertTrue(y >= 0, panel + ", " + s.getName() + ": " + y);
                }
            }
        }
        // the cosine's 0.98 and 0.6: 0.79 ± 2.41 would reach past both its bounds; its bars end at them
        for (XYSeries s : charts.get("receptive-field cosine similarity").getSeriesCollection()) {
            if (s.getName().contains("interval")) {
                for (double y : s.getYData()) {
                    assertTrue(y >= -1 && y <= 1, s.getName() + ": " + y);
                }
            }
        }
        assertTrue(ctx.html().toString().contains("clipped at 0"), "the caption says what is drawn");
    }

    /**
     * With a sparse input projection the masks hold the receptive-field cosine near p, trained or not (0.0984 in every
     * paper run of the quick study), which read as "no learning": the panel now says so, with the untrained control's
     * mean beside it, and an all-to-all projection's (diehl-cook) not at all.
     */
    @Test
    void aSparseInputProjectionsCosineIsReadAgainstTheUntrainedControl(@TempDir Path tmp) throws Exception {
        List<RunRecord> runs = new ArrayList<>();
        String sparse = "projections:\n- {name: input_e, connector: fixed_probability, p: 0.1}\n"
                + "- {name: e_e, connector: all_to_all, p: 1}\n";
        String dense = "projections:\n- {name: input_e, connector: all_to_all, p: 1}\n";
        Object[][] cells = {{"paper", "", 0.0, 0.0984, sparse}, {"paper", "", 0.2, 0.0983, sparse},
            {"paper", "control=untrained", 0.0, 0.0985, sparse}, {"diehl-cook", "", 0.0, 0.31, dense}};
        for (Object[] c : cells) {
            for (int seed = 1; seed <= 2; seed++) {
                Path dir = Files.createDirectory(tmp.resolve(c[0] + "-" + c[2] + "-" + c[1] + "-" + seed));
                Files.writeString(dir.resolve("config.yaml"), "model: stdp\npreset: " + c[0] + "\n" + c[4]);
                // the control's two seeds 0.0985 ± 0.0002: its mean 0.0985
                double cosine = (double) c[3] + (seed == 1 ? 2e-4 : -2e-4);
                runs.add(new RunRecord(dir.getFileName().toString(), dir, (String) c[0], "stdp", "geomfig",
                        (String) c[1], (double) c[2], seed, JsonNodeFactory.instance.objectNode(),
                        Map.of("test_accuracy", 0.5, "diversity.rf_cosine", cosine)));
            }
        }
        String html = write(new VersusSleepSection(), sweep(tmp, runs), new ArrayList<>());
        String clause = "Receptive-field cosine: the sparse input projection&#39;s connection masks hold it near p = "
                + "0.100, trained or not (two random masks of density p overlap by about p)";
        assertTrue(html.contains(clause + "; read it against the untrained control&#39;s 0.0985, not against 0."), html);
        // the control has no panels of its own to note it under (its line and table are beside the trained runs')
        assertEquals(1, html.split("Receptive-field cosine: ", -1).length - 1, "not under diehl-cook's: " + html);
    }

    /**
     * A group whose runs mix input densities (here p = 0.1 at f = 0, p = 0.05 at f = 0.2 seed 1 and an all-to-all
     * projection at f = 0.2 seed 2) had no note at all, though most of its runs' cosines sit near their p; it now says
     * which runs have which density.
     */
    @Test
    void aGroupMixingInputDensitiesSaysWhichRunsAreSparse(@TempDir Path tmp) throws Exception {
        List<RunRecord> runs = new ArrayList<>();
        Object[][] cells = {{0.0, 1, "fixed_probability, p: 0.1"}, {0.0, 2, "fixed_probability, p: 0.1"},
            {0.2, 1, "fixed_probability, p: 0.05"}, {0.2, 2, "all_to_all, p: 1"}};
        for (Object[] c : cells) {
            Path dir = Files.createDirectory(tmp.resolve("r" + c[0] + "-" + c[1]));
            Files.writeString(dir.resolve("config.yaml"), "model: stdp\npreset: paper\nprojections:\n"
                    + "- {name: input_e, connector: " + c[2] + "}\n");
            runs.add(new RunRecord(dir.getFileName().toString(), dir, "paper", "stdp", "geomfig", "", (double) c[0],
                    (int) c[1], JsonNodeFactory.instance.objectNode(),
                    Map.of("test_accuracy", 0.5, "diversity.rf_cosine", 0.1)));
        }
        String html = write(new VersusSleepSection(), sweep(tmp, runs), new ArrayList<>());
        int at = html.indexOf("Receptive-field cosine: ");
        assertTrue(at >= 0, "a note: " + html);
        String note = html.substring(at, html.indexOf('<', at));
        assertTrue(note.contains("p = 0.0500 in 1 of 4 runs (f = 0.200 (seed 1))"), note);
        assertTrue(note.contains("p = 0.100 in 2 of 4 runs (f = 0 (seeds 1, 2))"), note);
        assertTrue(note.contains("dense (no mask) in 1 of 4 runs (f = 0.200 (seed 2))"), note);
        assertTrue(note.indexOf("p = 0.0500") < note.indexOf("p = 0.100") && note.indexOf("p = 0.100")
                < note.indexOf("dense"), "by density, the dense last: " + note);
    }

    /**
     * A study of 4 checkpoints per run (a quick one) has no std of the last quarter: the last ⌈4/4⌉ = 1 checkpoint
     * has none. The panel's absence was noted bare ("not recorded: std of the last quarter"), as if a file were
     * missing; the note now says what it needs.
     */
    @Test
    void aPanelAFewCheckpointsCannotFillSaysWhatItNeeds(@TempDir Path tmp) throws Exception {
        List<RunRecord> runs = new ArrayList<>();
        for (int seed = 1; seed <= 2; seed++) {
            Path dir = Files.createDirectory(tmp.resolve("r" + seed));
            runs.add(new RunRecord(dir.getFileName().toString(), dir, "paper", "stdp", "geomfig", "", 0.0, seed,
                    JsonNodeFactory.instance.objectNode(), Map.of("test_accuracy", 0.5, "phi", 0.1 * seed)));
        }
        String html = write(new VersusSleepSection(), sweep(tmp, runs), new ArrayList<>());
        assertTrue(html.contains(", std of the last quarter (the sample std of a curve&#39;s last ⌈n/4⌉ checkpoints, "
                + "which needs n ≥ 5: train.checkpoints, or an SG-SNN&#39;s epochs), "), html);
    }
    /**
     * One projection, one colour on the page: the weight traces drew input_e blue and e_e orange (the network's order),
     * the versus-sleep panels e_e blue and input_e pink (alphabetical), so that a reader matching lines across sections
     * read one projection for another.
     */
    @Test
    void aProjectionHasOneColourInEverySection(@TempDir Path tmp) throws Exception {
        List<RunRecord> runs = new ArrayList<>();
        for (int seed = 1; seed <= 2; seed++) {
            for (double f : new double[] {0.0, 0.2}) {
                Path dir = Files.createDirectory(tmp.resolve("r" + seed + "-" + f));
                Files.writeString(dir.resolve("sleep_traces.csv"), "step,phase,episode,projection,total_abs\n"
                        + "0,wake,0,input_e,650\n0,wake,0,e_e,1800\n100,wake,0,input_e,660\n100,wake,0,e_e,1790\n");
                ObjectNode summary = JsonNodeFactory.instance.objectNode();
                summary.putObject("weights").putObject("input_e");
                summary.with("weights").putObject("e_e");
                runs.add(new RunRecord(dir.getFileName().toString(), dir, "paper", "stdp", "geomfig", "", f, seed, summary,
                        new TreeMap<>(Map.of("test_accuracy", 0.5, "weights.input_e.total_abs", 650.0 + seed,
                                "weights.e_e.total_abs", 1800.0 + seed))));
            }
        }
        List<XYChart> charts = new ArrayList<>();
        ReportContext ctx = capturing(sweep(tmp, runs), charts);
        ReportBuilder.write(new VersusSleepSection(), ctx);
        ReportBuilder.write(new WeightTracesSection(), ctx);
        Map<String, Set<Color>> colours = new TreeMap<>();
        for (XYChart chart : charts) {
            for (XYSeries s : chart.getSeriesCollection()) {
                if (s.getName().equals("input_e") || s.getName().equals("e_e")) {
                    colours.computeIfAbsent(s.getName(), k -> new HashSet<>()).add(s.getLineColor());
                }
            }
        }
        assertEquals(2, colours.size(), colours.toString());
        colours.forEach((p, c) -> assertEquals(1, c.size(), p + " is drawn in " + c));
    }
    /**
     * Each untrained control had a grid of eight panels of one point each, which made the page long and said little.
     * It is a line at its mean across its trained group's panels (one series: in the legend; several: one line per
     * series in that series' colour, a grey legend entry standing for them), and one table under them gives its means
     * with their intervals; the controls have no panels or heading of their own.
     */
    @Test
    void theUntrainedControlsAreLinesInTheTrainedPanelsAndOneTable(@TempDir Path tmp) throws Exception {
        List<RunRecord> runs = new ArrayList<>();
        String[] variants = {"", "control=untrained", "control=untrained_sleep_target"};
        Map<String, double[]> accuracy = Map.of("", new double[] {0.6, 0.7}, "control=untrained", new double[] {0.31, 0.35},
                "control=untrained_sleep_target", new double[] {0.2, 0.24});
        for (String variant : variants) {
            for (int seed = 1; seed <= 2; seed++) {
                for (double f : variant.isEmpty() ? new double[] {0.0, 0.2} : new double[] {0.0}) {
                    Path dir = Files.createDirectory(tmp.resolve("r" + variant.replace('=', '-') + seed + "-" + f));
                    com.fasterxml.jackson.databind.node.ObjectNode summary = JsonNodeFactory.instance.objectNode();
                    summary.putObject("weights").putObject("input_e");
                    summary.with("weights").putObject("e_e");
                    runs.add(new RunRecord(dir.getFileName().toString(), dir, "paper", "stdp", "geomfig", variant, f, seed,
                            summary, Map.of("test_accuracy", accuracy.get(variant)[seed - 1],
                                    "weights.input_e.total_abs", (variant.isEmpty() ? 650.0 : 400.0) + seed,
                                    "weights.e_e.total_abs", (variant.isEmpty() ? 1800.0 : 1500.0) + seed)));
                }
            }
        }
        List<XYChart> charts = new ArrayList<>();
        ReportContext ctx = capturing(sweep(tmp, runs), charts);
        ReportBuilder.write(new VersusSleepSection(), ctx);
        String html = ctx.html().toString();
        assertEquals(2, charts.size(), "the trained group's two panels, none of the controls'");
        assertEquals(1, html.split("<h3 ", -1).length - 1, "one heading: " + html);
        assertTrue(html.contains("<h3 id=\"vs-sleep-paper-geomfig\">"), html);
        XYChart acc = charts.get(0);
        assertEquals("final test accuracy", acc.getTitle());
        assertTrue(acc.getStyler().isLegendVisible(), "the lines are named");
        for (String control : List.of("untrained", "untrained_sleep_target")) {
            XYSeries line = series(acc, control);
            double[] a = accuracy.get("control=" + control);
            for (double y : line.getYData()) {
                assertEquals((a[0] + a[1]) / 2, y, 1e-12, control + ": flat at its mean");
            }
            assertTrue(line.isShowInLegend() && line.getLineStyle().getDashArray() != null, control + ": dashed, named");
            double[] x = line.getXData();
            assertTrue(x[0] <= 0 && x[x.length - 1] >= 0.2, control + " spans the fractions: " + Arrays.toString(x));
        }
        assertTrue(series(acc, VersusSleepSection.TRAINED).isShowInLegend(), "the trained runs named beside");
        // two projections: each control a line per projection in its colour, and one grey legend entry
        XYChart total = charts.get(1);
        for (String projection : List.of("input_e", "e_e")) {
            XYSeries trained = series(total, projection);
            XYSeries line = series(total, "untrained weights." + projection + ".total_abs");
            assertEquals(trained.getLineColor(), line.getLineColor(), projection);
            assertEquals((projection.equals("e_e") ? 1500 : 400) + 1.5, line.getYData()[0], 1e-9, projection);
            assertTrue(!line.isShowInLegend(), projection);
        }
        assertEquals(UntrainedControls.LEGEND_GREY, series(total, "untrained").getLineColor());
        // the numbers the controls' own panels showed: their means and intervals, in one table
        assertEquals(1, html.split("<table", -1).length - 1, html);
        assertTrue(html.contains("<td>final test accuracy</td><td>0.330 ["), html);
        assertTrue(html.contains("<td>0.220 ["), html);
        assertTrue(html.contains("<td>total |w|, e_e</td><td>1502 ["), html);
    }

    /**
     * paper-sg-code sleeps 25 steps after an epoch of 16 000: on an axis of 290 000 steps its episodes were 0.04 px
     * wide, so that the legend said "sleep" over a chart that showed none. Each is drawn a 240th of the axis wide at
     * least (about 2 px), about its middle.
     */
    @Test
    void aShortSleepEpisodeIsDrawnWideEnoughToSee(@TempDir Path tmp) throws Exception {
        Path b = Files.createDirectory(tmp.resolve("b"));
        Files.writeString(b.resolve("sleep_traces.csv"), "step,phase,episode,projection,total_abs\n"
                + "0,wake,0,in_h,1500\n3200,sleep,1,in_h,1501\n3225,sleep,1,in_h,1502\n290000,wake,1,in_h,1600\n");
        List<XYChart> charts = new ArrayList<>();
        ReportContext ctx = capturing(sweep(tmp, List.of(run(b, 0.2))), charts);
        ReportBuilder.write(new WeightTracesSection(), ctx);
        XYSeries sleep = charts.get(0).getSeriesCollection().stream().filter(s -> s.getName().equals("sleep")).findFirst().orElseThrow();
        double lo = Arrays.stream(sleep.getXData()).min().orElseThrow();
        double hi = Arrays.stream(sleep.getXData()).max().orElseThrow();
        double axis = charts.get(0).getStyler().getXAxisMax();
        assertEquals(axis / 240, hi - lo, 1e-9 * axis, "[" + lo + ", " + hi + "] on an axis to " + axis);
        assertEquals(3212.5, (lo + hi) / 2, 1e-9, "about the episode's middle");
    }
    /**
     * The STDP-versus-SG panels and their presets come in the sweep file's order (its copy in the sweep directory), as
     * somnus inspect lists the runs: by name, fashion-mnist's panel came first and paper's line before paper-sg's.
     */
    @Test
    void theModelPanelsFollowTheSweepFilesOrder(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve(SweepRunner.SWEEP_COPY), "name: s\n"
                + "presets: [paper-sg, paper]\ndatasets: [geomfig, fashion-mnist]\nsleep_fractions: [0.0]\nseeds: [1]\n");
        List<RunRecord> runs = new ArrayList<>();
        for (String[] c : new String[][] {{"paper", "stdp"}, {"paper-sg", "sg"}}) {
            for (String dataset : List.of("fashion-mnist", "geomfig")) {
                Path dir = Files.createDirectory(tmp.resolve(c[0] + "-" + dataset));
                runs.add(new RunRecord(dir.getFileName().toString(), dir, c[0], c[1], dataset, "", 0.0, 1,
                        JsonNodeFactory.instance.objectNode(), Map.of("test_accuracy", 0.5)));
            }
        }
        List<XYChart> charts = new ArrayList<>();
        ReportContext ctx = capturing(sweep(tmp, runs), charts);
        ReportBuilder.write(new ModelComparisonSection(), ctx);
        assertEquals(List.of("geomfig", "fashion-mnist"), charts.stream().map(c -> c.getTitle()).toList());
        for (XYChart chart : charts) {
            assertEquals(List.of("paper-sg (sg)", "paper (stdp)"), chart.getSeriesCollection().stream()
                    .map(XYSeries::getName).filter(n -> n.startsWith("paper")).distinct().toList(), chart.getTitle());
        }
    }

    /**
     * The header lists the presets, datasets and variants in the sweep file's order, as the tables below it: by name,
     * paper came before paper-sg, fashion-mnist before geomfig and eta=0.01 before eta=0.002.
     */
    @Test
    void theHeaderListsTheCellsInTheSweepFilesOrder(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve(SweepRunner.SWEEP_COPY), "name: s\npresets: [paper-sg, paper]\n"
                + "datasets: [geomfig, fashion-mnist]\nsleep_fractions: [0.0]\nseeds: [1]\n"
                + "grid:\n  projections.input_e.plasticity.eta: [0.002, 0.01]\n");
        List<RunRecord> runs = new ArrayList<>();
        for (String[] c : new String[][] {{"paper", "stdp"}, {"paper-sg", "sg"}}) {
            for (String dataset : List.of("fashion-mnist", "geomfig")) {
                for (String eta : List.of("0.01", "0.002")) {
                    Path dir = Files.createDirectory(tmp.resolve(c[0] + "-" + dataset + "-" + eta));
                    runs.add(new RunRecord(dir.getFileName().toString(), dir, c[0], c[1], dataset,
                            "projections.input_e.plasticity.eta=" + eta, 0.0, 1, JsonNodeFactory.instance.objectNode(),
                            Map.of("test_accuracy", 0.5)));
                }
            }
        }
        String html = write(new HeaderSection(), sweep(tmp, runs), new ArrayList<>());
        assertTrue(html.contains("paper-sg (sg), paper (stdp)"), html);
        assertTrue(html.contains("geomfig, fashion-mnist"), html);
        assertTrue(html.contains("projections.input_e.plasticity.eta=0.002, projections.input_e.plasticity.eta=0.01"),
                html);
    }

    /**
     * The STDP-versus-SG panel draws the untrained controls as flat reference lines: both were dashed alike, the
     * untrained one pink and the sleep-target one orange, which read as one grey in print. Each has its own stroke.
     */
    @Test
    void eachControlsReferenceLineHasItsOwnStroke(@TempDir Path tmp) throws Exception {
        List<RunRecord> runs = new ArrayList<>();
        String[][] cells = {{"paper", "stdp", ""}, {"paper-sg", "sg", ""}, {"paper", "stdp", "control=untrained"},
            {"paper", "stdp", "control=untrained_sleep_target"}};
        for (String[] c : cells) {
            for (int seed = 1; seed <= 2; seed++) {
                for (double f : c[2].isEmpty() ? new double[] {0.0, 0.2} : new double[] {0.0}) {
                    Path dir = Files.createDirectory(tmp.resolve(c[0] + c[2].replace('=', '-') + seed + "-" + f));
                    runs.add(new RunRecord(dir.getFileName().toString(), dir, c[0], c[1], "geomfig", c[2], f, seed,
                            JsonNodeFactory.instance.objectNode(), Map.of("test_accuracy", 0.5 + 0.01 * seed)));
                }
            }
        }
        List<XYChart> charts = new ArrayList<>();
        ReportContext ctx = capturing(sweep(tmp, runs), charts);
        ReportBuilder.write(new ModelComparisonSection(), ctx);
        assertEquals(1, charts.size());
        Map<String, BasicStroke> strokes = new TreeMap<>();
        for (XYSeries s : charts.get(0).getSeriesCollection()) {
            if (s.getName().startsWith("paper, ")) {
                strokes.put(s.getName(), s.getLineStyle());
            }
        }
        assertEquals(List.of("paper, untrained", "paper, untrained_sleep_target"), List.copyOf(strokes.keySet()));
        Set<List<Float>> dashes = new HashSet<>();
        for (BasicStroke st : strokes.values()) {
            assertTrue(st.getDashArray() != null, "a reference line is not solid");
            List<Float> d = new ArrayList<>();
            for (float f : st.getDashArray()) {
                d.add(f);
            }
            dashes.add(d);
        }
        assertEquals(2, dashes.size(), "two controls, two dash patterns: " + dashes);
    }
    /**
     * The cell means wrote "(n = 3)" in every column beside the row's n of 3, and the table ran past the page. A mean
     * says its n only where it is of fewer runs than its row's.
     */
    @Test
    void aCellMeanSaysItsNOnlyWhereItDiffersFromItsRows(@TempDir Path tmp) throws Exception {
        List<RunRecord> runs = new ArrayList<>();
        for (int seed = 1; seed <= 2; seed++) {
            Path dir = Files.createDirectory(tmp.resolve("s" + seed));
            runs.add(new RunRecord(dir.getFileName().toString(), dir, "paper", "stdp", "geomfig", "", 0.0, seed,
                    JsonNodeFactory.instance.objectNode(), seed == 1 ? Map.of("test_accuracy", 0.5, "phi", 2.0)
                            : Map.of("test_accuracy", 0.6)));
        }
        String stats = write(new StatisticsSection(), sweep(tmp, runs), new ArrayList<>());
        String means = stats.substring(stats.indexOf("Cell means"), stats.indexOf("Each sleep fraction against"));
        assertTrue(means.contains("<td>2</td><td>0.550 ["), means);   // the row's n, then its accuracy without one
        assertTrue(!means.contains("(n = 2)"), means);
        assertTrue(means.contains("<td>2.00 (n = 1)</td>"), means);   // φ of one run of the two
    }

    /**
     * The tables of each sleep fraction against f = 0 show a variant column only where one of their rows has a variant:
     * the quick study's untrained controls (variants at f = 0 alone) left it empty in every row of every table.
     */
    @Test
    void theComparisonsWithNoSleepLeaveOutAVariantColumnNoRowFills(@TempDir Path tmp) throws Exception {
        List<RunRecord> runs = new ArrayList<>();
        for (int seed = 1; seed <= 2; seed++) {
            for (String variant : List.of("", "control=untrained")) {
                for (double f : variant.isEmpty() ? List.of(0.0, 0.2) : List.of(0.0)) {
                    Path dir = Files.createDirectory(tmp.resolve("v" + variant.length() + "f" + f + "s" + seed));
                    runs.add(new RunRecord(dir.getFileName().toString(), dir, "paper", "stdp", "geomfig", variant, f, seed,
                            JsonNodeFactory.instance.objectNode(), Map.of("test_accuracy", 0.5 + f / 2 + seed / 100.0)));
                }
            }
        }
        String stats = write(new StatisticsSection(), sweep(tmp, runs), new ArrayList<>());
        String means = stats.substring(stats.indexOf("Cell means"), stats.indexOf("Each sleep fraction against"));
        assertTrue(means.contains("<th>variant</th>") && means.contains("control=<wbr>untrained</td>"), means);
        int at = stats.indexOf("Each sleep fraction against");
        String against = stats.substring(at, stats.indexOf("</table>", at));
        assertTrue(against.contains("<th>paired p</th>"), against);
        assertTrue(!against.contains("<th>variant</th>"), against);
    }
}
