package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher ({@code somnus} at the checkout's root) runs {@code $JAVA_HOME/bin/java} when {@code JAVA_HOME} is set,
 * and stops before it builds or runs anything, with exit status 2 and a message naming the binary, when that is no
 * Java or one older than 17.
 */
class LauncherJavaTest {
    private static final Path LAUNCHER = ScriptRun.launcher();

    @TempDir
    Path javaHome;

    private ScriptRun launch() throws IOException, InterruptedException {
        return ScriptRun.run(LAUNCHER, Map.of("JAVA_HOME", javaHome.toString()), "--version");
    }

    /** A fake {@code bin/java} under {@link #javaHome} that prints {@code -XshowSettings}'s line for {@code spec}. */
    private void fakeJava(String spec) throws IOException {
        Path java = javaHome.resolve("bin/java");
        Files.createDirectories(java.getParent());
        Files.writeString(java, "#!/bin/sh\necho '    java.specification.version = " + spec + "' >&2\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void aJavaHomeWithoutJavaStopsTheLauncherNamingIt() throws Exception {
        ScriptRun r = launch();
        assertEquals(2, r.exit(), r.output());
        assertTrue(r.output().contains("needs Java 17 or later; " + javaHome.resolve("bin/java") + " (from JAVA_HOME)"),
                r.output());
        assertFalse(r.output().contains("building"), "it must stop before building: " + r.output());
    }

    @Test
    void aJavaOlderThan17StopsTheLauncherWithItsVersion() throws Exception {
        fakeJava("11");
        ScriptRun r = launch();
        assertEquals(2, r.exit(), r.output());
        assertTrue(r.output().contains("reports '11'"), r.output());
    }
}
