package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The options the launcher gives the JVM make it warn of nothing but the incubating Vector API (which JDK 17 cannot
 * be told to keep quiet about), on every JDK of this machine: an {@code --add-opens} of a package a newer JDK removed
 * printed "WARNING: package sun.security.action not in java.base" before every command on Temurin 25. Checked with
 * Spark's options too, on a checkout of the launcher and its scripts with stand-in jars (so nothing is built).
 */
class LauncherJvmWarningsTest {
    private static final String INCUBATOR = "WARNING: Using incubator modules: jdk.incubator.vector";

    @TempDir
    Path root;

    @Test
    void theLaunchersOptionsWarnOfNothingButTheVectorApiOnEveryJdkHere() throws Exception {
        Files.copy(ScriptRun.launcher(), root.resolve("somnus"));
        Files.createDirectories(root.resolve("scripts"));
        for (String s : List.of("utf8-locale", "openblas-coretype", "heap-huge-pages")) {
            Files.copy(ScriptRun.script(s), root.resolve("scripts").resolve(s));
        }
        Files.writeString(Files.createDirectories(root.resolve("somnus-cli/target/lib"))
                .resolve("somnus-core-0.1.0-SNAPSHOT.jar"), "core");
        Files.createDirectories(root.resolve("somnus-spark/target/lib")); // Spark's options, as a full build has them
        Files.writeString(root.resolve("somnus-cli/target/somnus-cli-0.1.0-SNAPSHOT.jar"), "cli");
        Files.writeString(root.resolve("somnus-cli/target/.built"), "");

        Set<Path> jdks = jdks();
        for (Path jdk : jdks) {
            ScriptRun options = ScriptRun.run(root.resolve("somnus"), Map.of("JAVA_HOME", jdk.toString(),
                    "SOMNUS_PRINT_JVM_OPTIONS", "1", "OPENBLAS_CORETYPE", ""));
            assertEquals(0, options.exit(), jdk + ": " + options.output());
            List<String> command = new ArrayList<>(List.of(jdk.resolve("bin/java").toString()));
            command.addAll(options.output().lines().toList());
            assertTrue(command.stream().anyMatch(o -> o.startsWith("--add-opens=java.base/sun.nio.ch")),
                    "no Spark options: " + command);
            command.add("-version");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), jdk + ": " + out);
            List<String> warnings = out.lines().filter(l -> l.contains("WARNING")).toList();
            assertEquals(List.of(INCUBATOR), warnings, jdk + " warned:\n" + out);
        }
    }

    /** This JVM's JDK and every JDK 17 or later under /usr/lib/jvm, each once (its real path). */
    private static Set<Path> jdks() throws IOException {
        Set<Path> jdks = new TreeSet<>();
        jdks.add(Path.of(System.getProperty("java.home")).toRealPath());
        Path jvm = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvm)) {
            try (Stream<Path> s = Files.list(jvm)) {
                for (Path d : s.toList()) {
                    if (Files.isExecutable(d.resolve("bin/java")) && Files.isRegularFile(d.resolve("release"))
                            && featureVersion(d) >= 17) {
                        jdks.add(d.toRealPath());
                    }
                }
            }
        }
        return jdks;
    }

    /** The JDK's feature version from its {@code release} file (JAVA_VERSION="25.0.1"); 0 where it says none. */
    private static int featureVersion(Path jdk) throws IOException {
        for (String line : Files.readAllLines(jdk.resolve("release"))) {
            if (line.startsWith("JAVA_VERSION=")) {
                String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                String feature = v.split("[.+-]")[0];
                return feature.matches("\\d+") ? Integer.parseInt(feature) : 0;
            }
        }
        return 0;
    }
}
