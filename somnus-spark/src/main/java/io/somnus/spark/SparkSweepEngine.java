package io.somnus.spark;

import io.somnus.core.GaussianDraws;
import io.somnus.core.SplittableState;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.run.RunExecutor;
import io.somnus.experiment.sweep.EngineOptions;
import io.somnus.experiment.sweep.SweepEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code --engine spark}: a Spark application whose driver is this process. Each run is one task
 * ({@link SparkRunExecutor}); the ledger, the run directories and the aggregates stay on the driver.
 *
 * <p>Settings: {@code spark.task.maxFailures} = {@code --task-attempts} (for {@code local[N]} the master becomes
 * {@code local[N,attempts]}, Spark's way of retrying in local mode); Spark's default Java serializer (Kryo cannot
 * serialise records); executors get {@code --add-modules jdk.incubator.vector} for the SIMD kernels (the numbers
 * are the same without) and {@code --add-opens java.base/jdk.internal.util.random=ALL-UNNAMED} for
 * {@link io.somnus.core.GaussianDraws} (without, the noise is the executor JDK's own) and {@code --add-opens
 * java.base/java.util=ALL-UNNAMED} for its bulk draws' speed (the same numbers without). Any other {@code spark.*} setting comes from spark-submit or {@code -Dspark.*=...}.
 */
public final class SparkSweepEngine implements SweepEngine {
    /** The engine's name, as {@code --engine spark} selects it and each run's files record it. */
    public static final String NAME = "spark";
    /** The system property that sets Spark's root log level on the driver once Spark has started. */
    static final String LOG_PROPERTY = "somnus.spark.log";
    /** The levels {@code SparkContext.setLogLevel} takes (its {@code VALID_LOG_LEVELS}), least to most verbose. */
    static final List<String> LOG_LEVELS = List.of("OFF", "FATAL", "ERROR", "WARN", "INFO", "DEBUG",
            "TRACE", "ALL");
    private static final Pattern LOCAL = Pattern.compile("local(?:\\[([^\\],]+)])?");
    private static final Pattern TMP_RUN = Pattern.compile("\\.tmp-(.+)-[0-9a-f]{8}");

    private final JavaSparkContext context;
    private final RunExecutor executor;
    private final TaskFailureNotices notices;

    private SparkSweepEngine(JavaSparkContext context, RunExecutor executor, TaskFailureNotices notices) {
        this.context = context;
        this.executor = executor;
        this.notices = notices;
    }

    /**
     * Starts the Spark application.
     *
     * @throws ConfigException for a {@code --data-dir} that is not a folder
     */
    public static SparkSweepEngine open(EngineOptions options) {
        String logLevel = logLevel(); // before Spark starts: a mistyped level costs no start
        Path dataDir = options.dataDir() == null ? null : options.dataDir().toAbsolutePath().normalize();
        if (dataDir != null && !Files.isDirectory(dataDir)) {
            throw new ConfigException("--data-dir " + options.dataDir() + ": not a folder (expected DIR/<dataset>/..., "
                    + "as 'somnus datasets' lays them out)");
        }
        SparkConf conf = new SparkConf(); // reads spark.* system properties, which spark-submit sets
        String master = options.master() != null ? options.master() : conf.get("spark.master", "local[*]");
        conf.setMaster(withLocalRetries(master, options.taskAttempts()));
        conf.setAppName(conf.get("spark.app.name", "somnus sweep"));
        conf.set("spark.task.maxFailures", Integer.toString(options.taskAttempts()));
        conf.set("spark.serializer", "org.apache.spark.serializer.JavaSerializer");
        String opts = conf.get("spark.executor.extraJavaOptions", "");
        if (!opts.contains("jdk.incubator.vector")) {
            opts += " --add-modules jdk.incubator.vector";
        }
        if (!opts.contains(GaussianDraws.OPENS)) {
            opts += " --add-opens " + GaussianDraws.OPENS; // GaussianDraws: the same draws on every JDK
        }
        if (!opts.contains(SplittableState.OPENS)) {
            opts += " --add-opens " + SplittableState.OPENS; // GaussianDraws: bulk draws at full speed
        }
        conf.set("spark.executor.extraJavaOptions", opts.trim());
        if (!master.startsWith("local") && !conf.contains("spark.jars") && !conf.contains("spark.executor.extraClassPath")) {
            Path jar = SomnusJar.find();
            if (jar != null) {
                conf.setJars(new String[] {jar.toString()});
            } else {
                System.err.println("somnus: warning: executors get no somnus jar (no spark.jars, and " + SomnusJar.describe()
                        + " is missing); start the sweep with spark-submit, see docs/distributed.md");
            }
        }
        JavaSparkContext context = new JavaSparkContext(conf);
        try {
            context.setLogLevel(logLevel);
            TaskFailureNotices notices = new TaskFailureNotices(System.err, options.taskAttempts());
            context.sc().addSparkListener(notices);
            String dataName = null;
            if (dataDir != null) {
                context.addFile(dataDir.toString(), true);
                dataName = dataDir.getFileName().toString();
            }
            return new SparkSweepEngine(context, new SparkRunExecutor(context, dataName), notices);
        } catch (RuntimeException e) {
            context.stop();
            throw e;
        }
    }

    /**
     * The root log level {@value #LOG_PROPERTY} names (default {@code WARN}), in capitals.
     *
     * @throws ConfigException naming the property and the levels it takes, for any other value
     */
    static String logLevel() {
        String given = System.getProperty(LOG_PROPERTY, "WARN");
        String level = given.trim().toUpperCase(Locale.ROOT);
        if (!LOG_LEVELS.contains(level)) {
            throw new ConfigException("-D" + LOG_PROPERTY + "=" + given + ": not a log level; use one of "
                    + String.join(", ", LOG_LEVELS) + " (docs/distributed.md)");
        }
        return level;
    }

    /** {@code local[N]} retries a task only when given as {@code local[N,attempts]}; other masters are unchanged. */
    static String withLocalRetries(String master, int attempts) {
        Matcher m = LOCAL.matcher(master.trim());
        if (!m.matches()) {
            return master;
        }
        return "local[" + (m.group(1) == null ? "1" : m.group(1)) + "," + attempts + "]";
    }

    /** The run id in a sweep's temporary run directory name ({@code .tmp-<id>-<nonce>}). */
    static String runLabel(Path runDir) {
        String name = runDir.getFileName().toString();
        Matcher m = TMP_RUN.matcher(name);
        return m.matches() ? m.group(1) : name;
    }

    /** The Spark context, e.g. for a listener. */
    public JavaSparkContext context() {
        return context;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public RunExecutor executor() {
        return executor;
    }

    /** The cluster's cores as Spark counts them now (executors that register later are not counted). */
    @Override
    public int defaultWorkers() {
        return context.defaultParallelism();
    }

    /** A failed task attempt's and a lost executor's line ({@link TaskFailureNotices}) through {@code say}. */
    @Override
    public void noticesTo(Consumer<String> say) {
        notices.sayThrough(say);
    }

    @Override
    public void close() {
        context.stop();
    }
}
