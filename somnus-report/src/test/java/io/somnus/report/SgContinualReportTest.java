package io.somnus.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.model.RunProgress;
import io.somnus.experiment.run.StandardResolver;
import io.somnus.experiment.run.StandardRunExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An SG-SNN run in the continual protocol gets its tasks marked on its accuracy chart, as an STDP-SNN run does, where
 * metrics.csv says they ended.
 */
class SgContinualReportTest {
    @Test
    void anSgContinualRunsTasksAreMarkedOnItsAccuracyChart(@TempDir Path tmp) throws Exception {
        Map<String, Object> s = Map.ofEntries(Map.entry("preset", "paper-sg-code"), Map.entry("dataset.name", "geomfig"),
                Map.entry("train.images", 90), Map.entry("train.validation_images", 20),
                Map.entry("train.test_images", 40), Map.entry("sg.epochs", 2), Map.entry("sg.hidden", 20),
                Map.entry("sg.steps", 10), Map.entry("sg.batch_size", 16), Map.entry("protocol", "continual"),
                Map.entry("continual.tasks", 2));
        Path run = tmp.resolve("run");
        new StandardRunExecutor().execute(new StandardResolver().resolve(s), run, RunProgress.NONE);
        // each task ends with its 2nd epoch: metrics.csv's rows 2 and 4 (images_seen first)
        List<String> rows = Files.readAllLines(run.resolve(RunDirectory.METRICS));
        String tasks = "; 2 tasks, ending at " + rows.get(2).split(",")[0] + " (classes 0, 1), "
                + rows.get(4).split(",")[0] + " (classes 2, 3) training images seen, every other one shaded";
        Path out = run.resolve("report.html");
        ReportBuilder.build(run, out);
        String html = Files.readString(out);
        assertTrue(html.contains("accuracy over training, paper-sg-code (sg) × geomfig, sleep 0.00" + tasks + "\""),
                html.substring(Math.max(0, html.indexOf("accuracy over training")), Math.min(html.length(),
                        Math.max(0, html.indexOf("accuracy over training")) + 400)));
    }
}
