package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code scripts/subnormal-census} (docs/performance.md, "Measuring"): diehl-cook's first images counted in vectors of
 * 16 and of 1 neuron. The same seeded run gives the same neuron-steps whatever the grouping, each population is updated
 * once per simulated step, and its inhibitory neurons' conductances, which decay to 0 between their partner's spikes,
 * pass through subnormals; bad arguments are refused by name.
 */
class SubnormalCensusScriptTest {
    private static final Path SCRIPT = ScriptRun.script("subnormal-census");
    private static final Pattern HEADER = Pattern.compile("the first (\\d+) training images \\(([0-9.]+) presentations "
            + "per image");
    private static final Pattern POPULATION = Pattern.compile("conductance-LIF, 100 neurons, V_rest (-6[05])\\.0 mV: "
            + "(\\d+) updates, (\\d+) vector-steps, (\\d+) with a subnormal state \\(([0-9.]+) %\\), (\\d+) neuron-steps");

    /** updates, vector-steps, vector-steps with a subnormal, neuron-steps with one: per V_rest (−65 E, −60 I). */
    private static Map<String, long[]> counts(ScriptRun r, int images, int lanes) {
        assertEquals(0, r.exit(), r.output());
        Matcher h = HEADER.matcher(r.output());
        assertTrue(h.find(), r.output());
        assertEquals(images, Integer.parseInt(h.group(1)), r.output());
        double presentations = Double.parseDouble(h.group(2)) * images;
        Map<String, long[]> c = new LinkedHashMap<>();
        Matcher m = POPULATION.matcher(r.output());
        while (m.find()) {
            long[] v = {Long.parseLong(m.group(2)), Long.parseLong(m.group(3)), Long.parseLong(m.group(4)),
                    Long.parseLong(m.group(6))};
            assertEquals((100 + lanes - 1) / lanes * v[0], v[1], "vectors per update: " + r.output());
            assertTrue(v[2] <= v[3] && v[3] <= (long) lanes * v[2], "a counted vector holds 1 to " + lanes
                    + " counted neurons: " + r.output());
            assertEquals(100.0 * v[2] / v[1], Double.parseDouble(m.group(5)), 0.0005, r.output());
            c.put(m.group(1), v);
        }
        assertEquals(2, c.size(), r.output());
        // E is updated at each of diehl-cook's 700 steps per presentation (I skips a step when nothing can change)
        assertEquals(presentations * 700, c.get("-65")[0], 0.005 * images * 700, r.output());
        assertTrue(c.get("-60")[0] <= c.get("-65")[0], r.output());
        return c;
    }

    @Test
    void countsTheSameNeuronStepsInVectorsOfSixteenAndOfOne() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/usr/share/datasets/fashion-mnist")), "dataset-fashion-mnist not installed");
        Map<String, long[]> sixteen = counts(ScriptRun.run(SCRIPT, "--images", "30"), 30, 16);
        Map<String, long[]> one = counts(ScriptRun.run(SCRIPT, "--images", "30", "--lanes", "1"), 30, 1);
        for (String rest : sixteen.keySet()) {
            assertEquals(sixteen.get(rest)[0], one.get(rest)[0], "updates at V_rest " + rest);
            assertEquals(sixteen.get(rest)[3], one.get(rest)[3], "neuron-steps at V_rest " + rest);
            assertEquals(one.get(rest)[2], one.get(rest)[3], "vectors of one neuron at V_rest " + rest);
        }
        long[] inhibitory = sixteen.get("-60");
        assertTrue(inhibitory[2] > 0 && inhibitory[2] < inhibitory[1], "some, not all: " + inhibitory[2]);
    }

    @Test
    void refusesBadArgumentsNamingThem() throws Exception {
        ScriptRun.run(SCRIPT, "--images", "0").assertRefused("--images must be a whole number from 1 to 1000000, got '0'");
        ScriptRun.run(SCRIPT, "--lanes", "x").assertRefused("--lanes must be a whole number from 1 to 64, got 'x'");
        ScriptRun.run(SCRIPT, "--size", "-3").assertRefused("--size must be a whole number from 1 to 100000, got '-3'");
        ScriptRun.run(SCRIPT, "--preset", "a b").assertRefused("--preset must be a preset's name, got 'a b'");
        ScriptRun.run(SCRIPT, "--preset", "nope", "--images", "1").assertRefused("subnormal-census: unknown preset 'nope'");
        ScriptRun.run(SCRIPT, "--images").assertRefused("--images needs a value");
        ScriptRun.run(SCRIPT, "extra").assertRefused("unknown argument 'extra'");
    }
}
