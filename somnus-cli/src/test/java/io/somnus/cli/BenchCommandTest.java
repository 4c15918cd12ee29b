package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import io.somnus.experiment.validation.Brian2SideBySide;
import io.somnus.experiment.validation.SgTorchReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import io.somnus.kernel.KernelChoice;
import io.somnus.kernel.Kernels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
                // presentations per image, training and evaluation: at least one; presentations/s = images/s × that
                double perImage = Double.parseDouble(f[7]);
                assertTrue(perImage >= 1, line);
                assertEquals(Double.parseDouble(f[6]) * perImage, Double.parseDouble(f[8]), 0.1 + 1e-3 * perImage * Double.parseDouble(f[6]), line);
                if (f[3].equals("train")) {
                    // one training thread: its CPU time is at most the wall time, so its rate at least the wall rate
                    assertTrue(Double.parseDouble(f[12]) >= 0.99 * Double.parseDouble(f[6]) - 0.1, line);
                } else {
                    assertEquals("-", f[12], line);
                }
                rows++;
            }
        }
        assertEquals(2, rows, o.out()); // train + evaluate on 1 thread
        assertTrue(o.out().contains("peak heap"), o.out());
        assertTrue(!o.out().contains("kernels auto ="), "forced kernels: no auto line\n" + o.out());
    }

    @Test
    void autoSaysHowItChose() {
        Map<String, Double> ns = new LinkedHashMap<>();
        ns.put("scalar", 3802.2);
        ns.put("vector-512", 4100.4);
        ns.put("vector-256", 3949.6);
        assertEquals("kernels auto = scalar (calibrated; median ns per calibration step: scalar 3802 vector-512 4100"
                        + " vector-256 3950; /c/kernels-1.properties)",
                BenchCommand.autoLine(new KernelChoice(Kernels.scalar(), "calibrated", ns, "/c/kernels-1.properties")));
        assertEquals("kernels auto = scalar (forced)",
                BenchCommand.autoLine(new KernelChoice(Kernels.scalar(), "forced", Map.of(), null)));
    }

    /**
     * An SG-SNN preset gets a training row on one thread and, with two processors, one on two (hidden width, images/s);
     * with --pytorch also PyTorch's, when installed.
     */
    @Test
    void sgPresetsGetATrainingRowAndPyTorchBesideIt() throws Exception {
        System.setProperty("somnus.home", Path.of("..").toAbsolutePath().normalize().toString());
        boolean torch = SgTorchReference.unavailable(Path.of("..", "validation", "pytorch").toAbsolutePath()) == null;
        Outcome o = torch
                ? run("bench", "--preset", "paper-sg-code", "--dataset", "geomfig", "--sg-images", "256", "--repeats", "1",
                        "--pytorch")
                : run("bench", "--preset", "paper-sg-code", "--dataset", "geomfig", "--sg-images", "256", "--repeats", "1");
        assertEquals(0, o.exit(), o.err());
        int somnusRows = Math.min(2, Runtime.getRuntime().availableProcessors());
        int rows = 0;
        for (String line : o.out().split("\n")) {
            if (line.startsWith("paper-sg-code")) {
                String[] f = line.trim().split("\\s+");
                assertEquals("1000", f[1], line);
                assertEquals(rows < somnusRows ? "somnus-blas" : "pytorch", f[2], line);
                // the run's threads; PyTorch's rows on the same threads (the tests' OpenBLAS has one)
                assertEquals(Integer.toString(rows % somnusRows + 1), f[4], "threads: " + line);
                assertEquals("256", f[5], line);
                assertTrue(Double.parseDouble(f[6]) > 0, "images/s must be positive: " + line);
                assertEquals(225 * 1000 + 1000 * 4, Long.parseLong(f[11]), "geomfig: 4 classes; " + line);
                rows++;
            }
        }
        assertEquals(somnusRows * (torch ? 2 : 1), rows, o.out());
    }

    @Test
    void brian2RunsOnTheSameInputsAndAgrees() throws Exception {
        System.setProperty("somnus.home", Path.of("..").toAbsolutePath().normalize().toString());
        Path scripts = Path.of(System.getProperty("somnus.home"), "validation", "brian2");
        assumeTrue(Brian2SideBySide.unavailable(scripts) == null, "Brian2 (Debian python3-brian) is not installed");
        assumeTrue(Files.isDirectory(Path.of("/usr/share/datasets/fashion-mnist")), "dataset-fashion-mnist not installed");
        Outcome o = run("bench", "--preset", "diehl-cook", "--excitatory", "20", "--dataset", "geomfig", "--images", "2",
                "--warmup", "1", "--eval-images", "2", "--threads", "1", "--repeats", "1", "--brian2",
                "--brian2-images", "2", "--brian2-device", "cpp_standalone", "--brian2-rounds", "2");
        deleteWorkFolder(o.out()); // bench keeps it for the user to read; here its 30 MB build would pile up in /tmp
        assertEquals(0, o.exit(), o.out() + o.err());
        assertTrue(o.out().contains("Brian2 cpp_standalone") && o.out().contains("ms/image"), o.out());
        assertTrue(o.out().contains("PASS"), o.out());
        // Somnus's side ran before the preset rows (in a JVM that had run nothing else), the comparison after them
        int measured = o.out().indexOf("measured first");
        int rowsHeader = o.out().indexOf("preset ");
        int firstRow = o.out().indexOf("\ndiehl-cook");
        int comparison = o.out().indexOf("Same network");
        assertTrue(measured >= 0 && measured < rowsHeader && rowsHeader < firstRow && firstRow < comparison, o.out());
        // Somnus's figure is its time per image over all its timed runs of the same images, printed with their count,
        // their time together and the range of the runs
        Matcher m = Pattern.compile("Somnus \\(\\S+\\)\\s+([0-9.]+) ms/image\\s+\\((\\d+) runs of these images in ([0-9.]+) s, "
                + "each ([0-9.]+)–([0-9.]+)\\)").matcher(o.out());
        assertTrue(m.find(), o.out());
        int runs = Integer.parseInt(m.group(2));
        assertTrue(runs >= 5 && runs <= 50, o.out());
        double perImage = Double.parseDouble(m.group(1));
        assertTrue(Double.parseDouble(m.group(4)) <= perImage && perImage <= Double.parseDouble(m.group(5)), o.out());
        // the runs end once they add up to two seconds, or at the fiftieth (two images take far less than that)
        assertTrue(runs == 50 || Double.parseDouble(m.group(3)) >= 2.0, o.out());
        // then the two take turns (Brian2's compiled binary run again): each round's ratio, and their median
        Matcher round = Pattern.compile("round (\\d+)\\s+Somnus\\s+([0-9.]+) ms/image\\s+Brian2\\s+([0-9.]+) ms/image\\s+"
                + "([0-9.]+)×").matcher(o.out());
        List<Double> ratios = new ArrayList<>();
        int lastRound = -1;
        while (round.find()) {
            lastRound = round.end();
            assertEquals(ratios.size() + 1, Integer.parseInt(round.group(1)), o.out());
            double ratio = Double.parseDouble(round.group(3)) / Double.parseDouble(round.group(2));
            assertEquals(ratio, Double.parseDouble(round.group(4)), 0.05 * ratio + 0.1, o.out()); // the printed rounding
            ratios.add(Double.parseDouble(round.group(4)));
        }
        assertEquals(2, ratios.size(), o.out());
        Matcher median = Pattern.compile("faster by ([0-9.]+)× \\(median of the rounds' ratios; ([0-9.]+)–([0-9.]+)×\\)")
                .matcher(o.out());
        assertTrue(median.find(lastRound), o.out());
        assertEquals((ratios.get(0) + ratios.get(1)) / 2, Double.parseDouble(median.group(1)), 0.11, o.out());
        assertEquals(Math.min(ratios.get(0), ratios.get(1)), Double.parseDouble(median.group(2)), 1e-9, o.out());
        assertEquals(Math.max(ratios.get(0), ratios.get(1)), Double.parseDouble(median.group(3)), 1e-9, o.out());
    }

    /** Deletes the Brian2 comparison's work folder that bench names on its "files:" line, if it does. */
    private static void deleteWorkFolder(String out) {
        Matcher files = Pattern.compile("files: (\\S*somnus-brian2-\\S+)").matcher(out);
        if (files.find()) {
            RunDirectories.deleteQuietly(Path.of(files.group(1)));
        }
    }

    @Test
    void badKernelsAndCountsAreNamed() {
        Outcome kernels = run("bench", "--kernels", "gpu");
        assertEquals(2, kernels.exit());
        assertTrue(kernels.err().contains("--kernels") && kernels.err().contains("gpu"), kernels.err());
        Outcome size = run("bench", "--preset", "diehl-cook", "--excitatory", "100,0");
        assertEquals(2, size.exit());
        assertTrue(size.err().contains("--excitatory") && size.err().contains("got 0"), size.err());
        Outcome threads = run("bench", "--threads", "1,-2");
        assertEquals(2, threads.exit());
        assertTrue(threads.err().contains("--threads") && threads.err().contains("got -2"), threads.err());
        Outcome repeats = run("bench", "--repeats", "0");
        assertEquals(2, repeats.exit());
        assertTrue(repeats.err().contains("--repeats"), repeats.err());
        Outcome device = run("bench", "--brian2", "--brian2-device", "gpu");
        assertEquals(2, device.exit());
        assertTrue(device.err().contains("--brian2-device") && device.err().contains("gpu"), device.err());
        Outcome runtimeRounds = run("bench", "--brian2", "--brian2-rounds", "3");
        assertEquals(2, runtimeRounds.exit());
        assertTrue(runtimeRounds.err().contains("--brian2-rounds") && runtimeRounds.err().contains("cpp_standalone"),
                runtimeRounds.err());
        Outcome negativeRounds = run("bench", "--brian2", "--brian2-device", "cpp_standalone", "--brian2-rounds", "-1");
        assertEquals(2, negativeRounds.exit());
        assertTrue(negativeRounds.err().contains("--brian2-rounds") && negativeRounds.err().contains("-1"),
                negativeRounds.err());
    }

    /**
     * An STDP-SNN row's option given where only SG-SNN presets run would change no row (an SG-SNN row trains on its own
     * threads, 1 and 2, and times --sg-images): refused by name, as --sg-images is without an SG-SNN preset, and
     * nothing is measured (no table header on stdout). With an STDP-SNN preset beside it the option is used.
     */
    @Test
    void anStdpRowOptionWithOnlySgPresetsIsRefused() {
        for (String[] given : List.of(new String[] {"--threads", "1"}, new String[] {"--images", "50"},
                new String[] {"--eval-images", "50"}, new String[] {"--kernels", "scalar"})) {
            Outcome o = run("bench", "--preset", "sg-fc,paper-sg-code", "--dataset", "geomfig", given[0], given[1]);
            assertEquals(2, o.exit(), given[0] + ": " + o.err());
            assertTrue(o.err().contains(given[0] + " is for the STDP-SNN presets' rows; the presets given "
                    + "(sg-fc,paper-sg-code) are SG-SNN presets"), o.err());
            assertTrue(o.out().isEmpty(), "nothing measured: " + o.out());
        }
    }

    /** An SG-SNN row warms up on --warmup's images in whole minibatches, two at the least (the default's 100 images). */
    @Test
    void anSgRowWarmsUpOnWholeMinibatchesOfTheWarmup() {
        BenchCommand bench = new BenchCommand();
        assertEquals(256, bench.sgWarmup(128), "the default 100 images: two minibatches of 128, as before");
        bench.warmup = 1000;
        assertEquals(1024, bench.sgWarmup(128), "1000 images: 8 minibatches");
        bench.warmup = 0;
        assertEquals(256, bench.sgWarmup(128));
    }
}
