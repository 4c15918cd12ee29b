package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code scripts/host-probe} (docs/performance.md, "Measuring"): runs it briefly, alone and beside a command, and checks
 * its figures against what any x86-64 core can do; checks that bad arguments are refused naming the value. Needs x86-64 and a C compiler
 * (Debian's gcc); skipped elsewhere.
 */
class HostProbeScriptTest {
    private static final Path SCRIPT = ScriptRun.script("host-probe");

    private static ScriptRun run(String... args) throws IOException, InterruptedException {
        return ScriptRun.run(SCRIPT, args);
    }

    private static boolean runnable() {
        return System.getProperty("os.arch").equals("amd64") && ScriptRun.onPath("cc");
    }

    private static double[] figures(String output, String line) {
        Matcher m = Pattern.compile(Pattern.quote(line)
                + ": median ([0-9.]+)(?: GHz| cycles)? \\(p5 ([0-9.]+), p95 ([0-9.]+)\\)").matcher(output);
        assertTrue(m.find(), "no '" + line + "' line in:\n" + output);
        return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
            Double.parseDouble(m.group(3))};
    }

    @Test
    void printsAClockAndAddsPerCycleThatACoreCanHave() throws Exception {
        assumeTrue(runnable(), "needs x86-64 and cc");
        ScriptRun r = run("0.5", "0");
        assertEquals(0, r.exit(), r.output());
        double[] clock = figures(r.output(), "clock (one dependent add per cycle)");
        double[] adds = figures(r.output(), "adds per cycle in eight independent chains");
        double[] l2 = figures(r.output(), "L2 loads (one chain of dependent loads over 512 KiB)");
        for (double[] f : List.of(clock, adds, l2)) {
            assertTrue(f[1] <= f[0] && f[0] <= f[2], "p5 ≤ median ≤ p95: " + r.output());
        }
        // a clock between 0.5 and 7 GHz; eight independent chains run at least as fast as one and at most as wide as
        // any x86-64 core issues integer adds (Zen 5: 6 ALUs)
        assertTrue(clock[0] > 0.5 && clock[0] < 7, r.output());
        assertTrue(adds[0] > 1 && adds[0] <= 8, r.output());
        assertL2LoadCycles(l2[0], r.output());
        Matcher shared = Pattern.compile("\\(the physical core shared\\): (\\d+) %").matcher(r.output());
        assertTrue(shared.find(), r.output());
        int percent = Integer.parseInt(shared.group(1));
        assertTrue(percent >= 0 && percent <= 100, r.output());
    }

    /**
     * {@code --during}: each core's figures over the command's run, within what any x86-64 core can do and with a
     * sample every 0.5 s, and the command's exit status passed on.
     */
    @Test
    void samplesTheCoresWhileACommandRunsAndPassesItsStatusOn() throws Exception {
        assumeTrue(runnable(), "needs x86-64 and cc");
        ScriptRun r = run("--during", "sh", "-c", "sleep 2; exit 3");
        assertEquals(3, r.exit(), r.output());
        Matcher m = Pattern.compile("cpu \\d+ during the command: (\\d+) samples over ([0-9.]+) s; clock median ([0-9.]+) "
                + "GHz; adds per cycle median ([0-9.]+) \\(p5 ([0-9.]+), p95 ([0-9.]+)\\); samples below 90% of the p95 "
                + "\\(the physical core shared\\): (\\d+) %; L2 load median ([0-9.]+) cycles \\(p5 ([0-9.]+), p95 "
                + "([0-9.]+)\\)").matcher(r.output());
        int cores = 0;
        while (m.find()) {
            cores++;
            int samples = Integer.parseInt(m.group(1));
            double seconds = Double.parseDouble(m.group(2));
            double clock = Double.parseDouble(m.group(3));
            double median = Double.parseDouble(m.group(4));
            double p5 = Double.parseDouble(m.group(5));
            double p95 = Double.parseDouble(m.group(6));
            int percent = Integer.parseInt(m.group(7));
            // a sampler starts beside the command, as late as a loaded machine lets it (1.1 s of a 1.2-s command seen)
            assertTrue(seconds >= 1 && seconds < 4 && samples >= 2 && samples <= 2 * seconds + 2,
                    "a sample every 0.5 s while the command runs 2 s: " + m.group());
            assertTrue(clock > 0.5 && clock < 7, m.group());
            assertTrue(p5 <= median && median <= p95 && median > 1 && median <= 8, m.group());
            assertTrue(percent >= 0 && percent <= 100, m.group());
            double l2 = Double.parseDouble(m.group(8));
            assertTrue(Double.parseDouble(m.group(9)) <= l2 && l2 <= Double.parseDouble(m.group(10)), m.group());
            assertL2LoadCycles(l2, m.group());
        }
        assertTrue(cores >= 1, "no core's line in:\n" + r.output());
        ScriptRun none = run("--during");
        assertEquals(2, none.exit(), none.output());
        assertTrue(none.output().contains("--during needs a command to run"), none.output());
    }

    /**
     * A chain of loads through 512 KiB, beyond the L1 of any x86-64 core (at most 64 KiB), waits at least an L2 hit per
     * load (11 cycles or more on every x86-64 core since 2011), and less than a trip to memory would take (well under
     * 1 000 cycles): a rate in ns instead of cycles, or loads the compiler removed, would read below.
     */
    private static void assertL2LoadCycles(double cycles, String output) {
        assertTrue(cycles >= 11 && cycles < 1000, "cycles per L2 load " + cycles + " in:\n" + output);
    }

    /**
     * {@code --during} with a command that ends at once, often before a sampler has started (its signal then came too
     * early: it once sampled for ten minutes after the script had waited on it) or opened its output: the script ends,
     * passes the status on and gives each core's one line, its sample or that it has none. The time limit's own thread
     * can fail the test while the script hangs.
     */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aCommandThatEndsAtOnceLeavesNoSamplerRunning() throws Exception {
        assumeTrue(runnable(), "needs x86-64 and cc");
        long cores = Math.min(4, Runtime.getRuntime().availableProcessors());
        Pattern coreLine = Pattern.compile("host-probe: cpu \\d+(: no sample \\(the command ended before the first\\)"
                + "| during the command: 1 samples over .*)");
        for (int k = 0; k < 5; k++) {
            ScriptRun r = run("--during", "sh", "-c", "exit 5");
            assertEquals(5, r.exit(), r.output());
            assertFalse(r.output().contains("No such file"), r.output());
            assertEquals(cores, r.output().lines().filter(l -> coreLine.matcher(l).matches()).count(), r.output());
        }
    }

    @Test
    void refusesBadArgumentsNamingThem() throws Exception {
        assumeTrue(runnable(), "needs x86-64 and cc");
        ScriptRun.assertRefusesBadSecondsAndCpu(HostProbeScriptTest::run);
    }
}
