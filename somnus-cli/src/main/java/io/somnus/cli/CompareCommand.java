package io.somnus.cli;

import io.somnus.experiment.compare.RunComparison;
import io.somnus.experiment.compare.SweepComparison;
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
                + "run id, its verdict (or only in A or B). Exit status 0 when the results are the same numbers, 4 when "
                + "they differ (or a run id is in one sweep only), 2 when a run could not be compared (a missing or "
                + "damaged file, a run not finished) (docs/portability.md, \"Is it the same run?\").")
final class CompareCommand implements Callable<Integer> {
    /** The exit status of two runs whose results differ. */
    static final int EXIT_DIFFERENT = 4;

    @Parameters(index = "0", paramLabel = "RUN_A", description = "a run directory (or a sweep directory)")
    Path a;
    @Parameters(index = "1", paramLabel = "RUN_B", description = "the run directory (sweep directory) to compare it "
            + "with")
    Path b;
    @Option(names = "--json", description = "print the comparison as JSON (an undefined number as null)")
    boolean json;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        boolean sweepA = SweepComparison.isSweep(a);
        if (sweepA != SweepComparison.isSweep(b)) {
            throw new CliException((sweepA ? "A " + a : "B " + b) + " is a sweep directory and "
                    + (sweepA ? "B " + b : "A " + a) + " is not: compare two runs, or two sweeps");
        }
        if (sweepA) {
            SweepComparison c = SweepComparison.of(a, b);
            print(out, c, ComparisonText.lines(c));
            boolean differ = c.verdict() == RunComparison.Verdict.DIFFERENT || c.runs().stream().anyMatch(
                    r -> r.outcome() == SweepComparison.Outcome.DIFFERENT || r.outcome() == SweepComparison.Outcome.ONLY_IN_A
                            || r.outcome() == SweepComparison.Outcome.ONLY_IN_B);
            return differ ? EXIT_DIFFERENT : c.sameNumbers() ? 0 : SomnusCli.EXIT_BAD_INPUT;
        }
        RunComparison c = RunComparison.of(a, b);
        print(out, c, ComparisonText.lines(c));
        return c.verdict() == RunComparison.Verdict.DIFFERENT ? EXIT_DIFFERENT : 0;
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
