package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.io.DirectoryLock;
import io.somnus.experiment.model.RunProgress;
import io.somnus.experiment.model.SnapshotTrigger;
import io.somnus.experiment.run.RunExecutor;
import io.somnus.experiment.run.StandardResolver;
import io.somnus.experiment.sweep.SweepListener;
import io.somnus.experiment.sweep.SweepPlan;
import io.somnus.experiment.sweep.SweepPlanner;
import io.somnus.experiment.sweep.SweepResults;
import io.somnus.experiment.sweep.SweepRunner;
import io.somnus.experiment.sweep.SweepSpec;
import io.somnus.report.VerdictCaveats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SweepCommandTest {
    @TempDir
    Path tmp;

    record Result(int exit, String out, String err) {}

    Result run(Object command, String... args) {
        // the listener draws on System.err; redirect it before picocli is set up (its execution handler
        // remembers System.err, and a later change makes it replace the writer given to setErr)
        PrintStream saved = System.err;
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        System.setErr(new PrintStream(progress, true, StandardCharsets.UTF_8));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        try {
            int exit = cl.execute(args);
            return new Result(exit, out.toString(), err + progress.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(saved);
        }
    }

    Path sweepFile(String seeds) throws Exception {
        Path f = tmp.resolve("s.yaml");
        Files.writeString(f, "name: cli\npresets: [paper]\ndatasets: [mnist]\nsleep_fractions: [0.0, 0.2]\nseeds: " + seeds + "\n");
        return f;
    }

    SweepCommand command() {
        return new SweepCommand(Fakes.resolver(), Fakes.executor());
    }

    /**
     * somnus report on a sweep directory a sweep is at work in (its lock held) says that the report shows the runs
     * finished so far; once the lock is released it says nothing of the kind.
     */
    @Test
    void aReportOfASweepAtWorkSaysItShowsTheRunsSoFar() throws Exception {
        Path out = tmp.resolve("out");
        assertEquals(0, run(command(), "--config", sweepFile("[1]").toString(), "--out", out.toString(), "--no-report")
                .exit());
        Result during;
        try (DirectoryLock lock = DirectoryLock.tryAcquire(
                out.resolve(SweepRunner.LOCK_FILE), "sweep in " + out).orElseThrow()) {
            during = run(new ReportCommand(), out.toString());
        }
        assertEquals(0, during.exit(), during.err());
        assertTrue(during.out().contains("note: a sweep is at work in " + out + " (")
                && during.out().contains("this report shows the runs finished so far"), during.out());
        Result after = run(new ReportCommand(), out.toString());
        assertEquals(0, after.exit(), after.err());
        assertFalse(after.out().contains("at work"), after.out());
    }

    @Test
    void runsASweepPrintsTheSummaryAndWritesTheReport() throws Exception {
        Path out = tmp.resolve("out");
        Result r = run(command(), "--config", sweepFile("[1, 2]").toString(), "--out", out.toString(), "--workers", "2");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("sweep 'cli': 4 runs, 4 done (4 now, 0 earlier), 0 failed"), r.out());
        assertTrue(r.out().contains("report: "), r.out());
        // the verdict printed is the one written: claim 1 of paper, as verdict.csv has it
        String claimRow = Files.readAllLines(out.resolve("verdict.csv")).stream()
                .filter(l -> l.startsWith("claim,1,paper,")).findFirst().orElseThrow();
        String outcome = claimRow.split(",")[claimRow.split(",").length - 2].replace("\"", "");
        assertTrue(r.out().contains("Verdict (rule: docs/verdict.md"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("1\\s+paper\\s+" + outcome + "\\s.*")), r.out());
        assertTrue(Files.isRegularFile(out.resolve("report.html")));
        assertTrue(Files.isRegularFile(out.resolve("aggregate.csv")));
        // not a terminal under the test: plain progress lines
        assertTrue(r.err().contains("[worker "), r.err());
        assertTrue(r.err().contains(" done paper__mnist__f0.20__s2 ("), r.err());
        assertFalse(r.err().contains("\r"), "no carriage returns in a log");
        // a finished run's line says the time left (SweepEta), but for the last
        for (int k = 1; k <= 4; k++) {
            String tag = "[" + k + "/4]";
            String line = r.err().lines().filter(l -> l.contains(tag)).findFirst().orElseThrow();
            assertEquals(k < 4, line.contains(tag + ", time left "), line);
        }
    }

    @Test
    void aFailedRunGivesExitStatusThreeAndResumeRetriesIt() throws Exception {
        Path out = tmp.resolve("out");
        Result r = run(command(), "--config", sweepFile("[1, 13]").toString(), "--out", out.toString(), "--no-report");
        assertEquals(3, r.exit());
        assertTrue(r.out().contains("failed  paper__mnist__f0.00__s13: IllegalStateException: unlucky seed"), r.out());
        assertFalse(Files.exists(out.resolve("report.html")));
        Result again = run(command(), "--config", sweepFile("[1, 13]").toString(), "--out", out.toString(), "--resume", "--no-report");
        assertEquals(3, again.exit());
        assertTrue(again.out().contains("4 runs, 2 done (0 now, 2 earlier), 2 failed"), again.out());
    }

    /** A finished run's file damaged since: named once (by the aggregation), not again by the verdict's loading. */
    @Test
    void aDamagedRunFileIsNamedOnce() throws Exception {
        Path out = tmp.resolve("out");
        String config = sweepFile("[1]").toString();
        assertEquals(0, run(command(), "--config", config, "--out", out.toString(), "--workers", "1").exit());
        Path metrics;
        try (var runs = Files.list(out.resolve("runs"))) {
            metrics = runs.filter(Files::isDirectory).sorted().findFirst().orElseThrow().resolve("metrics.csv");
        }
        Files.writeString(metrics, "images_seen,val_accuracy\n100,0.5"); // its last line cut short
        Result r = run(command(), "--config", config, "--out", out.toString(), "--workers", "1", "--resume");
        assertEquals(2, r.exit(), r.err());
        String named = "a damaged file in the sweep directory";
        assertEquals(r.err().indexOf(named), r.err().lastIndexOf(named), r.err());
        assertTrue(r.err().contains(named) && r.err().contains(metrics.toString()), r.err());
        assertFalse(r.out().contains("report: "), r.out());
    }

    /**
     * {@code sweep --snapshot-minutes M} gives every run the interval (0 here: the trigger that never fires, where the
     * environment's default would fire every 10 minutes), and the runs are those of the sweep without it (the same
     * ids); a bad M is refused before anything is written. Before, sweep had no such option (picocli: exit 2).
     */
    @Test
    void snapshotMinutesReachesEveryRunAndChangesNoRun() throws Exception {
        List<Boolean> never = new ArrayList<>();
        RunExecutor fake = Fakes.executor();
        RunExecutor recording = new RunExecutor() {
            private Supplier<SnapshotTrigger> triggers;

            @Override
            public void execute(ObjectNode config, Path dir,
                                RunProgress progress)
                    throws IOException, InterruptedException {
                never.add(triggers != null && triggers.get() == SnapshotTrigger.NEVER);
                fake.execute(config, dir, progress);
            }

            @Override
            public RunExecutor snapshotTriggers(Supplier<SnapshotTrigger> t) {
                triggers = t;
                return this;
            }
        };
        Path with = tmp.resolve("with");
        Result r = run(new SweepCommand(Fakes.resolver(), recording), "--config", sweepFile("[1]").toString(), "--out",
                with.toString(), "--no-report", "--snapshot-minutes", "0");
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of(true, true), never, "both runs (f = 0, 0.2) with the interval given");
        Path without = tmp.resolve("without");
        assertEquals(0, run(command(), "--config", sweepFile("[1]").toString(), "--out", without.toString(),
                "--no-report").exit());
        try (Stream<Path> a = Files.list(with.resolve("runs")); Stream<Path> b = Files.list(without.resolve("runs"))) {
            assertEquals(b.map(p -> p.getFileName().toString()).sorted().toList(),
                    a.map(p -> p.getFileName().toString()).sorted().toList(), "the same run ids");
        }
        Path bad = tmp.resolve("bad");
        Result refused = run(command(), "--config", sweepFile("[1]").toString(), "--out", bad.toString(),
                "--snapshot-minutes", "-1");
        assertEquals(2, refused.exit(), refused.err());
        assertTrue(refused.err().contains("--snapshot-minutes -1: give a finite number of minutes ≥ 0"), refused.err());
        assertFalse(Files.exists(bad), "nothing written");
    }

    @Test
    void badInputGivesExitStatusTwoAndAMessage() throws Exception {
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, "presets: [paper]\ndatasets: [mnist]\nsleep_fractions: [1.5]\nseeds: [1]\n");
        Result r = run(command(), "--config", bad.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(2, r.exit(), "[" + r.out() + "][" + r.err() + "]");
        assertTrue(r.err().contains("bad.yaml: sleep_fractions[0] = 1.5"), "[" + r.out() + "][" + r.err() + "]");

        Path full = Files.createDirectories(tmp.resolve("full"));
        Files.writeString(full.resolve("x"), "x");
        Result r2 = run(command(), "--config", sweepFile("[1]").toString(), "--out", full.toString());
        assertEquals(2, r2.exit());
        // no ledger: not a sweep to resume, so --resume is not offered
        assertTrue(r2.err().contains("holds no ledger.sqlite, so it is not a sweep directory"), r2.err());
    }

    @Test
    void dryRunListsTheRuns() throws Exception {
        Result r = run(command(), "--config", sweepFile("[1, 2]").toString(), "--out", tmp.resolve("o").toString(), "--dry-run");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("paper__mnist__f0.20__s2"));
        assertTrue(r.out().contains("4 runs in sweep 'cli' (paper 4); the file is valid"), r.out());
        assertFalse(Files.exists(tmp.resolve("o")));
        Path single = Files.writeString(tmp.resolve("one.yaml"),
                "name: one\npresets: [paper]\ndatasets: [mnist]\nsleep_fractions: [0.0]\nseeds: [1]\n");
        Result one = run(command(), "--config", single.toString(), "--out", tmp.resolve("o").toString(), "--dry-run");
        assertTrue(one.out().contains("1 run in sweep 'one' (paper 1); the file is valid"), one.out());
    }

    /**
     * {@code share_controls: false} in the sweep file: every variant runs its own untrained controls (8 runs, not 6), the
     * dry run lists eta's and says what sharing would save, the ledger shares nothing, and --resume keeps it so.
     */
    @Test
    void shareControlsFalseGivesEveryVariantItsOwnControls() throws Exception {
        String sweep = """
                name: v
                presets: [paper]
                datasets: [geomfig]
                sleep_fractions: [0.0, 0.2]
                seeds: [1]
                controls: [untrained, untrained_sleep_target]
                variants: {base: {}, eta: {projections.input_e.plasticity.eta: 0.002}}
                """;
        Path f = Files.writeString(tmp.resolve("own.yaml"), sweep + "share_controls: false\n");
        Result dry = run(new SweepCommand(new StandardResolver(), Fakes.executor()),
                "--config", f.toString(), "--dry-run");
        assertEquals(0, dry.exit(), dry.err());
        assertTrue(dry.out().contains("8 runs in sweep 'v' (paper 8); 2 of them untrained controls that sharing would "
                + "leave to other variants' alike controls (share_controls: false; 6 runs with sharing); the file is "
                + "valid"), dry.out());
        assertTrue(dry.out().contains("paper__geomfig__eta__untrained__s1")
                && dry.out().contains("paper__geomfig__eta__untrained_sleep_target__s1"), dry.out());
        Path out = tmp.resolve("own");
        Result r = run(new SweepCommand(new StandardResolver(), Fakes.executor()),
                "--config", f.toString(), "--out", out.toString(), "--no-report");
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.isDirectory(out.resolve("runs/paper__geomfig__eta__untrained__s1")));
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + out.resolve("ledger.sqlite"));
             var q = c.createStatement().executeQuery("SELECT COUNT(*), COUNT(NULLIF(shared_by, '')) FROM runs")) {
            assertEquals(8, q.getInt(1));
            assertEquals(0, q.getInt(2), "no run stands for another variant's control");
        }
        Result resume = run(new SweepCommand(new StandardResolver(), Fakes.executor()),
                "--config", f.toString(), "--out", out.toString(), "--resume", "--no-report");
        assertEquals(0, resume.exit(), resume.err());
        assertFalse(resume.err().contains("before untrained controls were shared"), resume.err());

        Result bad = run(new SweepCommand(new StandardResolver(), Fakes.executor()),
                "--config", Files.writeString(tmp.resolve("bad.yaml"), sweep + "share_controls: no-thanks\n").toString(),
                "--dry-run");
        assertEquals(2, bad.exit(), bad.err());
        assertTrue(bad.err().contains("share_controls") && bad.err().contains("expected true"), bad.err());
    }

    /**
     * Variants that differ only in an STDP parameter share their untrained controls: the dry run and the first line of
     * the sweep say how many runs that saves (2 variants × 2 controls: 2 of the 8 runs are another variant's), and a
     * dry run of --resume on a directory started with a control per variant lists its runs as it will resume them.
     */
    @Test
    void theDryRunAndTheSweepSayHowManyControlsAreShared() throws Exception {
        Path f = Files.writeString(tmp.resolve("v.yaml"), """
                name: v
                presets: [paper]
                datasets: [geomfig]
                sleep_fractions: [0.0, 0.2]
                seeds: [1]
                controls: [untrained, untrained_sleep_target]
                variants: {base: {}, eta: {projections.input_e.plasticity.eta: 0.002}}
                """);
        SweepCommand command = new SweepCommand(new StandardResolver(), Fakes.executor());
        String shared = "2 of them untrained controls shared with other variants (whose controls would be alike), "
                + "which saves 2 runs (8 without sharing)";
        Result dry = run(command, "--config", f.toString(), "--dry-run");
        assertEquals(0, dry.exit(), dry.err());
        assertTrue(dry.out().contains("6 runs in sweep 'v' (paper 6); " + shared + "; the file is valid"), dry.out());
        assertFalse(dry.out().contains("paper__geomfig__eta__untrained__s1"), dry.out());
        Path out = tmp.resolve("o");
        Result r = run(new SweepCommand(new StandardResolver(), Fakes.executor()),
                "--config", f.toString(), "--out", out.toString(), "--no-report");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("sweep 'v': 6 runs; " + shared + ", 0 already done, 6 to run"), r.err());

        // a directory of the sweep as it was planned before sharing: its runs as it resumes them, all 8
        Path old = tmp.resolve("old");
        SweepPlan perVariant = SweepPlanner.plan(SweepSpec.load(f), new StandardResolver(), false);
        new SweepRunner(Fakes.executor()).execute(perVariant, old, 1, false,
                SweepListener.NONE);
        Result resume = run(new SweepCommand(new StandardResolver(), Fakes.executor()),
                "--config", f.toString(), "--out", old.toString(), "--resume", "--dry-run");
        assertEquals(0, resume.exit(), resume.err());
        assertTrue(resume.out().contains("paper__geomfig__eta__untrained__s1")
                && resume.out().contains("8 runs in sweep 'v' (paper 8); the file is valid"), resume.out());
        // the verdict's notes read the shared run as eta's control too, as they read eta's own; the report says so
        assertEquals(VerdictCaveats.console(SweepResults.load(old)),
                VerdictCaveats.console(SweepResults.load(out)));
        Result report = run(new ReportCommand(), out.toString());
        assertEquals(0, report.exit(), report.err());
        assertTrue(Files.readString(out.resolve("report.html")).contains("6 planned: 6 done, 0 failed, 0 not finished; "
                + "untrained controls shared between variants whose controls are alike stand for 2 more"));
    }

    /**
     * A legal but unusual value (a reset of −50 mV, above the paper preset's threshold of −55 mV) is said once for the
     * sweep, with the number of its runs it concerns (2 of the 4: two seeds × two resets), not once per run.
     */
    @Test
    void aWarningIsSaidOncePerSweepWithItsRunCount() throws Exception {
        Path f = Files.writeString(tmp.resolve("odd.yaml"), "name: odd\npresets: [paper]\ndatasets: [geomfig]\n"
                + "sleep_fractions: [0.0]\nseeds: [1, 2]\ngrid:\n  populations.e.params.v_reset_mv: [-80, -50]\n");
        Result r = run(new SweepCommand(new StandardResolver(), Fakes.executor()), "--config",
                f.toString(), "--dry-run");
        assertEquals(0, r.exit(), r.err());
        String warning = "warning: populations.e.params.v_reset_mv = -50 is at or above the threshold";
        assertEquals(1, r.err().split(Pattern.quote(warning), -1).length - 1, r.err());
        assertTrue(r.err().contains(" (in 2 of 4 runs)"), r.err());
        assertTrue(r.out().contains("4 runs in sweep 'odd' (paper 4); the file is valid"), r.out());
    }

    /**
     * A dry run refuses the engine options the real run would refuse (an unknown engine, a distributed engine's option
     * without one, a task-attempt count below 1), naming the option, rather than call the command valid: before, each
     * of these dry runs listed the runs and said "the file is valid" (exit 0), and the same command without --dry-run
     * exited 2.
     */
    @Test
    void dryRunRefusesTheEngineOptionsTheRunWouldRefuse() throws Exception {
        Path file = sweepFile("[1]");
        List<List<String>> cases = List.of(List.of("--engine", "hadoop"), List.of("--master", "local[2]"),
                List.of("--task-attempts", "2"), List.of("--data-dir", tmp.toString()),
                List.of("--engine", "spark", "--task-attempts", "0"));
        for (List<String> options : cases) {
            List<String> args = new ArrayList<>(List.of("--config", file.toString(), "--dry-run"));
            args.addAll(options);
            Result r = run(command(), args.toArray(String[]::new));
            String option = options.get(options.size() - 2);
            assertEquals(2, r.exit(), options + ": [" + r.out() + "][" + r.err() + "]");
            assertTrue(r.err().contains(option), options + ": " + r.err());
            assertFalse(r.out().contains("the file is valid"), options + ": " + r.out());
            Result real = run(command(), Stream.concat(Stream.of("--config", file.toString(), "--out",
                    tmp.resolve("real").toString(), "--no-report"), options.stream()).toArray(String[]::new));
            assertEquals(2, real.exit(), "the run refuses it too: " + options + ": " + real.err());
            assertFalse(Files.exists(tmp.resolve("real").resolve("runs")), "nothing ran: " + options);
        }
    }

    @Test
    void reportCommandWritesTheReportOrExplains() throws Exception {
        Path out = tmp.resolve("out");
        run(command(), "--config", sweepFile("[1, 2]").toString(), "--out", out.toString(), "--no-report");
        Path html = tmp.resolve("r/report.html");
        Result r = run(new ReportCommand(), out.toString(), "--out", html.toString(), "--aggregate");
        assertEquals(0, r.exit(), r.err());
        // says what it wrote where
        assertTrue(r.out().contains("aggregates of 4 runs written to " + out + " (aggregate.csv, runs_long.csv, curves.csv, "
                + "stats.json, verdict.json, verdict.csv); GLMM skipped"), r.out());
        for (String f : List.of("aggregate.csv", "runs_long.csv", "curves.csv", "stats.json", "verdict.json", "verdict.csv")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        assertTrue(Files.readString(html).contains("<section id=\"statistics\">"));
        Result missing = run(new ReportCommand(), tmp.toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("neither a run directory"), missing.err());
    }

    /**
     * A dataset no run could load (notMNIST, found nowhere and not downloadable) passed --dry-run as "the file is
     * valid", and the sweep then failed each of its runs on it (exit 3, each failure line cut at the list of files to
     * put where); the executor's check of the runs' datasets now refuses it before anything runs, naming it (exit 2),
     * with --dry-run too.
     */
    @Test
    void aDatasetNoRunCouldLoadIsRefusedBeforeAnyRun() throws Exception {
        RunExecutor checking = mnistCannotBeLoaded();
        Path file = sweepFile("[1]");
        Result dry = run(new SweepCommand(Fakes.resolver(), checking), "--config", file.toString(), "--dry-run");
        assertEquals(2, dry.exit(), dry.out() + dry.err());
        assertTrue(dry.err().contains("somnus sweep: dataset 'mnist' cannot be loaded: not found"), dry.err());
        assertFalse(dry.out().contains("the file is valid"), dry.out());
        Path out = tmp.resolve("out");
        Result real = run(new SweepCommand(Fakes.resolver(), checking), "--config", file.toString(), "--out",
                out.toString(), "--no-report");
        assertEquals(2, real.exit(), real.out() + real.err());
        assertTrue(real.err().contains("dataset 'mnist' cannot be loaded"), real.err());
        assertFalse(Files.exists(out.resolve("runs")), "nothing ran");
    }

    /**
     * On --resume the dataset check refused a dataset every run of which was already done (its files moved away after
     * those runs), though nothing would load it: it now checks the datasets of the runs still to do only, and still
     * refuses one that a run to do needs.
     */
    @Test
    void onResumeOnlyTheRunsStillToDoHaveTheirDatasetChecked() throws Exception {
        Path file = sweepFile("[1]");
        Path out = tmp.resolve("out");
        Result first = run(command(), "--config", file.toString(), "--out", out.toString(), "--no-report");
        assertEquals(0, first.exit(), first.out() + first.err());
        // every run done: mnist's files may be gone, nothing is refused
        Result dry = run(new SweepCommand(Fakes.resolver(), mnistCannotBeLoaded()), "--config", file.toString(),
                "--out", out.toString(), "--resume", "--dry-run");
        assertEquals(0, dry.exit(), dry.out() + dry.err());
        Result resumed = run(new SweepCommand(Fakes.resolver(), mnistCannotBeLoaded()), "--config", file.toString(),
                "--out", out.toString(), "--resume", "--no-report");
        assertEquals(0, resumed.exit(), resumed.out() + resumed.err());
        assertTrue(resumed.out().contains("0 now, 2 earlier"), resumed.out());
        // one run to do again (its directory removed): its dataset is checked, and refused
        try (var dirs = Files.list(out.resolve("runs"))) {
            Path oneRun = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
            try (var files = Files.walk(oneRun)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Result refused = run(new SweepCommand(Fakes.resolver(), mnistCannotBeLoaded()), "--config", file.toString(),
                "--out", out.toString(), "--resume", "--no-report");
        assertEquals(2, refused.exit(), refused.out() + refused.err());
        assertTrue(refused.err().contains("dataset 'mnist' cannot be loaded"), refused.err());
        Result dryRefused = run(new SweepCommand(Fakes.resolver(), mnistCannotBeLoaded()), "--config", file.toString(),
                "--out", out.toString(), "--resume", "--dry-run");
        assertEquals(2, dryRefused.exit(), dryRefused.out() + dryRefused.err());
    }

    /** The fake executor, with a dataset check that refuses mnist (as one whose files are nowhere). */
    private static RunExecutor mnistCannotBeLoaded() {
        RunExecutor fake = Fakes.executor();
        return new RunExecutor() {
            @Override
            public void execute(ObjectNode config, Path dir,
                                RunProgress progress)
                    throws IOException, InterruptedException {
                fake.execute(config, dir, progress);
            }

            @Override
            public void checkData(List<ObjectNode> configs) {
                if (configs.stream().anyMatch(c -> c.path("dataset").path("name").asText().equals("mnist"))) {
                    throw new ConfigException("dataset 'mnist' cannot be loaded: not found");
                }
            }
        };
    }
}
