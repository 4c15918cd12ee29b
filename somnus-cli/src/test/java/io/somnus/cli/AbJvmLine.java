package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One JVM's line of {@code scripts/kernels-ab} or {@code scripts/code-ab}: which copy it made first, each side's median
 * ms per image, the median of the pairs' B/A with its quartiles, and how many pairs B won.
 */
record AbJvmLine(String first, double a, double b, double median, double p25, double p75, int bFaster) {
    /**
     * The JVM lines of {@code output}, each checked: both medians above 0.01 and below 1 000 ms per image (100 images at
     * N_e = 100 on any machine), the median between its quartiles, B's wins at most {@code pairs}.
     *
     * @param copies what each side's copy is called in the lines ("kernels", "code")
     * @param unit   the unit of the medians ("ms/image", "CPU ms/image")
     */
    static List<AbJvmLine> parse(String output, String copies, String unit, int pairs) {
        Matcher m = Pattern.compile("JVM with ([AB])'s " + copies + " made first: A median ([0-9.]+), B median ([0-9.]+) "
                + Pattern.quote(unit) + "; B/A per pair median ([0-9.]+) \\(p25 ([0-9.]+), p75 ([0-9.]+)\\), "
                + "B faster in ([0-9]+) of " + pairs).matcher(output);
        List<AbJvmLine> lines = new ArrayList<>();
        while (m.find()) {
            AbJvmLine line = new AbJvmLine(m.group(1), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)),
                    Double.parseDouble(m.group(4)), Double.parseDouble(m.group(5)), Double.parseDouble(m.group(6)),
                    Integer.parseInt(m.group(7)));
            assertTrue(line.a > 0.01 && line.b > 0.01 && line.a < 1000 && line.b < 1000, output);
            assertTrue(line.p25 <= line.median && line.median <= line.p75, output);
            assertTrue(line.bFaster <= pairs, output);
            lines.add(line);
        }
        return lines;
    }

    /**
     * Asserts that an A/B script ({@code scripts/kernels-ab}, {@code scripts/code-ab}: the checks of
     * scripts/ab-args.sh) refuses bad pairs, warm-up runs, CPU and JVM counts, an unknown revision, two revisions and
     * none, naming each.
     */
    static void assertRefusesBadArguments(ScriptRun.Runner script) throws IOException, InterruptedException {
        script.run("--pairs", "0", "HEAD").assertRefused("--pairs must be a whole number from 1 to 100000, got '0'");
        script.run("--warmup", "x", "HEAD").assertRefused("--warmup must be a whole number from 0 to 10000, got 'x'");
        script.run("--cpu", "first", "HEAD").assertRefused("--cpu must be a CPU number, got 'first'");
        script.run("no-such-revision").assertRefused("REV 'no-such-revision' is not a commit of");
        script.run("--jvms", "3", "HEAD").assertRefused("--jvms must be an even number from 2 to 100, got '3'");
        script.run("HEAD", "HEAD~1").assertRefused("one REV only, got 'HEAD' and 'HEAD~1'");
        script.run().assertRefused("no REV");
    }
}
