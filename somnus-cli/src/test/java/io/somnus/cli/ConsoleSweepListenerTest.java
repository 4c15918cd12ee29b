package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.experiment.sweep.SweepPlan;
import io.somnus.experiment.sweep.SweepPlanner;
import io.somnus.experiment.sweep.SweepSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleSweepListenerTest {
    /**
     * In a log (not a terminal), the overall line says the time left whole: with four presets pending, "time left
     * pending (no paper or paper-code or diehl-cook or diehl-cook-recurrent run done yet)" is longer than the bar's
     * 100 columns, which used to cut it ("... or diehl-cook-re"). The line drawn as the bar closes, no run finished.
     */
    @Test
    void aLogSaysThePendingPresetsInFull() {
        SweepPlan plan = SweepPlanner.plan(SweepSpec.parse(Path.of("s.yaml"), "name: log\npresets: [paper, paper-code, "
                + "diehl-cook, diehl-cook-recurrent]\ndatasets: [mnist]\nsleep_fractions: [0.0]\nseeds: [1]\n"),
                Fakes.resolver());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ConsoleSweepListener listener = new ConsoleSweepListener(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                false, 1, 3600)) {
            listener.started(plan, plan.runs(), 0);
        }
        String whole = "time left pending (no paper or paper-code or diehl-cook or diehl-cook-recurrent run done yet)";
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("sweep ")
                && l.contains("runs (")).toList();
        assertFalse(lines.isEmpty(), bytes.toString(StandardCharsets.UTF_8));
        for (String l : lines) {
            assertTrue(l.endsWith(whole), l);
        }
    }
}
