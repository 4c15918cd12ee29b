package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code scripts/bandwidth-probe} (docs/performance.md, "How far from the floor"): runs it briefly and checks its
 * figures against each other and against what any machine's memory can do; checks that bad arguments are refused naming
 * the value. Needs a C compiler (Debian's gcc) and taskset; skipped elsewhere.
 */
class BandwidthProbeScriptTest {
    private static final Path SCRIPT = ScriptRun.script("bandwidth-probe");

    private static ScriptRun run(String... args) throws IOException, InterruptedException {
        return ScriptRun.run(SCRIPT, args);
    }

    private static boolean runnable() {
        return ScriptRun.onPath("cc") && ScriptRun.onPath("taskset");
    }

    @Test
    void printsARateThatItsRowsPerSecondGive() throws Exception {
        assumeTrue(runnable(), "needs cc and taskset");
        ScriptRun r = run("0.3", "0", "1600");
        assertEquals(0, r.exit(), r.output());
        Matcher shape = Pattern.compile("rows of 1600 floats \\(6\\.4 kB\\) from a 784 x 1600 matrix \\(5\\.0 MB\\)")
                .matcher(r.output());
        assertTrue(shape.find(), r.output());
        Matcher m = Pattern.compile("weights read: median ([0-9.]+) GB/s \\(p5 ([0-9.]+), p95 ([0-9.]+)\\); rows per "
                + "second: median ([0-9]+)").matcher(r.output());
        assertTrue(m.find(), r.output());
        double median = Double.parseDouble(m.group(1));
        double p5 = Double.parseDouble(m.group(2));
        double p95 = Double.parseDouble(m.group(3));
        double rows = Double.parseDouble(m.group(4));
        assertTrue(p5 <= median && median <= p95, r.output());
        // 1 600 floats of 4 bytes per row: the median rate is the median rows per second times 6 400 bytes
        assertEquals(rows * 1600 * 4 / 1e9, median, 0.05 + 1e-3 * median, r.output());
        // it read rows, and no faster than any core's caches deliver (no lower bound on the rate: on a machine loaded
        // many times over the probe's core may run for a few of its windows only, and a median of 0.0 GB/s was seen)
        assertTrue(p95 > 0 && median < 1000, r.output());
    }

    @Test
    void refusesBadArgumentsNamingThem() throws Exception {
        assumeTrue(runnable(), "needs cc and taskset");
        ScriptRun.assertRefusesBadSecondsAndCpu(BandwidthProbeScriptTest::run);
        run("1", "0", "8").assertRefused("COLUMNS must be a whole number from 16 to 1000000, got '8'");
    }
}
