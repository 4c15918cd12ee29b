package io.somnus.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.experiment.io.FileTrees;
import io.somnus.experiment.io.Mappers;
import io.somnus.experiment.model.RunProgress;
import io.somnus.experiment.run.StandardRunExecutor;
import io.somnus.kernel.Kernels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkEnv;
import org.apache.spark.SparkFiles;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;

/**
 * The Spark task of one run, on an executor: executes it with the {@link StandardRunExecutor} into a scratch
 * directory and returns the directory's files. provenance.json records the executor's host (as every run does),
 * its Spark executor id and the task attempt.
 */
final class RemoteRun implements Function<RunTask, RunDirectoryBytes> {
    private static final long serialVersionUID = 1L;

    /**
     * Executes the task's run in a scratch directory, which it deletes, and returns the run directory's files.
     *
     * @throws IOException when the configuration cannot be read or a file of the run cannot be read or written
     */
    @Override
    public RunDirectoryBytes call(RunTask task) throws IOException {
        ObjectNode config = (ObjectNode) Mappers.JSON.readTree(task.configJson());
        Path dataHome = task.dataDirName() == null ? null : Path.of(SparkFiles.get(task.dataDirName()));
        Map<String, Object> site = new LinkedHashMap<>();
        site.put("engine", SparkSweepEngine.NAME);
        site.put("spark_executor_id", SparkEnv.get().executorId());
        TaskContext context = TaskContext.get();
        site.put("spark_task_attempt", context == null ? 0 : context.attemptNumber());
        site.put("data_shipped_from_driver", dataHome != null);
        Path scratch = Files.createTempDirectory("somnus-run-");
        try {
            Path dir = scratch.resolve("run");
            new StandardRunExecutor(Kernels.preferred(), dataHome, site).execute(config, dir, RunProgress.NONE);
            return RunDirectoryBytes.read(dir);
        } finally {
            FileTrees.deleteRecursively(scratch);
        }
    }
}
