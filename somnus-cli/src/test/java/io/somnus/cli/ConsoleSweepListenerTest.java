package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.experiment.io.Mappers;
import io.somnus.experiment.sweep.FinishedRun;
import io.somnus.experiment.sweep.PlannedRun;
import io.somnus.experiment.sweep.RunOutcome;
import io.somnus.experiment.sweep.RunStatus;
import io.somnus.experiment.sweep.RunWork;
import io.somnus.experiment.sweep.SweepPlan;
import io.somnus.experiment.sweep.SweepPlanner;
import io.somnus.experiment.sweep.SweepSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleSweepListenerTest {
    /**
     * In a log (not a terminal), the overall line says the time left whole: with four presets pending, "time left
     * unknown: no paper or paper-code or diehl-cook or diehl-cook-recurrent run finished yet" is longer than the bar's
     * 100 columns, which used to cut it ("... or diehl-cook-re"). The line drawn as the bar closes, no run finished.
     */
    @Test
    void aLogSaysThePendingPresetsInFull() {
        SweepPlan plan = SweepPlanner.plan(SweepSpec.parse(Path.of("s.yaml"), "name: log\npresets: [paper, paper-code, "
                + "diehl-cook, diehl-cook-recurrent]\ndatasets: [mnist]\nsleep_fractions: [0.0]\nseeds: [1]\n"),
                Fakes.resolver());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ConsoleSweepListener listener = new ConsoleSweepListener(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                false, 1, 3600)) {
            listener.started(plan, plan.runs(), List.of());
        }
        String whole = "time left unknown: no paper or paper-code or diehl-cook or diehl-cook-recurrent run finished yet";
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("sweep ")
                && l.contains("runs (")).toList();
        assertFalse(lines.isEmpty(), bytes.toString(StandardCharsets.UTF_8));
        for (String l : lines) {
            assertTrue(l.endsWith(whole), l);
            // the bar's times say the elapsed alone where the time left is not one figure: no "?" beside the words
            assertTrue(l.contains(" 0/4 runs (elapsed 0:00) time left unknown"), l);
        }
    }

    /**
     * A resumed sweep (paper, seeds 1 to 3) whose seed 1 finished before the resume in 25 s, its timing.json 10 s of
     * training, 10 s of evaluation, no sleep (f = 0): seed 3 costs those 20 s and 5 s outside them, 25 s, or as a
     * run of unknown work its key's mean run, 25 s. Seed 2 fails (teaching nothing), so the line after it says the
     * time left from seed 1 alone: 0:00:25. Built from the runs to go alone, it said "pending (no paper run done yet)".
     */
    @Test
    void aResumedSweepsTimeLeftLearnsFromTheRunsFinishedBefore(@TempDir Path tmp)
            throws Exception {
        SweepPlan plan = SweepPlanner.plan(SweepSpec.parse(Path.of("s.yaml"), "name: again\npresets: [paper]\n"
                + "datasets: [geomfig]\nsleep_fractions: [0.0]\nseeds: [1, 2, 3]\n"), Fakes.resolver());
        PlannedRun done = plan.runs().get(0);
        Path dir = Files.createDirectories(tmp.resolve(done.runId()));
        Mappers.YAML.writeValue(dir.resolve("config.yaml").toFile(), done.config());
        Files.writeString(dir.resolve("timing.json"), "{\"setup_seconds\": 1, \"presentation_seconds\": 9,"
                + " \"sleep_seconds\": 0, \"evaluation_seconds\": 10, \"wall_seconds\": 24}");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String failedRun = plan.runs().get(1).runId();
        try (ConsoleSweepListener listener = new ConsoleSweepListener(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                false, 1, 3600)) {
            listener.started(plan, plan.runs().subList(1, 3), List.of(new FinishedRun(done, dir, 25, 1)));
            listener.runStarted(1, failedRun);
            listener.runFinished(1, new RunOutcome(failedRun, "", RunStatus.FAILED, false, 1, 3, "boom"));
        }
        String log = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("1 already done, 2 to run"), log);
        assertTrue(log.contains("FAILED " + failedRun + " (3.0 s): boom  [1/2], time left 0:00:25\n"), log);
    }

    /**
     * In a log, a run that goes on from its resume snapshot says where, in a line of its own (as train --resume does);
     * one whose snapshot was refused, running from the start after all, says nothing of the kind (the runner says why).
     */
    @Test
    void aLogSaysWhereEachResumedRunGoesOn() {
        SweepPlan plan = SweepPlanner.plan(SweepSpec.parse(Path.of("s.yaml"), "name: onward\npresets: [paper]\n"
                + "datasets: [geomfig]\nsleep_fractions: [0.0]\nseeds: [1, 2]\n"), Fakes.resolver());
        String first = plan.runs().get(0).runId();
        String second = plan.runs().get(1).runId();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ConsoleSweepListener listener = new ConsoleSweepListener(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                false, 2, 3600)) {
            listener.started(plan, plan.runs(), List.of());
            listener.runStarted(1, first);
            listener.runResumed(1, first, "image 101 of 400", RunWork.of(
                    plan.runs().get(0).config()));
            listener.runStarted(2, second);
            listener.runResumed(2, second, null, RunWork.of(
                    plan.runs().get(1).config()));
        }
        List<String> resumes = bytes.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("resume")).toList();
        assertEquals(List.of("[worker 1] resume " + first + " from image 101 of 400"), resumes);
    }

    /**
     * On a terminal (faked: interactive, into a byte stream), a message during the sweep ("cannot go on from its
     * snapshot") is written at once, not held back until the bars close, and the terminal shows it above the bars.
     */
    @Test
    void onATerminalAMessageShowsAtOnceAboveTheBars() {
        SweepPlan plan = SweepPlanner.plan(SweepSpec.parse(Path.of("s.yaml"), "name: tty\npresets: [paper]\n"
                + "datasets: [geomfig]\nsleep_fractions: [0.0]\nseeds: [1, 2]\n"), Fakes.resolver());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String said = "somnus sweep: " + plan.runs().get(0).runId() + " cannot go on from its snapshot; it runs anew";
        try (ConsoleSweepListener listener = new ConsoleSweepListener(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                true, 2, 3600)) {
            listener.started(plan, plan.runs(), List.of());
            listener.runStarted(1, plan.runs().get(0).runId());
            listener.message(said);
            assertTrue(bytes.toString(StandardCharsets.UTF_8).contains(said.substring(0, 20)), "written at once");
        }
        List<String> screen = TerminalBarsTest.screen(bytes.toString(StandardCharsets.UTF_8));
        List<String> lines = StderrNote.wrapped(said, TerminalColumns.get() - 1).lines().toList(); // wrapped: its test below
        int at = Collections.indexOfSubList(screen, lines) + lines.size() - 1;
        assertTrue(at >= lines.size() - 1, String.join("\n", screen));
        assertEquals(3, screen.size() - at - 1, "the three bars below it: " + String.join("\n", screen));
        assertTrue(screen.subList(at + 1, screen.size()).stream().allMatch(l -> l.startsWith("sweep")
                || l.startsWith("worker")), String.join("\n", screen));
    }

    /**
     * A long message (a resumed sweep's "kept N finished run directories ...", a run's warning) is wrapped at word
     * boundaries above the bars on a terminal, where the terminal broke it mid-word; in a log it stays one line.
     */
    @Test
    void aLongMessageIsWrappedAboveTheBarsAndWholeInALog() {
        SweepPlan plan = SweepPlanner.plan(SweepSpec.parse(Path.of("s.yaml"), "name: tty\npresets: [paper]\n"
                + "datasets: [geomfig]\nsleep_fractions: [0.0]\nseeds: [1, 2]\n"), Fakes.resolver());
        String said = "[worker 1] warning: " + plan.runs().get(0).runId() + ": the excitatory layer's spike rate "
                + "stayed under 0.1 Hz through the last 1000 images, so its readouts read an almost silent network";
        for (boolean interactive : new boolean[] {true, false}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ConsoleSweepListener listener = new ConsoleSweepListener(
                    new PrintStream(bytes, true, StandardCharsets.UTF_8), interactive, 2, 3600)) {
                listener.started(plan, plan.runs(), List.of());
                listener.message(said);
            }
            String out = bytes.toString(StandardCharsets.UTF_8);
            if (!interactive) {
                assertTrue(out.lines().anyMatch(said::equals), "one line in a log: " + out);
                continue;
            }
            List<String> screen = TerminalBarsTest.screen(out);
            int first = screen.indexOf(screen.stream().filter(l -> l.startsWith("[worker 1] warning: ")).findFirst()
                    .orElseThrow());
            List<String> lines = screen.subList(first, screen.size() - 3); // the three bars below it
            assertTrue(lines.size() > 1, String.join("\n", screen));
            assertTrue(lines.stream().allMatch(l -> l.length() <= TerminalColumns.get() - 1), String.join("\n", screen));
            assertEquals(said, String.join(" ", lines.stream().map(String::trim).toList()), "whole words, in order");
        }
    }

    /**
     * The interrupt notice of a sweep on a terminal, said through the listener as sweep and reproduce wire it, shows
     * above the bars, which stay whole below it when drawn again (printed straight to stderr, the bars' next drawing
     * wrote over it).
     */
    @Test
    void onATerminalTheInterruptNoticeShowsAboveTheBars() {
        SweepPlan plan = SweepPlanner.plan(SweepSpec.parse(Path.of("s.yaml"), "name: tty\npresets: [paper]\n"
                + "datasets: [geomfig]\nsleep_fractions: [0.0]\nseeds: [1, 2]\n"), Fakes.resolver());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ConsoleSweepListener listener = new ConsoleSweepListener(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                true, 2, 3600);
             InterruptNotice notice = InterruptNotice.forSweep(Path.of("runs", "tty"))) {
            listener.started(plan, plan.runs(), List.of());
            listener.runStarted(1, plan.runs().get(0).runId());
            notice.sayThrough(listener::message);
            notice.sayNow();
            listener.message("a later message"); // the bars drawn again below both
        }
        List<String> screen = TerminalBarsTest.screen(bytes.toString(StandardCharsets.UTF_8));
        String all = String.join("\n", screen);
        List<String> lines = StderrNote.wrapped("somnus: interrupted; " + InterruptNotice.forSweep(Path.of("runs",
                "tty")).line(), TerminalColumns.get() - 1).lines().toList();
        int first = Collections.indexOfSubList(screen, lines);
        int at = first + lines.size() - 1;
        assertTrue(first > 0 && screen.get(first - 1).isEmpty(), all); // after the blank line the notice starts with
        assertEquals("a later message", screen.get(at + 1), all);
        assertEquals(3, screen.size() - at - 2, "the three bars below: " + all);
    }

    /**
     * On an 80-column terminal a worker's bar shows its run's phase, and a checkpoint's note in its place as train's
     * bar does, drawn at once: the bar said "RUN train" and was cut inside the run id, phase and note lost; the next
     * update ends the note.
     */
    @Test
    void onATerminalAWorkersBarShowsItsRunsCheckpointWithin80Columns() {
        SweepPlan plan = SweepPlanner.plan(SweepSpec.parse(Path.of("s.yaml"), "name: tty\npresets: [paper-sg-code]\n"
                + "datasets: [fashion-mnist]\nsleep_fractions: [0.5]\nseeds: [1, 2]\n"), Fakes.resolver());
        String id = plan.runs().get(0).runId();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ConsoleSweepListener listener = new ConsoleSweepListener(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                true, 1, 3600, 79)) {
            listener.started(plan, plan.runs(), List.of());
            listener.runStarted(1, id);
            listener.runProgress(1, id, "train", 400, 1000);
            listener.runNote(1, id, "train", "checkpoint 2/5: readouts on 200 + 50 images");
            String worker = workerLine(bytes);
            assertTrue(worker.length() <= 79, worker.length() + " columns: " + worker);
            assertTrue(worker.contains(" checkpoint 2/5 " + id.substring(0, 10)), "drawn at once: " + worker);
            listener.runProgress(1, id, "train", 401, 1000);
        }
        String worker = workerLine(bytes);
        assertTrue(worker.length() <= 79, worker);
        assertTrue(worker.contains(") train " + id.substring(0, 10)) && !worker.contains("checkpoint"), worker);
    }

    /**
     * In a log (stderr not a terminal, as under nohup), a run's checkpoint notes are lines of their own, one per note,
     * naming the worker and the run as the terminal's bar does; they were said on a terminal alone.
     */
    @Test
    void aLogHasALineForEachCheckpointOfARun() {
        SweepPlan plan = LogAboveBarsTest.twoRuns();
        String id = plan.runs().get(1).runId();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ConsoleSweepListener listener = new ConsoleSweepListener(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                false, 2, 3600)) {
            listener.started(plan, plan.runs(), List.of());
            listener.runStarted(2, id);
            for (int k = 1; k <= 2; k++) {
                listener.runProgress(2, id, "train", 100 * k, 200);
                listener.runNote(2, id, "train", "checkpoint " + k + "/2: readouts on 200 + 50 images");
            }
        }
        List<String> notes = bytes.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("checkpoint"))
                .toList();
        assertEquals(List.of("[worker 2] checkpoint 1/2 " + id + ": readouts on 200 + 50 images",
                "[worker 2] checkpoint 2/2 " + id + ": readouts on 200 + 50 images"), notes);
    }

    /**
     * On a terminal, a worker's bar drops its run's note as the next phase or run begins, drawn at once: the new
     * run's bar was drawn first with the last run's message (its reset draws at once), and a new phase waited on the
     * bar's timer, the note still beside it.
     */
    @Test
    void onATerminalANewPhaseOrRunEndsTheNoteAtOnce() {
        SweepPlan plan = LogAboveBarsTest.twoRuns();
        String first = plan.runs().get(0).runId();
        String second = plan.runs().get(1).runId();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ConsoleSweepListener listener = new ConsoleSweepListener(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                true, 1, 3600, 200)) {
            listener.started(plan, plan.runs(), List.of());
            listener.runStarted(1, first);
            listener.runProgress(1, first, "train", 200, 200);
            listener.runNote(1, first, "train", "checkpoint 2/2: readouts on 200 + 50 images");
            assertTrue(workerLine(bytes).contains("checkpoint 2/2 " + first), workerLine(bytes));
            listener.runProgress(1, first, "evaluate", 0, 3);
            String evaluating = workerLine(bytes);
            assertTrue(evaluating.contains(" evaluate " + first) && !evaluating.contains("checkpoint"), evaluating);
            listener.runNote(1, first, "evaluate", "scoring the readouts");
            listener.runFinished(1, new RunOutcome(first, "", RunStatus.DONE, false, 1, 2, null));
            int before = bytes.size();
            listener.runStarted(1, second);
            String drawn = bytes.toString(StandardCharsets.UTF_8).substring(before);
            assertTrue(drawn.contains(second) && !drawn.contains(first), drawn);
        }
    }

    /** The last drawing of worker 1's bar on the screen {@code bytes} draws. */
    private static String workerLine(ByteArrayOutputStream bytes) {
        List<String> screen = TerminalBarsTest.screen(bytes.toString(StandardCharsets.UTF_8));
        return screen.stream().filter(l -> l.startsWith("worker 1")).reduce((a, b) -> b).orElse(String.join("\n",
                screen));
    }

    /** A finished run's warnings (its summary.json's) are said in the sweep's log, naming the run and its worker. */
    @Test
    void aRunsWarningsAreSaidInTheLog(@TempDir Path tmp) throws Exception {
        SweepPlan plan = SweepPlanner.plan(SweepSpec.parse(Path.of("s.yaml"), "name: warned\npresets: [paper]\n"
                + "datasets: [geomfig]\nsleep_fractions: [0.0]\nseeds: [1]\n"), Fakes.resolver());
        String id = plan.runs().get(0).runId();
        Path dir = Files.createDirectories(tmp.resolve(id));
        Files.writeString(dir.resolve("summary.json"), "{\"warnings\": [\"the loss is above ln 4\"]}");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ConsoleSweepListener listener = new ConsoleSweepListener(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                false, 1, 3600)) {
            listener.started(plan, plan.runs(), List.of());
            listener.runStarted(1, id);
            listener.runFinished(1, new RunOutcome(id, "", RunStatus.DONE, false, 1, 3, null, false, dir));
        }
        String log = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("[worker 1] warning: " + id + ": the loss is above ln 4\n"), log);
    }

    /**
     * In a log, the bar's 100 % line and the line of the runs' time come as the last run finishes, before what follows
     * the runs (the aggregates' line), where the bar's closing drew them after it; and no later 100 % line.
     */
    @Test
    void aLogEndsTheBarBeforeTheAggregatesLine() {
        SweepPlan plan = LogAboveBarsTest.twoRuns();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String aggregates = "aggregates of 2 runs written to /tmp/x (aggregate.csv)";
        try (ConsoleSweepListener listener = new ConsoleSweepListener(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                false, 1, 3600)) {
            listener.started(plan, plan.runs(), List.of());
            for (int i = 0; i < 2; i++) {
                String id = plan.runs().get(i).runId();
                listener.runStarted(1, id);
                listener.runFinished(1, new RunOutcome(id, "", RunStatus.DONE, false, 1, 2, null));
            }
            listener.message(aggregates);
        }
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        String all = String.join("\n", lines);
        int at = lines.indexOf(aggregates);
        int full = lines.indexOf(lines.stream().filter(l -> l.startsWith("sweep 100%")).findFirst().orElse("none"));
        int took = lines.indexOf(lines.stream().filter(l -> l.startsWith("sweep: 2 of 2 runs finished, 0 failed; "
                + "running them took ")).findFirst().orElse("none"));
        assertTrue(full >= 0 && full < took && took < at, all);
        assertEquals(lines.size() - 1, at, "nothing after the aggregates' line: " + all);
    }
}
