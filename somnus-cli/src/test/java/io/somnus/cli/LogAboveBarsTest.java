package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.experiment.sweep.SweepPlan;
import io.somnus.experiment.sweep.SweepPlanner;
import io.somnus.experiment.sweep.SweepSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A library's java.util.logging record while bars are live on a terminal (faked: a byte stream, which the root
 * logger's console handler also writes to, as the JVM's writes to stderr): it shows above the bars, which stay whole
 * below it. Printed among them by the console handler, the bars' next drawing wrote over it.
 */
class LogAboveBarsTest {
    private final Logger root = Logger.getLogger("");
    private final Logger library = Logger.getLogger("io.somnus.cli.test.library");
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream terminal = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private Handler[] before;
    private ConsoleHandler console;

    @BeforeEach
    void consoleOnTheFakeTerminal() {
        before = root.getHandlers();
        for (Handler h : before) {
            root.removeHandler(h);
        }
        PrintStream err = System.err;
        try {
            System.setErr(terminal); // a ConsoleHandler writes to System.err as it was when made
            console = new ConsoleHandler();
        } finally {
            System.setErr(err);
        }
        console.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord r) {
                return r.getLevel() + ": " + formatMessage(r) + System.lineSeparator();
            }
        });
        root.addHandler(console);
    }

    @AfterEach
    void handlersAsBefore() {
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        for (Handler h : before) {
            root.addHandler(h);
        }
    }

    @Test
    void aRecordLoggedWhileTrainsBarIsLiveShowsAboveIt() {
        assertLoggedAboveTrainsBar(terminal, bytes, "WARNING: Failed to load implementation from: "
                + "dev.ludovic.netlib.blas.JNIBLAS", () -> {
                    library.warning("Failed to load implementation from: dev.ludovic.netlib.blas.JNIBLAS");
                    library.fine("below the console's level: not said");
                });
        assertEquals(List.of(console), List.of(root.getHandlers()), "the console handler back once the bar closed");
    }

    /**
     * {@code log} run between two drawings of train's live bar on {@code terminal} (which writes into {@code bytes})
     * leaves two lines on the screen: {@code expected}, then the bar's last drawing.
     */
    static void assertLoggedAboveTrainsBar(PrintStream terminal, ByteArrayOutputStream bytes, String expected,
            Runnable log) {
        try (Progress p = new Progress("train", 10, terminal, true)) {
            p.update("train", 3, 10);
            p.note("train", "checkpoint 1/2: readouts"); // drawn at once
            log.run();
            p.note("train", "checkpoint 2/2: readouts"); // the bar's next drawing
        }
        List<String> screen = TerminalBarsTest.screen(bytes.toString(StandardCharsets.UTF_8));
        String all = String.join("\n", screen);
        assertEquals(2, screen.size(), all);
        assertEquals(expected, screen.get(0), all);
        assertTrue(screen.get(1).startsWith("train") && screen.get(1).contains("checkpoint 2/2"), all);
    }

    @Test
    void aRecordLoggedWhileASweepsBarsAreLiveShowsAboveThem() {
        SweepPlan plan = twoRuns();
        String said = "somnus sweep: a message after the record";
        try (ConsoleSweepListener listener = new ConsoleSweepListener(terminal, true, 2, 3600)) {
            listener.started(plan, plan.runs(), List.of());
            listener.runStarted(1, plan.runs().get(0).runId());
            library.severe("database is locked");
            listener.message(said);
        }
        List<String> screen = TerminalBarsTest.screen(bytes.toString(StandardCharsets.UTF_8));
        String all = String.join("\n", screen);
        int record = screen.indexOf("SEVERE: database is locked");
        assertTrue(record >= 0 && screen.indexOf(said) == record + 1, all);
        assertEquals(3, screen.size() - record - 2, "the three bars below them: " + all);
        assertTrue(screen.subList(record + 2, screen.size()).stream().allMatch(l -> l.startsWith("sweep")
                || l.startsWith("worker")), all);
        assertEquals(List.of(console), List.of(root.getHandlers()), "the console handler back once the bars closed");
    }

    /** A sweep of two runs, for its bars. */
    static SweepPlan twoRuns() {
        return SweepPlanner.plan(SweepSpec.parse(Path.of("s.yaml"), "name: tty\npresets: [paper]\n"
                + "datasets: [geomfig]\nsleep_fractions: [0.0]\nseeds: [1, 2]\n"), Fakes.resolver());
    }

    /** Off a terminal the bar prints lines, and the console handler prints the record as ever. */
    @Test
    void offATerminalTheConsoleHandlerStays() {
        try (Progress p = new Progress("train", 10, terminal, false)) {
            assertEquals(List.of(console), List.of(root.getHandlers()));
            library.warning("as ever");
        }
        console.flush();
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("WARNING: as ever"));
    }
}
