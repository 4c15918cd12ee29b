package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Lines written by two threads to one stream in a log (stderr no terminal): a sweep's two workers' lines, and train's
 * lines said beside its bar's, each come out whole, and each thread's in the order it wrote them. Every such line is
 * written in one critical section, the stream's own ({@code PrintStream.println}) or the writer's, never as parts.
 */
class ConcurrentLinesTest {
    /** Lines each thread writes: enough that two threads' writes meet many times on two cores. */
    private static final int LINES = 3000;
    /** A line of thread 1 or 2 (a sweep note ends with its run: " run-1"). */
    private static final Pattern LINE = Pattern.compile(".*\\bthread (\\d) line (\\d+) end( run-\\d)?");

    /** Two workers' checkpoint notes and messages through one sweep listener writing a log. */
    @Test
    void aSweepsWorkersLinesComeOutWholeAndInOrder() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ConsoleSweepListener listener = new ConsoleSweepListener(new PrintStream(bytes, true,
                StandardCharsets.UTF_8), false, 2, 3600)) {
            inTwoThreads((thread, n) -> {
                if (n % 2 == 0) {
                    listener.runNote(thread, "run-" + thread, "train", "thread " + thread + " line " + n + " end");
                } else {
                    listener.message("[worker " + thread + "] thread " + thread + " line " + n + " end");
                }
            });
        }
        assertWholeAndInOrder(bytes.toString(StandardCharsets.UTF_8));
    }

    /** Lines said beside a training's bar, by two threads, while the bar's own thread draws its lines. */
    @Test
    void linesSaidBesideABarComeOutWholeAndInOrder() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Progress progress = new Progress("train", LINES, new PrintStream(bytes, true, StandardCharsets.UTF_8),
                false)) {
            inTwoThreads((thread, n) -> {
                progress.say("somnus: thread " + thread + " line " + n + " end");
                if (thread == 1) {
                    progress.update("train", n, LINES);
                }
            });
        }
        assertWholeAndInOrder(bytes.toString(StandardCharsets.UTF_8));
    }

    /** Runs {@code write} for lines 1 to {@link #LINES} in threads 1 and 2 at once. */
    private static void inTwoThreads(BiConsumer<Integer, Integer> write) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 1; t <= 2; t++) {
            int thread = t;
            threads.add(new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int n = 1; n <= LINES; n++) {
                    write.accept(thread, n);
                }
            }));
        }
        threads.forEach(Thread::start);
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
    }

    /**
     * Every line that names a thread is one whole line of it, and each thread's lines come 1, 2, … {@link #LINES}: a
     * line torn by another's write would either not match or break the count.
     */
    private static void assertWholeAndInOrder(String log) {
        int[] next = {0, 1, 1};
        for (String line : log.split("\n", -1)) {
            if (!line.contains("thread ")) {
                continue; // the bar's own lines, the sweep's summary
            }
            Matcher m = LINE.matcher(line);
            assertTrue(m.matches() && line.indexOf("thread ") == line.lastIndexOf("thread "), "a torn line: " + line);
            int thread = Integer.parseInt(m.group(1));
            assertEquals(next[thread], Integer.parseInt(m.group(2)), "thread " + thread + "'s lines out of order");
            next[thread]++;
        }
        assertEquals(LINES + 1, next[1], "thread 1's lines all there");
        assertEquals(LINES + 1, next[2], "thread 2's lines all there");
    }
}
