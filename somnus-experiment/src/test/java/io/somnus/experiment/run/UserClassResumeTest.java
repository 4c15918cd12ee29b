package io.somnus.experiment.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.model.RunProgress;
import io.somnus.experiment.stdp.StdpResumeTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --resume} of a run whose rule of one's own changed under the same name ({@code rule: class}): the same
 * configuration, so the resume refuses before any work, naming the class file that changed and both digests, and
 * leaves the run as it was; with the class it started with, it resumes.
 */
class UserClassResumeTest {
    private static final String RULE = "cr.VersionedRule";

    @TempDir
    Path tmp;

    /** Each file of {@code dir} by name, with its bytes' SHA-256. */
    private static Map<String, String> files(Path dir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.toList()) {
                out.put(p.getFileName().toString(), VersionedRules.sha256(Files.readAllBytes(p)));
            }
        }
        return out;
    }

    @Test
    void aResumeWithAChangedRuleClassIsRefusedAndTheSameClassResumes() throws Exception {
        Path v1 = VersionedRules.compile(tmp.resolve("v1"), "cr", 1);
        Path v2 = VersionedRules.compile(tmp.resolve("v2"), "cr", 2);
        String helper = "cr/VersionedRule$Helper.class";
        String before = VersionedRules.sha256(Files.readAllBytes(v1.resolve(helper)));
        String after = VersionedRules.sha256(Files.readAllBytes(v2.resolve(helper)));
        assertNotEquals(before, after);
        ObjectNode config = StdpResumeTest.config("paper");
        for (JsonNode p : config.path("projections")) {
            if (p.path("name").asText().equals("input_e")) {
                ((ObjectNode) p).putObject("plasticity").put("rule", "class").put("class_name", RULE).putObject("params");
            }
        }
        Path cut = tmp.resolve("cut");
        VersionedRules.withClasses(v1, () -> assertThrows(IllegalStateException.class,
                () -> new StandardRunExecutor().execute(config, cut, StdpResumeTest.stopAt(21))));
        assertTrue(Files.exists(cut.resolve(RunDirectory.RESUME_SNAPSHOT)), "the rule keeps snapshots");
        Map<String, String> was = files(cut);

        VersionedRules.withClasses(v2, () -> {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> new StandardRunExecutor().resumption(cut, false));
            assertTrue(e.getMessage().startsWith("the run in " + cut + " ran its classes of one's own"), e.getMessage());
            assertTrue(e.getMessage().contains("class " + RULE + ": " + RULE + "$Helper had SHA-256 " + before
                    + ", now " + after), e.getMessage());
            assertTrue(e.getMessage().endsWith("Nothing was changed."), e.getMessage());
            assertTrue(e instanceof ChangedUserClassException c && e.getMessage().startsWith(c.reason()
                    + ". Put the class back as it was"), "its reason is the message's first sentence: " + e);
        });
        assertEquals(was, files(cut), "nothing in the run changed");

        VersionedRules.withClasses(v1, () -> new StandardRunExecutor().resume(cut, RunProgress.NONE));
        assertTrue(Files.exists(cut.resolve(RunDirectory.SUMMARY)), "with the class it started with, it resumes");
        Path whole = tmp.resolve("whole");
        VersionedRules.withClasses(v1, () -> new StandardRunExecutor().execute(config, whole, RunProgress.NONE));
        for (String f : StdpResumeTest.RESULTS) {
            assertArrayEquals(Files.readAllBytes(whole.resolve(f)), Files.readAllBytes(cut.resolve(f)), f);
        }
    }
}
