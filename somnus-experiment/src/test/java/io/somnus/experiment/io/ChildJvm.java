package io.somnus.experiment.io;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A test's second process: a main class of the tests run in a child JVM, which holds something until killed. */
final class ChildJvm implements AutoCloseable {
    private final Process process;

    private ChildJvm(Process process) {
        this.process = process;
    }

    /** Starts {@code main} with {@code args} and waits for its first line, which must start with {@code ready}. */
    static ChildJvm start(Class<?> main, String ready, String... args) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", classpath, main.getName()));
        command.addAll(List.of(args));
        ChildJvm child = new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).start());
        BufferedReader out = new BufferedReader(new InputStreamReader(child.process.getInputStream(),
                StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith(ready)) {
            child.close();
            fail("the child did not say '" + ready + "': " + line);
        }
        return child;
    }

    /** The child's process id. */
    long pid() {
        return process.pid();
    }

    /** Kills the child with SIGKILL (no shutdown hook, no cleanup) and waits for it to end. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the child ended");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while the child ended");
        }
    }
}
