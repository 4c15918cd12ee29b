package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher runs a copy of its build's Somnus jars, so that a later build, which rewrites the jars in target/ in
 * place, cannot change or break a JVM still running (a sweep's later runs): checked on a checkout of the launcher and
 * its scripts with stand-in jars and no sources (so nothing is built), through the class path it prints.
 */
class LauncherBuildCopyTest {
    @TempDir
    Path root;

    @Test
    void eachBuildRunsFromItsOwnCopyAndACopyIsRemovedOnlyOnceNoJvmHoldsIt() throws Exception {
        assumeTrue(ScriptRun.onPath("flock"), "no flock here");
        Files.copy(ScriptRun.launcher(), root.resolve("somnus"));
        Files.createDirectories(root.resolve("scripts"));
        for (String s : List.of("utf8-locale", "openblas-coretype", "heap-huge-pages")) {
            Files.copy(ScriptRun.script(s), root.resolve("scripts").resolve(s));
        }
        Path target = Files.createDirectories(root.resolve("somnus-cli/target/lib"));
        Files.writeString(target.resolve("somnus-core-0.1.0-SNAPSHOT.jar"), "core, first build");
        Files.writeString(target.resolve("dependency-1.0.jar"), "a library");
        Path jar = Files.writeString(root.resolve("somnus-cli/target/somnus-cli-0.1.0-SNAPSHOT.jar"), "cli");
        Path stamp = Files.writeString(root.resolve("somnus-cli/target/.built"), "");

        Path first = copyOnTheClassPath();
        assertArrayEquals("core, first build".getBytes(), Files.readAllBytes(first.resolve("somnus-core-0.1.0-SNAPSHOT.jar")));
        assertArrayEquals(Files.readAllBytes(jar), Files.readAllBytes(first.resolve("somnus-cli-0.1.0-SNAPSHOT.jar")));

        // a second build: its jars rewritten in place, its stamp newer; the first copy is kept while a JVM holds it
        Files.writeString(target.resolve("somnus-core-0.1.0-SNAPSHOT.jar"), "core, second build");
        Files.setLastModifiedTime(stamp, FileTime.from(Instant.now().plusSeconds(5)));
        Files.setLastModifiedTime(first, FileTime.from(Instant.now().minusSeconds(3600)));
        // one process holding the lock, as the launcher's JVM does (flock COMMAND would leave it with its child too)
        Process holder = new ProcessBuilder("bash", "-c", "exec 8< \"$0\"; flock -s 8; exec sleep 60",
                first.resolve(".lock").toString()).start();
        try {
            Thread.sleep(300); // (the holder takes its lock)
            Path second = copyOnTheClassPath();
            assertFalse(second.equals(first));
            assertArrayEquals("core, second build".getBytes(),
                    Files.readAllBytes(second.resolve("somnus-core-0.1.0-SNAPSHOT.jar")));
            assertArrayEquals("core, first build".getBytes(),
                    Files.readAllBytes(first.resolve("somnus-core-0.1.0-SNAPSHOT.jar")), "a held copy was changed");
        } finally {
            holder.destroy();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
        copyOnTheClassPath();
        assertFalse(Files.exists(first), "a copy no JVM holds was kept");
    }

    /** Runs the launcher's option printout; returns the copy its class path starts with (checked for the rest). */
    private Path copyOnTheClassPath() throws Exception {
        ScriptRun r = ScriptRun.run(root.resolve("somnus"), Map.of("SOMNUS_PRINT_JVM_OPTIONS", "1",
                "OPENBLAS_CORETYPE", ""));
        assertEquals(0, r.exit(), r.output());
        List<String> lines = r.output().lines().toList();
        String cp = lines.get(lines.indexOf("-cp") + 1);
        String[] entries = cp.split(":");
        assertTrue(entries[0].startsWith(root.resolve("somnus-cli/target/launch").toString()) && entries[0].endsWith("/*"),
                cp);
        // the libraries from lib/, but not the build's own jars there (which the next build rewrites)
        assertTrue(Stream.of(entries).anyMatch(e -> e.endsWith("/lib/dependency-1.0.jar")), cp);
        assertFalse(cp.contains("/lib/somnus-") || cp.contains("/lib/*"), cp);
        return Path.of(entries[0].substring(0, entries[0].length() - 2));
    }
}
