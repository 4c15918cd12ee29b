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
import java.util.stream.Stream;

/**
 * One run of a script of the checkout (one of its {@code scripts/}, or the launcher): its exit status and its output
 * (stdout and stderr).
 */
record ScriptRun(int exit, String output) {
    /** {@code scripts/NAME} of the checkout, seen from a module's directory (where Maven runs the tests). */
    static Path script(String name) {
        return Path.of("..", "scripts", name).toAbsolutePath().normalize();
    }

    /** The launcher, {@code somnus} at the checkout's root, seen from a module's directory. */
    static Path launcher() {
        return Path.of("..", "somnus").toAbsolutePath().normalize();
    }

    /** Whether an executable named {@code command} is in a directory of {@code PATH} (a script's prerequisite). */
    static boolean onPath(String command) {
        return Stream.of(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, command)));
    }

    /** Whether {@code script} can run against its checkout's history (git, and the checkout's .git; CI's clone has both). */
    static boolean withHistory(Path script) {
        return onPath("git") && Files.exists(script.getParent().resolveSibling(".git"));
    }

    static ScriptRun run(Path script, String... args) throws IOException, InterruptedException {
        return run(script, Map.of(), args);
    }

    /** {@link #run(Path, String...)} with {@code env} added to (or replacing entries of) this process's environment. */
    static ScriptRun run(Path script, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        assertTrue(Files.isExecutable(script), script + " is missing or not executable");
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new ScriptRun(p.waitFor(), out);
    }

    /** A script run with these arguments (a test's own {@code run}). */
    interface Runner {
        ScriptRun run(String... args) throws IOException, InterruptedException;
    }

    /**
     * Asserts that a probe (scripts/host-probe, scripts/bandwidth-probe: the checks of scripts/probe-args.sh) refuses a
     * SECONDS that is not positive, a CPU that is not a number and a CPU it may not run on, naming each.
     */
    static void assertRefusesBadSecondsAndCpu(Runner probe) throws IOException, InterruptedException {
        probe.run("0").assertRefused("SECONDS must be a positive number, got '0'");
        probe.run("1", "first").assertRefused("CPU must be a CPU number, got 'first'");
        probe.run("1", "4096").assertRefused("cannot run on CPU 4096");
    }

    /** Asserts that the script refused its arguments: exit status 2 and {@code message} in its output. */
    void assertRefused(String message) {
        assertEquals(2, exit, output);
        assertTrue(output.contains(message), "no '" + message + "' in:\n" + output);
    }
}
