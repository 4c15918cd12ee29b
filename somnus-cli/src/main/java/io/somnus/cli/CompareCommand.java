package io.somnus.cli;

import io.somnus.core.NumberText;
import io.somnus.experiment.compare.RunComparison;
import io.somnus.experiment.compare.SweepComparison;
import io.somnus.experiment.compare.Tolerance;
import io.somnus.experiment.io.Mappers;
import io.somnus.experiment.io.SummaryJson;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code somnus compare}: whether two runs hold the same results, and if not, where they part. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        header = "Says whether two runs have the same results, and where they part.",
        description = "A verdict first: identical results (every result file the same bytes), same numbers in "
                + "different files, or different, naming the result file that parts first. Then the configuration "
                + "fields that differ (A's value → B's), what differs in where and how each ran (provenance.json: "
                + "JDK, CPU, kernels, dataset checksums; context, not results), and each result file: weights.npz per "
                + "array (the entries that differ, the largest |B − A|, the first index), the tables per row (the "
                + "first that differs), summary.json per number (A, B and B − A); not timing.json (it differs every "
                + "time) nor report.html (drawn from the files compared). Two sweep directories (each with its "
                + "ledger.sqlite): whether the sweep's own results are the same (runs_long.csv, aggregate.csv, "
                + "curves.csv, stats.json, the GLMM's tables, verdict.csv, verdict.json, as the run files above; R's "
                + "tables in one sweep only are said, not counted) and how many runs are identical, then one line per "
                + "run id, its verdict (or only in A or B); the fields in which their sweep.yaml differ are listed as "
                + "context. With --atol or --rtol, numbers within the tolerance count as the same in every file "
                + "(arrays, table cells, JSON numbers): the verdict is then \"same within tolerance\", with "
                + "the largest |Δ| and its file, or \"different\", naming the first number beyond it. Exit status 0 "
                + "when the results are the same numbers (or within the tolerance), 4 when they differ (or a run id "
                + "is in one sweep only), 2 when a run could not be compared (a missing or damaged file, a run not "
                + "finished) (docs/portability.md, \"Checking a run on another machine\").")
final class CompareCommand implements Callable<Integer> {
    /** The exit status of two runs whose results differ. */
    static final int EXIT_DIFFERENT = 4;

    @Parameters(index = "0", paramLabel = "RUN_A", description = "a run directory (or a sweep directory)")
    Path a;
    @Parameters(index = "1", paramLabel = "RUN_B", description = "the run directory (sweep directory) to compare it "
            + "with")
    Path b;
    @Option(names = "--json", description = "print the comparison as JSON (an undefined number as null), with the "
            + "tolerances and the verdict")
    boolean json;
    @Option(names = "--atol", paramLabel = "X", description = "absolute tolerance: A's number a and B's b count as "
            + "the same when |a − b| ≤ X + rtol·|b| (numpy's isclose; default 0: only equal numbers). Integer arrays "
            + "too, as numbers; NaN matches only NaN")
    double atol;
    @Option(names = "--rtol", paramLabel = "Y", description = "relative tolerance, of B's number (see --atol; "
            + "default 0)")
    double rtol;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Tolerance tolerance = tolerance();
        PrintWriter out = spec.commandLine().getOut();
        boolean sweepA = SweepComparison.isSweep(a);
        if (sweepA != SweepComparison.isSweep(b)) {
            throw new CliException((sweepA ? "A " + a : "B " + b) + " is a sweep directory and "
                    + (sweepA ? "B " + b : "A " + a) + " is not: compare two runs, or two sweeps");
        }
        if (sweepA) {
            SweepComparison c = SweepComparison.of(a, b, tolerance);
            print(out, c, ComparisonText.lines(c));
            boolean differ = c.verdict() == RunComparison.Verdict.DIFFERENT || c.runs().stream().anyMatch(
                    r -> r.outcome() == SweepComparison.Outcome.DIFFERENT || r.outcome() == SweepComparison.Outcome.ONLY_IN_A
                            || r.outcome() == SweepComparison.Outcome.ONLY_IN_B);
            return differ ? EXIT_DIFFERENT : c.sameNumbers() ? 0 : SomnusCli.EXIT_BAD_INPUT;
        }
        RunComparison c = RunComparison.of(a, b, tolerance);
        print(out, c, ComparisonText.lines(c));
        return c.verdict() == RunComparison.Verdict.DIFFERENT ? EXIT_DIFFERENT : 0;
    }

    /** --atol and --rtol, or an error naming the one that is negative, NaN or infinite. */
    private Tolerance tolerance() {
        for (var option : List.of(Map.entry("--atol", atol), Map.entry("--rtol", rtol))) {
            if (!Tolerance.allowed(option.getValue())) {
                throw new CliException(option.getKey() + " " + NumberText.of(option.getValue()) + ": give a finite "
                        + "number ≥ 0 (0: numbers must be equal)");
            }
        }
        return new Tolerance(atol, rtol);
    }

    /** The comparison as JSON (--json), else as its text. */
    private void print(PrintWriter out, Object comparison, List<String> text) throws Exception {
        if (json) {
            @SuppressWarnings("unchecked")
            Map<String, Object> tree = Mappers.JSON.convertValue(comparison, Map.class);
            out.println(SummaryJson.text(tree));
        } else {
            text.forEach(out::println);
        }
        out.flush();
    }
}
