package io.somnus.experiment.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.experiment.config.Configs;
import io.somnus.experiment.io.Mappers;
import io.somnus.experiment.io.NpyArray;
import io.somnus.experiment.io.Npz;
import io.somnus.experiment.model.RunProgress;
import io.somnus.kernel.Kernels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReproducibilityTest {
    @TempDir
    Path tmp;

    private static Map<String, Object> settings(Object... extra) {
        Map<String, Object> s = new HashMap<>(Map.of("preset", "paper", "dataset.name", "geomfig", "train.images", 60,
                "train.validation_images", 20, "train.test_images", 40, "train.checkpoints", 2,
                "train.eval_threads", 2, "sleep.fraction", 0.2, "sleep.wake_steps", 2000));
        for (int k = 0; k < extra.length; k += 2) {
            s.put((String) extra[k], extra[k + 1]);
        }
        return s;
    }

    private JsonNode run(String dir, Map<String, Object> settings) throws Exception {
        return run(dir, settings, Kernels.preferred());
    }

    private JsonNode run(String dir, Map<String, Object> settings, Kernels kernels) throws Exception {
        ObjectNode tree = new StandardResolver().resolve(settings);
        Path runDir = tmp.resolve(dir);
        new StandardRunExecutor(kernels).execute(tree, runDir, RunProgress.NONE);
        return Mappers.JSON.readTree(Files.readString(runDir.resolve("summary.json")));
    }

    /** Same seed: summary.json, weights.npz and metrics.csv byte for byte; the timings live in timing.json. */
    @Test
    void sameSeedSameSummaryOtherSeedOtherSummary() throws Exception {
        JsonNode a = run("a", settings());
        JsonNode b = run("b", settings());
        assertTrue(a.get("sleep_steps").asLong() > 0, "sleep happened");
        for (String file : new String[] {"summary.json", "weights.npz", "metrics.csv"}) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve("a").resolve(file)),
                    Files.readAllBytes(tmp.resolve("b").resolve(file)), file);
        }
        assertTrue(Mappers.JSON.readTree(tmp.resolve("a/timing.json").toFile()).get("wall_seconds").asDouble() > 0);
        // the preferred kernels ran, and provenance says how they were chosen
        JsonNode prov = Mappers.JSON.readTree(tmp.resolve("a/provenance.json").toFile());
        assertEquals(prov.path("kernels").asText(), prov.path("kernels_selection").path("kernels").asText(), prov.toString());
        assertTrue(prov.path("kernels_selection").path("source").isTextual(), prov.toString());
        JsonNode c = run("c", settings("seed", 2));
        assertNotEquals(a, c);
    }

    /**
     * A whole run (training with STDP, sleep with membrane noise, frozen evaluation on two threads) gives the
     * same summary, metrics and weights with the scalar and the SIMD kernels: the paper preset (current LIF,
     * sparse projections) and diehl-cook (conductance LIF, dense input projection, normalisation).
     */
    @Test
    void scalarAndSimdKernelsGiveTheSameRun() throws Exception {
        assertNotNull(Kernels.vector(), "this module's tests run with the Vector API module");
        Map<String, Map<String, Object>> cases = Map.of(
                "paper", settings(),
                "dc", settings("preset", "diehl-cook", "populations.e.size", 30, "train.images", 12,
                        "train.validation_images", 8, "train.test_images", 8, "sleep.wake_steps", 2100));
        for (Map.Entry<String, Map<String, Object>> c : cases.entrySet()) {
            JsonNode scalar = run(c.getKey() + "-scalar", c.getValue(), Kernels.scalar());
            JsonNode simd = run(c.getKey() + "-simd", c.getValue(), Kernels.vector());
            assertTrue(scalar.get("sleep_steps").asLong() > 0, "sleep happened");
            assertEquals(scalar, simd, c.getKey());
            assertEquals(Files.readString(tmp.resolve(c.getKey() + "-scalar/metrics.csv")),
                    Files.readString(tmp.resolve(c.getKey() + "-simd/metrics.csv")), c.getKey());
            Map<String, NpyArray> ws = Npz.read(tmp.resolve(c.getKey() + "-scalar/weights.npz"));
            Map<String, NpyArray> wv = Npz.read(tmp.resolve(c.getKey() + "-simd/weights.npz"));
            assertEquals(ws.keySet(), wv.keySet());
            for (String name : ws.keySet()) {
                assertArrayEquals(ws.get(name).floats(), wv.get(name).floats(), c.getKey() + " " + name);
            }
            for (String side : new String[] {"scalar", "simd"}) {
                String recorded = Mappers.JSON.readTree(tmp.resolve(c.getKey() + "-" + side + "/provenance.json")
                        .toFile()).path("kernels").asText();
                assertEquals((side.equals("scalar") ? Kernels.scalar() : Kernels.vector()).name(), recorded,
                        "provenance.json names the kernels the run was given");
            }
        }
    }

    @Test
    void plasticityOffKeepsInitialWeights() throws Exception {
        // a smaller run: the property does not depend on the size
        JsonNode s = run("frozen", settings("train.plasticity", false, "train.images", 20, "train.test_images", 20,
                "train.validation_images", 10));
        Map<String, NpyArray> arrays = Npz.read(tmp.resolve("frozen/weights.npz"));
        float[] w = arrays.get("input_e").floats();
        long synapses = 0;
        for (float x : w) {
            if (x != 0f) {
                synapses++;
            }
        }
        assertTrue(synapses > 0);
        double expected = 0.15 * synapses;
        double totalAbs = s.get("weights").get("input_e").get("total_abs").asDouble();
        assertEquals(expected, totalAbs, 1e-5 * expected);
        assertEquals(0, s.get("sleep_steps").asLong(), "no plasticity, no sleep");
    }
}
