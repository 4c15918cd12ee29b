package io.somnus.plasticity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The public trace helper against the closed form: a trace left alone n steps after a spike is x₀·exp(−n·dt/τ)
 * (Euler: x₀·(1 − dt/τ)ⁿ), and a spike adds its amount to the trace decayed to that step.
 */
class ExponentialTracesTest {
    private static final double TAU_MS = 20;
    private static final double DT_MS = 0.5;

    @Test
    void aTraceWithoutSpikesDecaysAsTheClosedForm() {
        ExponentialTraces t = new ExponentialTraces("test rule", "τ", TAU_MS, DT_MS, false);
        t.resize(3);
        t.add(1, 10, 2.5); // x₀ = 2.5 at step 10 (from 0)
        for (int n : new int[] {0, 1, 7, 40, 333, 1199}) {
            double closed = 2.5 * Math.exp(-n * DT_MS / TAU_MS);
            assertEquals(closed, t.at(1, 10 + n), closed * 1e-14, "n = " + n);
            assertEquals(Math.exp(-n * DT_MS / TAU_MS), t.decay(n), 1e-15, "n = " + n);
        }
        assertEquals(0, t.at(0, 500), "an untouched trace is 0");
        assertEquals(0, t.at(1, 10 + 1201 + 5), "0 past 30 τ (1200 steps of 0.5 ms at τ = 20 ms)");
    }

    @Test
    void eulerTracesKeepOneMinusDtOverTauPerStep() {
        ExponentialTraces t = new ExponentialTraces("test rule", "τ", TAU_MS, DT_MS, true);
        t.resize(1);
        t.add(0, 0, 1.5);
        for (int n : new int[] {0, 1, 2, 50, 700}) {
            double closed = 1.5 * Math.pow(1 - DT_MS / TAU_MS, n);
            assertEquals(closed, t.at(0, n), closed * 1e-12, "n = " + n);
        }
    }

    @Test
    void aSpikeAddsItsAmountToTheDecayedTrace() {
        ExponentialTraces t = new ExponentialTraces("test rule", "τ", TAU_MS, DT_MS, false);
        t.resize(2);
        t.add(0, 4, 1);
        t.add(0, 24, 1); // 20 steps later: e^(−0.5) + 1
        double afterSecond = Math.exp(-20 * DT_MS / TAU_MS) + 1;
        assertEquals(afterSecond, t.at(0, 24), 1e-15);
        assertEquals(afterSecond * Math.exp(-10 * DT_MS / TAU_MS), t.at(0, 34), 1e-15, "decays from the second spike");
        t.add(0, 34, 1); // two spikes at one step: the second adds 1 to the first's sum
        t.add(0, 34, 1);
        assertEquals(afterSecond * Math.exp(-10 * DT_MS / TAU_MS) + 2, t.at(0, 34), 1e-15);
        assertEquals(0, t.at(1, 34), "the other trace untouched");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.at(0, 33));
        assertTrue(e.getMessage().contains("before its last spike at step 34"), e.getMessage());
        t.reset();
        assertEquals(0, t.at(0, 0), "reset: 0, and steps may start again");
    }

    @Test
    void theTracesRoundTripThroughASnapshot() throws IOException {
        ExponentialTraces a = new ExponentialTraces("test rule", "τ", TAU_MS, DT_MS, false);
        a.resize(2);
        a.add(1, 7, 3);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        a.write(new DataOutputStream(bytes));
        ExponentialTraces b = new ExponentialTraces("test rule", "τ", TAU_MS, DT_MS, false);
        b.resize(2);
        b.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), "test");
        assertEquals(a.at(1, 19), b.at(1, 19));
        ExponentialTraces c = new ExponentialTraces("test rule", "τ", TAU_MS, DT_MS, false);
        c.resize(3);
        assertThrows(IOException.class,
                () -> c.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), "test"));
    }

    @Test
    void aBadTimeConstantIsNamedWithItsRule() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ExponentialTraces("my rule", "τ_x", -1, DT_MS, false));
        assertTrue(e.getMessage().contains("my rule") && e.getMessage().contains("τ_x"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ExponentialTraces("my rule", "τ_y", 0.2, DT_MS, true));
        assertTrue(e.getMessage().contains("Euler") && e.getMessage().contains("τ_y"), e.getMessage());
    }
}
