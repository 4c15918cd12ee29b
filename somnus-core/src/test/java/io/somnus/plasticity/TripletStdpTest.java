package io.somnus.plasticity;

import static io.somnus.Refusals.assertRefused;
import static io.somnus.plasticity.StdpHarness.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TripletStdpTest {
    private static final double NU_PRE = 1e-3;
    private static final double NU_POST = 1e-2;
    private static final double TAU_PRE = 20;
    private static final double TAU_POST1 = 20;
    private static final double TAU_POST2 = 40;
    private static final double TOL = 1e-6;

    private static TripletStdp rule() {
        return new TripletStdp(NU_PRE, NU_POST, TAU_PRE, TAU_POST1, TAU_POST2, 1.0, false);
    }

    /** The full triplet through a rule built by name (exact traces): each setter must reach its own parameter. */
    @Test
    void theBuilderSetsEachParameterByName() {
        // τ_pre, τ_post1 and τ_post2 all differ here, so a setter that reached another τ changes the closed form
        TripletStdp named = TripletStdp.builder(1.0).tauPost2Ms(40).nuPost(NU_POST).tauPost1Ms(15).nuPre(NU_PRE)
                .tauPreMs(25).eulerTraces(false).build();
        // pre 5, post 8 (post2 was 0: nothing), post 12: +ν_post·exp(−7/τ_pre)·exp(−4/τ_post2);
        // pre 15 (nearest post 12): −ν_pre·exp(−3/τ_post1)
        float w = run(named, 0.5f, 0f, 1f, 30, new int[] {5, 15}, new int[] {8, 12});
        double expected = 0.5 + 1e-2 * Math.exp(-7 / 25.0) * Math.exp(-4 / 40.0) - 1e-3 * Math.exp(-3 / 15.0);
        assertEquals(expected, w, TOL);
        assertEquals(List.of(NU_PRE, NU_POST, 25.0, 15.0, 40.0), List.of(named.nuPre(),
                named.nuPost(), named.tauPreMs(), named.tauPost1Ms(), named.tauPost2Ms()));
        assertEquals(false, named.eulerTraces());
    }

    @Test
    void theBuildersDefaultsAreDiehlAndCooksAsThePresetRunsThem() {
        TripletStdp d = TripletStdp.builder(0.5).build(); // diehl-cook.yaml: 1e-4, 1e-2, 20, 20, 40 ms, euler
        assertEquals(List.of(1e-4, 1e-2, 20.0, 20.0, 40.0, 0.5), List.of(d.nuPre(), d.nuPost(),
                d.tauPreMs(), d.tauPost1Ms(), d.tauPost2Ms(), d.dtMs()));
        assertEquals(true, d.eulerTraces());
        // Euler traces by default: pre 0, post 14 and 22 (dt = 0.5): +ν_post·(1 − dt/τ_pre)^22·(1 − dt/τ_post2)^8
        double w = run(TripletStdp.builder(0.5).build(), 0.5f, 0f, 1f, 30, new int[] {0}, new int[] {14, 22});
        assertEquals(0.5 + 1e-2 * Math.pow(1 - 0.5 / 20, 22) * Math.pow(1 - 0.5 / 40, 8), w, TOL);
        assertRefused(IllegalArgumentException.class, () -> TripletStdp.builder(1.0).nuPost(-1).build(), "ν_post",
                "-1");
    }

    @Test
    void firstPostSpikeDoesNotPotentiate() {
        assertEquals(0.5f, run(rule(), 0.5f, 0f, 1f, 20, new int[] {5}, new int[] {8}));
    }

    @Test
    void secondPostSpikePotentiatesWithPost2Before() {
        // pre 5; post 8 (post2 was 0: nothing), post 12: Δw = ν_post·exp(−7/τ_pre)·exp(−4/τ_post2)
        float w = run(rule(), 0.5f, 0f, 1f, 20, new int[] {5}, new int[] {8, 12});
        double expected = 0.5 + NU_POST * Math.exp(-7 / TAU_PRE) * Math.exp(-4 / TAU_POST2);
        assertEquals(expected, w, TOL);
    }

    @Test
    void preAfterPostDepressesByPost1() {
        // post 8, pre 11: Δw = −ν_pre·exp(−3/τ_post1); the lone post spike does not potentiate
        float w = run(rule(), 0.5f, 0f, 1f, 20, new int[] {11}, new int[] {8});
        assertEquals(0.5 - NU_PRE * Math.exp(-3 / TAU_POST1), w, TOL);
    }

    @Test
    void fullTriplet() {
        // pre 5, post 8, post 12, pre 15 (nearest post 12)
        float w = run(rule(), 0.5f, 0f, 1f, 30, new int[] {5, 15}, new int[] {8, 12});
        double expected = 0.5 + NU_POST * Math.exp(-7 / TAU_PRE) * Math.exp(-4 / TAU_POST2)
                - NU_PRE * Math.exp(-3 / TAU_POST1);
        assertEquals(expected, w, TOL);
    }

    @Test
    void simultaneousPreAndSecondPost() {
        // post 4, then pre and post at 10: pre first (depression by post1 from 4), then post with pre trace 1
        float w = run(rule(), 0.5f, 0f, 1f, 20, new int[] {10}, new int[] {4, 10});
        double expected = 0.5 - NU_PRE * Math.exp(-6 / TAU_POST1) + NU_POST * Math.exp(-6 / TAU_POST2);
        assertEquals(expected, w, TOL);
    }

    @Test
    void clippedToBounds() {
        assertEquals(1f, run(rule(), 0.999f, 0f, 1f, 20, new int[] {10}, new int[] {9, 10}));
        assertEquals(0f, run(rule(), 0.0001f, 0f, 1f, 20, new int[] {9}, new int[] {8}));
    }

    @Test
    void eulerTracesDecayByOneMinusDtOverTauPerStep() {
        // pre at 0, post at 7 (its first spike: no potentiation), post again at 11: LTP reads
        // pre = (1 − dt/τ_pre)^11 and post2_before = (1 − dt/τ_post2)^4 (forward Euler, as Brian2 'euler')
        TripletStdp euler = new TripletStdp(NU_PRE, NU_POST, TAU_PRE, TAU_POST1, TAU_POST2, 1.0, true);
        double w = StdpHarness.run(euler, 0.5f, 0f, 1f, 20, new int[] {0}, new int[] {7, 11});
        double expected = 0.5 + NU_POST * Math.pow(1 - 1 / TAU_PRE, 11) * Math.pow(1 - 1 / TAU_POST2, 4);
        assertEquals(expected, w, TOL);
    }

    /** A negative τ gave a NegativeArraySizeException; a negative or NaN ν, or an Euler τ below dt, was accepted. */
    @Test
    void ratesAndTimeConstantsAreChecked() {
        Class<IllegalArgumentException> bad = IllegalArgumentException.class;
        assertRefused(bad, () -> new TripletStdp(-1e-4, NU_POST, 20, 20, 40, 0.5, true), "ν_pre", "-0.0001");
        assertRefused(bad, () -> new TripletStdp(NU_PRE, Double.NaN, 20, 20, 40, 0.5, true), "ν_post", "NaN");
        assertRefused(bad, () -> new TripletStdp(NU_PRE, NU_POST, 20, 20, -40, 0.5, false), "τ_post2", "-40");
        assertRefused(bad, () -> new TripletStdp(NU_PRE, NU_POST, Double.NaN, 20, 40, 0.5, false), "τ_pre", "NaN");
        assertRefused(bad, () -> new TripletStdp(NU_PRE, NU_POST, 20, 20, 40, -0.5, false), "dt", "-0.5");
        assertRefused(bad, () -> new TripletStdp(NU_PRE, NU_POST, 20, 0.2, 40, 0.5, true), "τ_post1", "0.2", ">= dt");
        new TripletStdp(NU_PRE, NU_POST, 20, 0.2, 40, 0.5, false); // exact traces decay for any τ > 0
    }
}
