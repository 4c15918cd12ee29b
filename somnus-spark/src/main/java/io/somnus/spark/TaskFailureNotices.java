package io.somnus.spark;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.spark.TaskFailedReason;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Says on the driver's console when a run's task fails or an executor goes, and that Spark retries: the sweep's
 * own progress shows a retried run only as a longer one. On {@code out} (stderr), or through what
 * {@link #sayThrough} gave (the CLI's sweep listener, above its progress bars).
 */
final class TaskFailureNotices extends SparkListener {
    private final PrintStream out;
    private final int attempts;
    /** Where a notice goes: {@code out}, or what {@link #sayThrough} gave. Spark's listener bus thread reads it. */
    private volatile Consumer<String> say;
    /** Stage id to the run it executes (the job description {@link SparkRunExecutor} sets). */
    private final Map<Integer, String> runOfStage = new ConcurrentHashMap<>();

    TaskFailureNotices(PrintStream out, int attempts) {
        this.out = out;
        this.attempts = attempts;
        this.say = out::println;
    }

    /** Says the notices through {@code lines} from now on; {@code null}: on {@code out} again. */
    void sayThrough(Consumer<String> lines) {
        say = lines != null ? lines : out::println;
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
            say.accept("spark: run " + run + ": task attempt " + (end.taskInfo().attemptNumber() + 1) + " on executor "
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
        say.accept("spark: executor " + removed.executorId() + " removed: " + removed.reason());
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
