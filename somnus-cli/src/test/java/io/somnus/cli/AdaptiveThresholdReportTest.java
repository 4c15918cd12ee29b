package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.somnus.experiment.io.JsonFiles;
import io.somnus.experiment.io.Npz;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Diehl &amp; Cook's adaptive threshold θ in a run's summary.json (theta_mv), metrics.csv (theta_e_*_mv), inspect and
 * page, and nowhere in a run whose neurons have none (docs/run-directory.md).
 */
class AdaptiveThresholdReportTest {
    private static String run(String... args) {
        CommandLine cl = SomnusCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        assertEquals(0, cl.execute(args), err.toString());
        return out.toString();
    }

    private static String[] tiny(String preset, Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("train", "--preset", preset, "--dataset",
                "geomfig", "--excitatory", "10", "--train-images", "30", "--validation-images", "10", "--test-images", "10",
                "--set", "train.checkpoints=2", "--set", "train.readout_images=20", "--out", out.toString()));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    /** The summary's numbers are those of the θ the run saves in network.npz, worked out here from the array. */
    @Test
    void aDiehlCookRunReportsItsThetaWhereverItsNumbersAreShown(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("dc");
        run(tiny("diehl-cook", out, "--save-network"));
        double[] theta = Npz.read(out.resolve("network.npz")).get("population.e.theta_mv").toDoubles();
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double t : theta) {
            sum += t;
            min = Math.min(min, t);
            max = Math.max(max, t);
        }
        double mean = sum / theta.length;
        double ss = 0;
        for (double t : theta) {
            ss += (t - mean) * (t - mean);
        }
        assertTrue(max > 0, "θ never rose: the check below would hold for any all-zero θ");
        JsonNode e = JsonFiles.readObject(out.resolve("summary.json")).path("theta_mv").path("e");
        assertEquals(mean, e.path("mean").asDouble(), 1e-9 * Math.abs(mean), e.toString());
        assertEquals(Math.sqrt(ss / theta.length), e.path("std").asDouble(), 1e-9, e.toString());
        assertEquals(min, e.path("min").asDouble(), e.toString());
        assertEquals(max, e.path("max").asDouble(), e.toString());

        String header = Files.readAllLines(out.resolve("metrics.csv")).get(0);
        assertTrue(header.contains(",theta_e_mean_mv,theta_e_std_mv,theta_e_min_mv,theta_e_max_mv"), header);
        // the inhibitory neurons have no adaptive threshold (θ₊ = θ₀ = 0): no θ of theirs, all zeros, anywhere
        assertFalse(header.contains("theta_i_"), header);
        List<String> withTheta = new ArrayList<>();
        JsonFiles.readObject(out.resolve("summary.json")).path("theta_mv").fieldNames().forEachRemaining(withTheta::add);
        assertEquals(List.of("e"), withTheta);
        String inspect = run("inspect", out.toString());
        assertTrue(inspect.contains("adaptive threshold θ of e at the end of training: mean "), inspect);
        assertFalse(inspect.contains("θ of i"), inspect);
        assertTrue(Files.readString(out.resolve("report.html")).contains("adaptive threshold θ at the end of training"));
    }

    @Test
    void aPaperRunWhoseNeuronsHaveNoThetaReportsNone(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("paper");
        run(tiny("paper", out));
        assertFalse(JsonFiles.readObject(out.resolve("summary.json")).has("theta_mv"));
        assertFalse(Files.readAllLines(out.resolve("metrics.csv")).get(0).contains("theta"));
        assertFalse(run("inspect", out.toString()).contains("θ"));
    }
}
