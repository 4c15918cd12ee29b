package io.somnus.experiment.stdp;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.run.StandardResolver;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A network too large to build is refused at resolve time, with the estimate, before anything is allocated. */
class NetworkEstimateTest {
    @Test
    void aNetworkBeyondTheHeapIsRefusedWithTheEstimateAndTheHeap() {
        long t0 = System.nanoTime();
        // 46 000 E all-to-all recurrent: 2.1e9 synapses, tens of GiB: more than any test JVM's heap
        ConfigException e = assertThrows(ConfigException.class, () -> new StandardResolver().resolve(Map.of(
                "preset", "paper", "populations.e.size", 46_000, "projections.e_e.connector", "all_to_all")));
        assertTrue(e.getMessage().contains("GiB of memory but the Java heap is")
                && e.getMessage().contains("projections.e_e"), e.getMessage());
        assertTrue((System.nanoTime() - t0) / 1e9 < 5, "refused without allocating");
    }

    @Test
    void aProjectionBeyondAJavaArrayIsRefusedNamingIt() {
        ConfigException e = assertThrows(ConfigException.class, () -> new StandardResolver().resolve(Map.of(
                "preset", "paper", "populations.e.size", 100_000_000)));
        assertTrue(e.getMessage().contains("projections.input_e") && e.getMessage().contains("synapses"), e.getMessage());
    }

    @Test
    void theBundledSizesPass() {
        ObjectNode dc = new StandardResolver().resolve(Map.of("preset", "diehl-cook", "populations.e.size", 400));
        assertTrue(dc.get("populations").get(0).get("size").asInt() == 400);
    }
}
