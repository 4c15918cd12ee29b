package io.somnus.experiment.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.experiment.config.Configs;
import io.somnus.experiment.io.Mappers;
import io.somnus.experiment.io.NpyArray;
import io.somnus.experiment.io.Npz;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.io.SummaryJson;
import io.somnus.experiment.model.RunProgress;
import io.somnus.experiment.run.RunResult;
import io.somnus.experiment.run.StandardRunExecutor;
import io.somnus.encoding.BernoulliEncoder;
import io.somnus.encoding.SpikeTrain;
import io.somnus.experiment.stdp.SpikeExchange;
import io.somnus.kernel.Kernels;
import io.somnus.network.Network;
import io.somnus.network.SpikeCounter;
import java.io.DataOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's "A run in memory" example, run on geomfig and compared, number for number, with the run directory the
 * executor writes for the same configuration (what {@code somnus train} writes; CliMatchesLibraryRunTest runs the CLI
 * itself); the last test fails when the README's block and this differ.
 */
class RunInMemoryExampleTest {
    private static final String HEADING = "### A run in memory";

    @Test
    void readmeExampleRunsAndGivesTheRunDirectorysNumbers(@TempDir Path tmp) throws Exception {
        Path cwd = Path.of("").toAbsolutePath();
        List<Path> before;
        try (Stream<Path> s = Files.list(tmp)) {
            before = s.toList();
        }
        // --- README: A run in memory ---
        ObjectNode config = Configs.resolveTree(Map.of("preset", "paper", "dataset.name", "geomfig", "seed", 7,
                "train.images", 20, "train.validation_images", 10, "train.test_images", 10, "train.checkpoints", 2));
        RunResult result = new StandardRunExecutor().run(config);                  // no file written
        double accuracy = result.testAccuracy();                                    // summary.json's test_accuracy
        Map<String, Double> spikes = result.wakeSpikesPerImage();                  // e.g. "e": spikes per image
        float[] learned = result.weights("input_e");                                // [pre][post], 225 × 200
        List<Map<String, Double>> rows = result.metrics();                          // metrics.csv: a row per checkpoint
        Network net = result.network().orElseThrow();                               // the trained STDP-SNN itself
        // --- end of the README example ---
        assertEquals(null, result.runDir());
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(before, s.toList(), "nothing written");
        }
        assertFalse(Files.exists(cwd.resolve(RunDirectory.METRICS)), "no metrics.csv in the working directory");
        assertArrayEquals(new int[] {225, 200}, result.shape("input_e"), "geomfig 15×15 onto the paper's 200");
        assertEquals(225 * 200, learned.length);
        assertEquals(2, rows.size(), "train.checkpoints = 2");
        assertEquals(List.of(10.0, 20.0), rows.stream().map(r -> r.get("images_seen")).toList());
        assertTrue(spikes.containsKey("e"), spikes.toString());
        assertTrue(net.projection("input_e").pre() == net.input(), "input→E starts at the input source");
        assertArrayEquals(learned, net.projection("input_e").toDense(), "its weights, bit for bit");

        // the same configuration written as a run directory (execute: the CLI's train)
        Path dir = tmp.resolve("run");
        new StandardRunExecutor().execute(config, dir, RunProgress.NONE);
        JsonNode summary = Mappers.JSON.readTree(dir.resolve(RunDirectory.SUMMARY).toFile());
        assertEquals(summary.get("test_accuracy").asDouble(), accuracy, 0.0);
        assertEquals(summary.get("wake_spikes_per_image").get("e").asDouble(), spikes.get("e"), 0.0);
        assertEquals(summary, asJson(result.summary()), "the whole of summary.json");
        Map<String, NpyArray> npz = Npz.read(dir.resolve(RunDirectory.WEIGHTS));
        assertEquals(npz.keySet(), result.arrays().keySet());
        assertArrayEquals(npz.get("input_e").floats(), learned, "bit for bit");
        List<String> csv = Files.readAllLines(dir.resolve(RunDirectory.METRICS));
        assertEquals(rows.size() + 1, csv.size(), "a header and a line per row");
        assertTrue(csv.get(0).startsWith("images_seen,"), csv.get(0));

        // and what run(config, dir, progress) writes is the same directory
        Path both = tmp.resolve("both");
        RunResult written = new StandardRunExecutor().run(config, both, RunProgress.NONE);
        assertEquals(both, written.runDir());
        assertEquals(summary, Mappers.JSON.readTree(both.resolve(RunDirectory.SUMMARY).toFile()));
        assertArrayEquals(learned, written.weights("input_e"));
        assertTrue(written.network().isPresent(), "writing the directory as well keeps the network");
    }

    /** The returned network is the trained one, live: one more image presented to it runs and spikes. */
    @Test
    void theReturnedNetworkTakesOneMoreImage() throws Exception {
        ObjectNode config = Configs.resolveTree(Map.of("preset", "paper", "dataset.name", "geomfig", "seed", 7,
                "train.images", 10, "train.validation_images", 10, "train.test_images", 10, "train.checkpoints", 1));
        RunResult result = new StandardRunExecutor().run(config);
        Network net = result.network().orElseThrow();
        float[] learned = result.weights("input_e");
        assertArrayEquals(learned, net.projection("input_e").toDense(), "bit for bit");
        SpikeCounter in = net.count(net.input());
        SpikeCounter e = net.count(net.population("e"));
        float[] pixels = new float[225];
        Arrays.fill(pixels, 1f);                 // every pixel on: p = min(1, pixel·intensity) = 1 per step
        SpikeTrain train = new SpikeTrain();
        SplittableRandom rng = new SplittableRandom(1);
        new BernoulliEncoder().encode(pixels, 1.0, 10, net.dtMs(), rng, train);
        net.present(train, /* plastic */ false, rng);
        assertEquals(225L * 10, in.total(), "every input fires at every one of the 10 steps");
        assertEquals(200, e.counts().length, "the paper's 200 excitatory neurons");
        assertArrayEquals(learned, net.projection("input_e").toDense(), "a frozen presentation learns nothing");
        net.present(train, /* plastic */ true, rng);
        assertArrayEquals(learned, result.weights("input_e"), "weights(...) is a copy: the live network's changes "
                + "do not reach it");
    }

    /**
     * The returned network is handed on as its user expects: at rest and counting from zero. Its synaptic events start
     * at 0 (not at the run's, which summary.json keeps), a stream starts at step 0 from rest (not from the run's last
     * training image), and the monitors the run attached are gone: a run that exported its spikes had rasters on every
     * population, which would go on recording and refuse a snapshot of the network's state. Presented images, it
     * spikes and counts as a copy of it that never ran does.
     */
    @Test
    void theReturnedNetworkIsAtRestWithoutTheRunsMonitorsAndCountsFromZero(@TempDir Path tmp) throws Exception {
        ObjectNode config = Configs.resolveTree(Map.of("preset", "paper", "dataset.name", "geomfig", "seed", 7,
                "train.images", 10, "train.validation_images", 10, "train.test_images", 10, "train.checkpoints", 1));
        RunResult result = new StandardRunExecutor(Kernels.preferred(),
                new SpikeExchange(tmp.resolve("export"), null)).run(config);
        assertTrue(((Number) result.summary().get("synaptic_events")).longValue() > 0, "the run delivered spikes");
        Network net = result.network().orElseThrow();
        assertEquals(0, net.synapticEvents(), "counted from zero");
        net.writeState(new DataOutputStream(OutputStream.nullOutputStream())); // no raster attached

        Network fresh = net.copyForEvaluation(); // the same weights and θ, its own state and counts
        float[] pixels = new float[225];
        Arrays.fill(pixels, 1f);
        SpikeTrain train = new SpikeTrain();
        new BernoulliEncoder().encode(pixels, 1.0, 20, net.dtMs(), new SplittableRandom(1), train);
        SpikeCounter e = net.count(net.population("e"));
        SpikeCounter eFresh = fresh.count(fresh.population("e"));
        // a stream from step 0, not on from the run's last image (its state, and its clock at step 100: a presentation
        // from rest would leave step 99 last, after which step 0 is refused), then a presentation from rest
        net.presentContinuing(train, false, new SplittableRandom(2));
        fresh.presentContinuing(train, false, new SplittableRandom(2));
        net.present(train, false, new SplittableRandom(2));
        fresh.present(train, false, new SplittableRandom(2));
        assertTrue(e.total() > 0, "E spikes");
        assertArrayEquals(eFresh.counts(), e.counts(), "as a network at rest");
        assertEquals(fresh.synapticEvents(), net.synapticEvents(), "these images' synaptic events only");
    }

    /** The SG-SNN returns its results the same way: the same numbers as its run directory. */
    @Test
    void anSgRunInMemoryGivesItsRunDirectorysNumbers(@TempDir Path tmp) throws Exception {
        ObjectNode config = Configs.resolveTree(Map.ofEntries(Map.entry("preset", "sg-fc"),
                Map.entry("dataset.name", "geomfig"), Map.entry("seed", 3), Map.entry("train.images", 64),
                Map.entry("train.validation_images", 32), Map.entry("train.test_images", 32),
                Map.entry("train.epochs", 2), Map.entry("sg.hidden", 16), Map.entry("sleep.fraction", 0.5),
                Map.entry("sg.sleep.iterations", 10), Map.entry("sg.sleep.batch_copies", 8)));
        RunResult result = new StandardRunExecutor().run(config);
        new StandardRunExecutor().execute(config, tmp, RunProgress.NONE);
        JsonNode summary = Mappers.JSON.readTree(tmp.resolve(RunDirectory.SUMMARY).toFile());
        assertEquals(summary, asJson(result.summary()));
        assertEquals(summary.get("test_accuracy").asDouble(), result.testAccuracy(), 0.0);
        Map<String, NpyArray> npz = Npz.read(tmp.resolve(RunDirectory.WEIGHTS));
        assertEquals(npz.keySet(), result.arrays().keySet());
        for (String name : npz.keySet()) {
            assertArrayEquals(npz.get(name).toDoubles(), result.arrays().get(name).toDoubles(), name);
        }
        assertEquals(2, result.metrics().size(), "a row per epoch");
        assertTrue(result.network().isEmpty(), "the SG-SNN has no event-driven network");
    }

    @Test
    void anArrayItDoesNotHaveIsNamedWithThoseItHas() throws Exception {
        RunResult r = new RunResult(Map.of("test_accuracy", 0.5), List.of(),
                Map.of("w", NpyArray.of(new float[] {1, 2}, 2)), null);
        IllegalArgumentException e = Assertions.assertThrows(IllegalArgumentException.class,
                () -> r.weights("input_e"));
        assertEquals("the run has no array 'input_e'; it has [w]", e.getMessage());
        float[] copy = r.weights("w");
        copy[0] = 9;
        assertEquals(1f, r.weights("w")[0], "a copy");
        assertEquals(Map.of(), r.wakeSpikesPerImage(), "absent: empty");
        assertTrue(r.network().isEmpty(), "built without one: none");
    }

    @Test
    void theReadmeShowsThisExampleLineForLine() throws Exception {
        ReadmeExample example = ReadmeExample.of(HEADING, RunInMemoryExampleTest.class);
        example.assertShowsTheTestsCode("A run in memory");
        example.assertLists(List.of("io.somnus.experiment.config.Configs", "io.somnus.experiment.run.RunResult",
                "io.somnus.experiment.run.StandardRunExecutor", "io.somnus.network.Network",
                "com.fasterxml.jackson.databind.node.ObjectNode"));
    }

    /**
     * The map as JSON text reads back (numbers as the file's: a float read as a double, an int as an int), written as
     * summary.json is (its undefined numbers null).
     */
    private static JsonNode asJson(Map<String, Object> map) throws Exception {
        return Mappers.JSON.readTree(SummaryJson.text(map));
    }
}
