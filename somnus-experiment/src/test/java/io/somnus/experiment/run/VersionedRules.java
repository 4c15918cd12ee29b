package io.somnus.experiment.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.somnus.synapse.Plasticity;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Two versions of one rule of one's own, {@code PKG.VersionedRule}, compiled in a test, that differ only in their
 * nested class's file: what a resume must tell apart although the configuration is the same.
 */
public final class VersionedRules {
    private VersionedRules() { }

    /** Work run with a class loader that reads compiled rules. */
    public interface Work {
        /** The work. */
        void run() throws Exception;
    }

    /**
     * {@code pkg.VersionedRule}, a rule that changes nothing and keeps an (empty) resume snapshot, compiled into
     * {@code dir/classes} with {@code helper} as the constant of its nested class {@code Helper}.
     *
     * @return the classes directory
     */
    public static Path compile(Path dir, String pkg, int helper) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src").resolve(pkg)).resolve("VersionedRule.java");
        Files.writeString(src, "package " + pkg + ";\n"
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
        String core = Path.of(URI.create(Plasticity.class.getProtectionDomain().getCodeSource().getLocation()
                .toString())).toString();
        assertEquals(0, javac.run(null, null, null, "-cp", core, "-d", classes.toString(), src.toString()));
        return classes;
    }

    /** Runs {@code work} with the context's class loader reading {@code classes} (classes of one's own load through it). */
    public static void withClasses(Path classes, Work work) throws Exception {
        ClassLoader saved = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, saved)) {
            Thread.currentThread().setContextClassLoader(loader);
            work.run();
        } finally {
            Thread.currentThread().setContextClassLoader(saved);
        }
    }

    /** The SHA-256 of {@code bytes}, in lower-case hex. */
    public static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
