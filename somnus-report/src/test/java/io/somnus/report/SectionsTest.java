package io.somnus.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.somnus.experiment.stats.RunRecord;
import io.somnus.experiment.sweep.RunCounts;
import io.somnus.experiment.sweep.SweepResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each section alone, on runs whose directories lack what it draws. */
class SectionsTest {
    private static RunRecord run(Path dir, double fraction) {
        return new RunRecord(dir.getFileName().toString(), dir, "paper", "stdp", "geomfig", "", fraction, 1,
                JsonNodeFactory.instance.objectNode(), Map.of("test_accuracy", 0.5));
    }

    private static SweepResults sweep(Path dir, List<RunRecord> runs) {
        return new SweepResults(dir, false, "s", Map.of(), RunCounts.NONE, runs, List.of());
    }

    private static String write(Section section, SweepResults results, List<String> notes) throws Exception {
        ReportContext ctx = new ReportContext(results, new Html(), null);
        ReportBuilder.write(section, ctx);
        notes.addAll(ctx.notes());
        return ctx.html().toString();
    }

    @Test
    void sectionsSayNotRecordedWhenTheirFilesAreMissing(@TempDir Path tmp) throws Exception {
        Path a = Files.createDirectory(tmp.resolve("a"));
        Path b = Files.createDirectory(tmp.resolve("b"));
        SweepResults results = sweep(tmp, List.of(run(a, 0.0), run(b, 0.2)));
        List<String> notes = new java.util.ArrayList<>();
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
    }

    @Test
    void sleepEpisodesAreShadedOnALinearAxisToo(@TempDir Path tmp) throws Exception {
        // totals within 20× of each other: a linear axis, which before drew no shading for the episode
        Path b = Files.createDirectory(tmp.resolve("b"));
        Files.writeString(b.resolve("sleep_traces.csv"), "step,phase,episode,projection,total_abs\n"
                + "0,wake,0,e_e,100\n100,sleep,1,e_e,98\n200,sleep,1,e_e,96\n300,wake,1,e_e,96\n");
        String html = write(new WeightTracesSection(), sweep(tmp, List.of(run(b, 0.2))), new java.util.ArrayList<>());
        assertTrue(html.contains("rgb(85,85,85)"), "the episode's grey span is drawn");
        Path a = Files.createDirectory(tmp.resolve("a"));
        Files.writeString(a.resolve("sleep_traces.csv"), "step,phase,episode,projection,total_abs\n"
                + "0,wake,0,e_e,100\n100,wake,0,e_e,98\n");
        String awake = write(new WeightTracesSection(), sweep(tmp, List.of(run(a, 0.0))), new java.util.ArrayList<>());
        assertTrue(awake.contains("<svg") && !awake.contains("rgb(85,85,85)"), "no span without sleep");
    }

    @Test
    void aTableWithoutTheColumnsDrawnIsNotRecordedAndNoted(@TempDir Path tmp) throws Exception {
        Path b = Files.createDirectory(tmp.resolve("b"));
        Files.writeString(b.resolve("sleep_traces.csv"), "step,phase\n1,wake\n");
        List<String> notes = new java.util.ArrayList<>();
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
    }

    @Test
    void sectionIdsAreUniqueAndInPageOrder() {
        assertEquals(ReportBuilderTest.SECTIONS, ReportBuilder.SECTIONS.stream().map(Section::id).toList());
    }
}
