package io.somnus.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.junit.jupiter.api.Test;

/** The driver's notices go to stderr, or through what the sweep gave (its listener, above the bars), and back. */
class TaskFailureNoticesTest {
    @Test
    void aNoticeGoesThroughWhatItWasGivenAndOtherwiseToItsStream() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TaskFailureNotices notices = new TaskFailureNotices(new PrintStream(bytes, true, StandardCharsets.UTF_8), 2);
        List<String> said = new ArrayList<>();
        notices.onExecutorRemoved(new SparkListenerExecutorRemoved(0L, "1", "worker lost"));
        notices.sayThrough(said::add);
        notices.onExecutorRemoved(new SparkListenerExecutorRemoved(0L, "2", "heartbeat timed out"));
        notices.sayThrough(null);
        notices.onExecutorRemoved(new SparkListenerExecutorRemoved(0L, "3", "killed"));
        assertEquals(List.of("spark: executor 2 removed: heartbeat timed out"), said);
        assertEquals("spark: executor 1 removed: worker lost\nspark: executor 3 removed: killed\n",
                bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    }
}
