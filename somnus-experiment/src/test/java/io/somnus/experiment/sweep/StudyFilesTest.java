package io.somnus.experiment.sweep;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.experiment.run.StandardResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    /**
     * The sweep files README.md's "Sweeps" section shows, copied into a file as they stand, plan their runs: a user who
     * copies one gets a sweep, not a list of missing fields.
     */
    @Test
    void everySweepFileInTheReadmePlansItsRuns(@TempDir Path tmp) throws Exception {
        Path readme = Stream.of(Path.of("README.md"), Path.of("..", "README.md")).filter(Files::isRegularFile)
                .findFirst().orElseThrow();
        String text = Files.readString(readme);
        int start = text.indexOf("### Sweeps");
        String section = text.substring(start, text.indexOf("\n## ", start));
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(section);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        assertTrue(blocks.size() >= 2, "the section's sweep files: " + blocks.size());
        for (int i = 0; i < blocks.size(); i++) {
            Path f = Files.writeString(tmp.resolve("readme-sweep-" + i + ".yaml"), blocks.get(i));
            String block = blocks.get(i);
            SweepPlan plan = assertDoesNotThrow(() -> SweepPlanner.plan(SweepSpec.load(f), new StandardResolver()),
                    "README.md's sweep file:\n" + block);
            assertTrue(plan.runs().size() > 0, "README.md's sweep file plans no run:\n" + block);
        }
    }
}
