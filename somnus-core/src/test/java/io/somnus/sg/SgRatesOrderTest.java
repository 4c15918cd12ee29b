package io.somnus.sg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Firing rates keep their populations in name order, so that summary.json is the same file in every JVM
 * ({@code Map.copyOf} iterates in an order salted per JVM: two processes wrote the keys differently).
 */
class SgRatesOrderTest {
    private static final List<String> SORTED = List.of("h1", "h2", "h3", "h4", "h5", "out");

    private static Map<String, Double> rates() {
        Map<String, Double> m = new HashMap<>();
        for (String k : List.of("out", "h4", "h1", "h5", "h2", "h3")) {
            m.put(k, (double) k.hashCode());
        }
        return m;
    }

    @Test
    void evaluationRatesIterateInNameOrder() {
        assertEquals(SORTED, List.copyOf(new SgEvaluation(0.5, 10, rates()).firingRatesHz().keySet()));
    }

    @Test
    void sleepRatesIterateInNameOrder() {
        SgResult r = new SgResult(null, List.of(), List.of(), null, Map.of(), Map.of(), rates(), 0, 0, 0, 0, 0, 0, 0, "");
        assertEquals(SORTED, List.copyOf(r.sleepFiringRatesHz().keySet()));
    }
}
