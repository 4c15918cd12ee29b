package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.experiment.sweep.SweepPlan;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Spark's Log4j 2 lines while a bar is live on a terminal (faked: a byte stream, which a console appender made
 * meanwhile writes to, as Log4j's writes to stderr): they show above the bar, which stays whole below them. Printed
 * among the bars by the console appender, the bar's next drawing wrote over them.
 */
class Log4jAboveBarsTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream terminal = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private LoggerContext context;

    /** Log4j 2 configured as ./somnus configures it for Spark (log4j2-driver.properties): WARN and up to stderr. */
    @BeforeEach
    void consoleAppenderOnTheFakeTerminal() {
        ConfigurationBuilder<BuiltConfiguration> b = ConfigurationBuilderFactory.newConfigurationBuilder();
        b.setStatusLevel(Level.ERROR);
        b.add(b.newAppender("console", "Console").addAttribute("target", ConsoleAppender.Target.SYSTEM_ERR)
                .add(b.newLayout("PatternLayout").addAttribute("pattern", "%p %c{1}: %m%n")));
        b.add(b.newRootLogger(Level.WARN).add(b.newAppenderRef("console")));
        PrintStream err = System.err;
        try {
            System.setErr(terminal); // a console appender writes to System.err as it was when made
            Configuration configuration = b.build();
            context = Configurator.initialize(configuration);
            if (context.getConfiguration() != configuration) { // a context an earlier test started
                context.reconfigure(configuration);
            }
        } finally {
            System.setErr(err);
        }
    }

    @AfterEach
    void contextStopped() {
        Configurator.shutdown(context);
    }

    @Test
    void aSparkWarningLoggedWhileTrainsBarIsLiveShowsAboveIt() {
        Logger spark = LogManager.getLogger("org.apache.spark.scheduler.TaskSetManager");
        LogAboveBarsTest.assertLoggedAboveTrainsBar(terminal, bytes, "WARN TaskSetManager: Lost task 0.0 in stage 1.0 (TID 1)",
                () -> {
                    spark.warn("Lost task 0.0 in stage 1.0 (TID 1)");
                    spark.info("below the root logger's level: not said");
                });
        List<Appender> appenders = List.copyOf(context.getConfiguration().getRootLogger().getAppenders().values());
        assertEquals(1, appenders.size(), "only the console appender once the bar closed: " + appenders);
        assertInstanceOf(ConsoleAppender.class, appenders.get(0));
    }

    @Test
    void aSparkErrorLoggedWhileASweepsBarsAreLiveShowsAboveThemWithItsException() {
        SweepPlan plan = LogAboveBarsTest.twoRuns();
        String said = "somnus sweep: a message after the line";
        IllegalStateException e = new IllegalStateException("no master");
        e.setStackTrace(new StackTraceElement[0]); // its line alone
        try (ConsoleSweepListener listener = new ConsoleSweepListener(terminal, true, 2, 3600)) {
            listener.started(plan, plan.runs(), List.of());
            listener.runStarted(1, plan.runs().get(0).runId());
            LogManager.getLogger("org.apache.spark.SparkContext").error("Error initializing SparkContext.", e);
            listener.message(said);
        }
        List<String> screen = TerminalBarsTest.screen(bytes.toString(StandardCharsets.UTF_8));
        String all = String.join("\n", screen);
        assertTrue(screen.get(0).startsWith("sweep 'tty': 2 runs"), all);
        assertEquals(List.of("ERROR SparkContext: Error initializing SparkContext.",
                "java.lang.IllegalStateException: no master", said), screen.subList(1, 4), "above the bars: " + all);
        assertEquals(7, screen.size(), "the three bars below them, none torn above: " + all);
        assertTrue(screen.subList(4, 7).stream().allMatch(l -> l.startsWith("sweep") || l.startsWith("worker")), all);
    }
}
