package io.somnus.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.experiment.model.RunProgress;
import io.somnus.experiment.run.RemoteRunException;
import io.somnus.experiment.run.RunExecutor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * On the driver: executes a run as one Spark job of one task ({@link RemoteRun}) and writes the files it returns
 * into the run directory. The sweep's worker threads each wait on their own job, so runs are recorded one by one
 * as their results arrive; Spark retries a failed task and reschedules the tasks of a lost executor.
 */
final class SparkRunExecutor implements RunExecutor {
    private final JavaSparkContext context;
    private final String dataDirName;

    /** @param dataDirName see {@link RunTask#dataDirName()} */
    SparkRunExecutor(JavaSparkContext context, String dataDirName) {
        this.context = context;
        this.dataDirName = dataDirName;
    }

    /**
     * Runs the run's Spark job and writes the files it returned into {@code runDir}.
     *
     * @throws RemoteRunException   when Spark aborted the job (its task failed on every attempt, e.g. refused by the
     *                              run's own configuration check): its message names the run, its cause is Spark's
     *                              {@code org.apache.spark.SparkException}, whose message names the task's own
     *                              exception; a sweep records that as the run's failure
     * @throws IOException          when the returned files cannot be written into {@code runDir}
     * @throws InterruptedException when the sweep's thread is interrupted while it waits on the job
     */
    @Override
    public void execute(ObjectNode config, Path runDir, RunProgress progress) throws IOException, InterruptedException {
        String label = SparkSweepEngine.runLabel(runDir);
        progress.update("on spark", 0, 1);
        context.setJobDescription(label); // per thread: names this run's job and its stage
        List<RunDirectoryBytes> result;
        try {
            result = context.parallelize(List.of(new RunTask(label, config.toString(), dataDirName)), 1)
                    .map(new RemoteRun()).collect();
        } catch (Exception e) { // Spark's Java API throws its checked SparkException undeclared (through Scala)
            if (e instanceof SparkException) {
                throw new RemoteRunException(label, SparkSweepEngine.NAME, e);
            }
            throw e; // unchecked, or an InterruptedException thrown as undeclared
        }
        if (result.size() != 1) {
            throw new IllegalStateException("the Spark job of run " + label + " returned " + result.size() + " results, not 1");
        }
        result.get(0).writeTo(runDir);
        progress.update("on spark", 1, 1);
    }
}
