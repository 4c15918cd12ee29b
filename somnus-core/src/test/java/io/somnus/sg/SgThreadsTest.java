package io.somnus.sg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.core.ActiveRuns;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** An SG-SNN run on one thread or two: the same numbers bit for bit, and the choice between them. */
class SgThreadsTest {

    private static <T> T withThreads(String choice, Supplier<T> body) {
        String before = System.getProperty(SgThreading.PROPERTY);
        System.setProperty(SgThreading.PROPERTY, choice);
        try {
            return body.get();
        } finally {
            if (before == null) {
                System.clearProperty(SgThreading.PROPERTY);
            } else {
                System.setProperty(SgThreading.PROPERTY, before);
            }
        }
    }

    private static Map<String, float[]> trained(String threads, SgConfig cfg) {
        try (SgThreading.Scope scope = SgThreading.use(SgThreading.parse(threads))) {
            SgTrainer trainer = new SgTrainer();
            trainer.train(SgTrainerTest.blocks(40, 1), SgTrainerTest.blocks(12, 2), cfg, new SplittableRandom(4),
                    SgListener.NONE);
            return trainer.weights();
        }
    }

    @Test
    void oneThreadAndTwoTrainTheSameWeightsBitForBit() {
        // 600 hidden units: split at 304 (not the middle), 2 hidden layers, sleep after every epoch
        SgConfig base = SgConfig.builder().inputs(16).hidden(600).outputs(3).steps(6).batchSize(8).epochs(2)
                .learningRate(1e-2).sleepRatio(0.99)
                .sleep(new SgSleepConfig(2, 10, 3, 3.0, 0.01, 0.012, 20, 1e-3, 0.2, 0.999)).build();
        SgConfig[] cases = {
            base,
            base.toBuilder().depth(2).loss(SgLoss.MEMBRANE).surrogate(SgSurrogate.ARCTAN).detachReset(false).build(),
            base.toBuilder().encoding(SgInputEncoding.BERNOULLI).loss(SgLoss.PER_STEP_SPIKES).build(),
            base.toBuilder().recurrent(true).depth(2).build(), // recurrent: halves off, products side by side
        };
        assertEquals(304, SgNetwork.splitPoint(600));
        assertEquals(200, SgNetwork.splitPoint(200), "narrow layers stay whole");
        assertTrue(6L * 8 * 600 * 600 >= SgBlas.HALVES_FROM, "depth 2: the 600 × 600 layer's products run in halves");
        Map<String, float[]> baseOnOne = null;
        for (SgConfig cfg : cases) {
            Map<String, float[]> one = trained("1", cfg);
            baseOnOne = baseOnOne == null ? one : baseOnOne;
            Map<String, float[]> two = trained("2", cfg);
            assertEquals(one.keySet(), two.keySet());
            for (String name : one.keySet()) {
                assertArrayEquals(one.get(name), two.get(name), cfg + ": " + name);
            }
        }
        // and the weights moved: the check compares trained networks
        Map<String, float[]> other = trained("2", base.toBuilder().learningRate(2e-2).build());
        assertNotEquals(Arrays.hashCode(other.get("w_in_h")),
                Arrays.hashCode(baseOnOne.get("w_in_h")));
    }

    @Test
    void theChoiceFollowsThePropertyAndTheRunsInProgress() {
        assertTrue(withThreads("2", () -> SgThreading.current().second()));
        assertFalse(withThreads("1", () -> SgThreading.current().second()));
        int processors = Runtime.getRuntime().availableProcessors();
        assertEquals(processors > 1, withThreads("auto", () -> SgThreading.current().second()), "no run counted: one processor is taken");
        ActiveRuns.Entry[] runs = new ActiveRuns.Entry[processors];
        for (int i = 0; i < processors; i++) {
            runs[i] = ActiveRuns.enter();
        }
        try {
            assertFalse(withThreads("auto", () -> SgThreading.current().second()), "one run per processor: no second threads");
        } finally {
            for (ActiveRuns.Entry run : runs) {
                run.close();
                run.close(); // closing twice counts once
            }
        }
        assertEquals(0, ActiveRuns.count());
        // a BLAS on several threads holds processors too: auto leaves them to it
        assertFalse(ActiveRuns.spareProcessor(processors), "the BLAS takes every processor");
        assertEquals(processors > 1, ActiveRuns.spareProcessor(1));
        assertEquals(processors > 2, ActiveRuns.spareProcessor(2));
        try (ActiveRuns.Entry run = ActiveRuns.enter(); ActiveRuns.Entry other = ActiveRuns.enter()) {
            assertEquals(processors > 2, ActiveRuns.spareProcessor(1), "two runs on one thread each");
            assertEquals(processors > 4, ActiveRuns.spareProcessor(2), "two runs on two threads each");
        }
        try (SgThreading.Scope scope = SgThreading.use(SgThreading.ONE)) {
            assertFalse(withThreads("2", () -> SgThreading.current().second()), "a choice in force beats the property");
        }
        assertTrue(withThreads("2", () -> SgThreading.current().second()), "closed: the property again");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> withThreads("3", () -> SgThreading.current().second()));
        assertTrue(e.getMessage().contains("somnus.sg.threads=3"), e.getMessage());
    }

    @Test
    void bothRunsTheSecondTaskOnAnotherThreadAndWaitsForIt() throws Exception {
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        SgThreads.both(true, () -> {
            try {
                assertTrue(started.await(10, TimeUnit.SECONDS), "the second task must run while the first does");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, () -> {
            ranOn.set(Thread.currentThread());
            started.countDown();
        });
        assertNotEquals(Thread.currentThread(), ranOn.get());
        SgThreads.both(false, () -> { }, () -> ranOn.set(Thread.currentThread()));
        assertSame(Thread.currentThread(), ranOn.get(), "not split: both on the caller's thread");
        // a failure of either task reaches the caller, after the other has finished
        boolean[] finished = new boolean[1];
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SgThreads.both(true, () -> {
            throw new IllegalStateException("first");
        }, () -> {
            sleepQuietly();
            finished[0] = true;
        }));
        assertEquals("first", e.getMessage());
        assertTrue(finished[0], "the second task finished before the failure was thrown");
        assertThrows(ArithmeticException.class, () -> SgThreads.both(true, () -> { }, () -> {
            throw new ArithmeticException("second");
        }));
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A thread counts the works it hands to a second thread (what tells a run's CPU time whether its thread saw all
     * its work): a split hand-over and a sleep's noise drawn ahead count one each, work kept on the thread none, and
     * another thread's hand-overs are not this one's.
     */
    @Test
    void aThreadCountsTheWorksItHandsToASecondThread() throws Exception {
        long before = SgThreading.handedOverHere();
        SgThreads.both(false, () -> { }, () -> { });
        assertEquals(before, SgThreading.handedOverHere(), "kept on this thread");
        SgThreads.both(true, () -> { }, () -> { });
        assertEquals(before + 1, SgThreading.handedOverHere(), "one half on a second thread");
        try (SgSleepNoiseAhead ahead = new SgSleepNoiseAhead(new SplittableRandom(1), 0)) {
            assertEquals(before + 2, SgThreading.handedOverHere(), "the noise drawn on a helper");
        }
        Thread other = new Thread(() -> SgThreads.both(true, () -> { }, () -> { }));
        other.start();
        other.join();
        assertEquals(before + 2, SgThreading.handedOverHere(), "another thread's hand-over");
    }
}
