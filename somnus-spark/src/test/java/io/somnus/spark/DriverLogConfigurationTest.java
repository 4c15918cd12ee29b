package io.somnus.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.sweep.EngineOptions;
import java.util.HashSet;
import java.util.Set;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.properties.PropertiesConfigurationFactory;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * The Log4j 2 configuration {@code ./somnus} gives Spark's driver (log4j2-driver.properties): warnings and errors,
 * but not a failed task's trace once per attempt from the executor and the task manager (the driver's notice says
 * its error, the ledger keeps the trace); the task manager's error that aborts the job stays.
 */
class DriverLogConfigurationTest {
    @Test
    void aFailedTasksTraceIsNotPrintedOncePerAttempt() throws Exception {
        String name = "io/somnus/spark/log4j2-driver.properties";
        ConfigurationSource source = ConfigurationSource.fromResource(name, getClass().getClassLoader());
        assertNotNull(source, name);
        Configuration c = new PropertiesConfigurationFactory().getConfiguration(new LoggerContext("driver-log-test"), source);
        c.initialize();
        Level root = c.getRootLogger().getLevel();
        Level executor = c.getLoggerConfig("org.apache.spark.executor.Executor").getLevel();
        Level tasks = c.getLoggerConfig("org.apache.spark.scheduler.TaskSetManager").getLevel();
        assertEquals(Level.WARN, root);
        assertTrue(c.getLoggerConfig("org.apache.spark.storage.BlockManager").getLevel().isLessSpecificThan(Level.WARN),
                "other loggers' warnings are said");
        assertFalse(executor.isLessSpecificThan(Level.ERROR), "Executor's 'Exception in task' with its trace: " + executor);
        assertFalse(tasks.isLessSpecificThan(Level.WARN), "TaskSetManager's 'Lost task' with its trace: " + tasks);
        assertTrue(tasks.isLessSpecificThan(Level.ERROR), "TaskSetManager's 'failed N times; aborting job': " + tasks);
    }

    /**
     * A {@code -Dsomnus.spark.log} that is no level is refused before Spark starts, naming the property and the levels
     * it takes (Spark's own list); a level in small letters is taken.
     */
    @Test
    void aLogLevelSparkDoesNotTakeIsRefusedNamingThePropertyAndTheLevels() {
        assertEquals(new HashSet<>(scala.jdk.javaapi.CollectionConverters.asJava(
                org.apache.spark.SparkContext$.MODULE$.VALID_LOG_LEVELS())), Set.copyOf(SparkSweepEngine.LOG_LEVELS));
        String saved = System.getProperty(SparkSweepEngine.LOG_PROPERTY);
        try {
            System.setProperty(SparkSweepEngine.LOG_PROPERTY, "NOPE");
            ConfigException e = Assertions.assertThrows(
                    ConfigException.class,
                    () -> SparkSweepEngine.open(new EngineOptions("local[1]", 1, null)).close());
            assertEquals("-Dsomnus.spark.log=NOPE: not a log level; use one of OFF, FATAL, ERROR, WARN, INFO, DEBUG, TRACE, "
                    + "ALL (docs/distributed.md)", e.getMessage());
            System.setProperty(SparkSweepEngine.LOG_PROPERTY, "info");
            assertEquals("INFO", SparkSweepEngine.logLevel());
        } finally {
            if (saved == null) {
                System.clearProperty(SparkSweepEngine.LOG_PROPERTY);
            } else {
                System.setProperty(SparkSweepEngine.LOG_PROPERTY, saved);
            }
        }
    }
}
