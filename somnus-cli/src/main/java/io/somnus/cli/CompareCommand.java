package io.somnus.cli;

import io.somnus.experiment.compare.RunComparison;
import io.somnus.experiment.io.Mappers;
import io.somnus.experiment.io.SummaryJson;
import java.io.PrintWriter;
import java.nio.file.Path;
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
                + "time) nor report.html (drawn from the files compared). Exit status 0 when the results are the same numbers, 4 when they differ "
                + "(docs/portability.md, \"Is it the same run?\").")
final class CompareCommand implements Callable<Integer> {
    /** The exit status of two runs whose results differ. */
    static final int EXIT_DIFFERENT = 4;

    @Parameters(index = "0", paramLabel = "RUN_A", description = "a run directory")
    Path a;
    @Parameters(index = "1", paramLabel = "RUN_B", description = "the run directory to compare it with")
    Path b;
    @Option(names = "--json", description = "print the comparison as JSON (an undefined number as null)")
    boolean json;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        RunComparison c = RunComparison.of(a, b);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            @SuppressWarnings("unchecked")
            Map<String, Object> tree = Mappers.JSON.convertValue(c, Map.class);
            out.println(SummaryJson.text(tree));
        } else {
            ComparisonText.lines(c).forEach(out::println);
        }
        out.flush();
        return c.verdict() == RunComparison.Verdict.DIFFERENT ? EXIT_DIFFERENT : 0;
    }
}
