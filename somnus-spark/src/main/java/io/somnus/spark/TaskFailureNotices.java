package io.somnus.spark;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.TaskFailedReason;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Says on the driver's console when a run's task fails or an executor goes, and that Spark retries: the sweep's
 * own progress shows a retried run only as a longer one.
 */
final class TaskFailureNotices extends SparkListener {
    private final PrintStream out;
    private final int attempts;
    /** Stage id to the run it executes (the job description {@link SparkRunExecutor} sets). */
    private final Map<Integer, String> runOfStage = new ConcurrentHashMap<>();

    TaskFailureNotices(PrintStream out, int attempts) {
        this.out = out;
        this.attempts = attempts;
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted stage) {
        String description = stage.properties() == null ? null : stage.properties().getProperty("spark.job.description");
        if (description != null) {
            runOfStage.put(stage.stageInfo().stageId(), description);
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        String run = runOfStage.getOrDefault(end.stageId(), "stage " + end.stageId());
        if (end.reason() instanceof TaskFailedReason failed) {
            out.println("spark: run " + run + ": task attempt " + (end.taskInfo().attemptNumber() + 1) + " on executor "
                    + end.taskInfo().executorId() + " (" + end.taskInfo().host() + ") failed: " + firstLine(failed.toErrorString())
                    + (!failed.countTowardsTaskFailures() ? " [not counted towards the " + attempts + " attempts]; Spark reschedules it"
                    : end.taskInfo().attemptNumber() + 1 < attempts ? "; Spark retries it" : "; that was the last of "
                    + attempts + " attempts"));
        } else {
            runOfStage.remove(end.stageId());
        }
    }

    @Override
    public void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
        out.println("spark: executor " + removed.executorId() + " removed: " + removed.reason());
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
