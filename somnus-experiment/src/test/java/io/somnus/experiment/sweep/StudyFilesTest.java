package io.somnus.experiment.sweep;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.experiment.run.StandardResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every sweep file in {@code studies/} (behind the numbers of the project's notes) still plans: a configuration field
 * renamed, a domain narrowed or a preset changed fails here rather than when someone reruns the study.
 */
class StudyFilesTest {
    @Test
    void everyStudyFilePlansItsRuns() throws Exception {
        Path dir = Stream.of(Path.of("studies"), Path.of("..", "studies")).filter(Files::isDirectory).findFirst().orElseThrow();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(files.size() >= 10, "the study files: " + files);
        for (Path f : files) {
            SweepPlan plan = assertDoesNotThrow(() -> SweepPlanner.plan(SweepSpec.load(f), new StandardResolver()),
                    f.toString());
            assertTrue(plan.runs().size() > 0, f + " plans no run");
        }
    }
}
