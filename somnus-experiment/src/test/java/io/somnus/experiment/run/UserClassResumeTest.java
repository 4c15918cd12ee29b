package io.somnus.experiment.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.model.RunProgress;
import io.somnus.experiment.stdp.StdpResumeTest;
import io.somnus.synapse.Plasticity;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
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

    /**
     * {@code cr.VersionedRule}, a rule that keeps a (empty) resume snapshot and changes nothing, compiled into
     * {@code dir} with {@code helper} as the constant of its nested class {@code Helper}: two versions that differ
     * only in a nested class's file.
     */
    private static Path compile(Path dir, int helper) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src/cr")).resolve("VersionedRule.java");
        Files.writeString(src, "package cr;\n"
                + "public final class VersionedRule implements io.somnus.synapse.Plasticity {\n"
                + "  private final double dtMs;\n"
                + "  public VersionedRule(java.util.Map<String, Object> params, double dtMs) { this.dtMs = dtMs; }\n"
                + "  static final class Helper { static final int STEP = " + helper + "; }\n"
                + "  @Override public void apply(io.somnus.synapse.Projection p, int step) { }\n"
                + "  @Override public String name() { return \"versioned\"; }\n"
                + "  @Override public double dtMs() { return dtMs + 0 * Helper.STEP; }\n"
                + "  @Override public void writeState(io.somnus.synapse.Projection p, java.io.DataOutput out) { }\n"
                + "  @Override public void readState(io.somnus.synapse.Projection p, java.io.DataInput in) { }\n"
                + "}\n");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "the tests run on a JDK");
        String core = Path.of(java.net.URI.create(Plasticity.class.getProtectionDomain().getCodeSource().getLocation()
                .toString())).toString();
        assertEquals(0, javac.run(null, null, null, "-cp", core, "-d", classes.toString(), src.toString()));
        return classes;
    }

    private interface Work {
        void run() throws Exception;
    }

    /** Runs {@code work} with the context's class loader reading {@code classes} (ClassRules loads through it). */
    private static void withClasses(Path classes, Work work) throws Exception {
        ClassLoader saved = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new java.net.URL[] {classes.toUri().toURL()}, saved)) {
            Thread.currentThread().setContextClassLoader(loader);
            work.run();
        } finally {
            Thread.currentThread().setContextClassLoader(saved);
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** Each file of {@code dir} by name, with its bytes' SHA-256. */
    private static Map<String, String> files(Path dir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.toList()) {
                out.put(p.getFileName().toString(), sha256(Files.readAllBytes(p)));
            }
        }
        return out;
    }

    @Test
    void aResumeWithAChangedRuleClassIsRefusedAndTheSameClassResumes() throws Exception {
        Path v1 = compile(tmp.resolve("v1"), 1);
        Path v2 = compile(tmp.resolve("v2"), 2);
        String helper = "cr/VersionedRule$Helper.class";
        String before = sha256(Files.readAllBytes(v1.resolve(helper)));
        String after = sha256(Files.readAllBytes(v2.resolve(helper)));
        assertNotEquals(before, after);
        ObjectNode config = StdpResumeTest.config("paper");
        for (com.fasterxml.jackson.databind.JsonNode p : config.path("projections")) {
            if (p.path("name").asText().equals("input_e")) {
                ((ObjectNode) p).putObject("plasticity").put("rule", "class").put("class_name", RULE).putObject("params");
            }
        }
        Path cut = tmp.resolve("cut");
        withClasses(v1, () -> assertThrows(IllegalStateException.class,
                () -> new StandardRunExecutor().execute(config, cut, StdpResumeTest.stopAt(21))));
        assertTrue(Files.exists(cut.resolve(RunDirectory.RESUME_SNAPSHOT)), "the rule keeps snapshots");
        Map<String, String> was = files(cut);

        withClasses(v2, () -> {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> new StandardRunExecutor().resumption(cut, false));
            assertTrue(e.getMessage().startsWith("the run in " + cut + " ran its classes of one's own"), e.getMessage());
            assertTrue(e.getMessage().contains("class " + RULE + ": " + RULE + "$Helper had SHA-256 " + before
                    + ", now " + after), e.getMessage());
            assertTrue(e.getMessage().endsWith("Nothing was changed."), e.getMessage());
        });
        assertEquals(was, files(cut), "nothing in the run changed");

        withClasses(v1, () -> new StandardRunExecutor().resume(cut, RunProgress.NONE));
        assertTrue(Files.exists(cut.resolve(RunDirectory.SUMMARY)), "with the class it started with, it resumes");
        Path whole = tmp.resolve("whole");
        withClasses(v1, () -> new StandardRunExecutor().execute(config, whole, RunProgress.NONE));
        for (String f : StdpResumeTest.RESULTS) {
            assertArrayEquals(Files.readAllBytes(whole.resolve(f)), Files.readAllBytes(cut.resolve(f)), f);
        }
    }
}
