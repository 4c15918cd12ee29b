package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code somnus bench} on a tiny network: the rows a user reads, and bad options. */
class BenchCommandTest {
    private record Outcome(int exit, String out, String err) { }

    private static Outcome run(String... args) {
        CommandLine cl = SomnusCli.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        PrintStream before = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int exit = cl.execute(args);
            return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(before);
        }
    }

    @Test
    void printsTrainingAndEvaluationRowsPerKernel() {
        Outcome o = run("bench", "--preset", "diehl-cook", "--excitatory", "20", "--dataset", "geomfig",
                "--images", "3", "--warmup", "1", "--eval-images", "4", "--threads", "1", "--repeats", "1",
                "--kernels", "scalar");
        assertEquals(0, o.exit(), o.err());
        String[] lines = o.out().split("\n");
        int rows = 0;
        for (String line : lines) {
            if (line.startsWith("diehl-cook")) {
                String[] f = line.trim().split("\\s+");
                assertEquals("20", f[1], line);
                assertEquals("scalar", f[2], line);
                assertTrue(Double.parseDouble(f[6]) > 0, "images/s must be positive: " + line);
                rows++;
            }
        }
        assertEquals(2, rows, o.out()); // train + evaluate on 1 thread
        assertTrue(o.out().contains("peak heap"), o.out());
    }

    @Test
    void badKernelsAndCountsAreNamed() {
        Outcome kernels = run("bench", "--kernels", "gpu");
        assertEquals(2, kernels.exit());
        assertTrue(kernels.err().contains("--kernels") && kernels.err().contains("gpu"), kernels.err());
        Outcome repeats = run("bench", "--repeats", "0");
        assertEquals(2, repeats.exit());
        assertTrue(repeats.err().contains("--repeats"), repeats.err());
    }
}
