package io.somnus.plasticity;

import static io.somnus.Refusals.assertRefused;
import static io.somnus.plasticity.StdpHarness.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class NearestPairStdpTest {
    private static final double ETA = 0.01;
    private static final double A_PLUS = 1.0;
    private static final double A_MINUS = 0.5;
    private static final double TAU_PLUS = 10;
    private static final double TAU_MINUS = 20;
    private static final double TOL = 1e-6;

    private static NearestPairStdp rule(int sign) {
        return new NearestPairStdp(ETA, A_PLUS, A_MINUS, TAU_PLUS, TAU_MINUS, sign, 1.0);
    }

    /** The rule of {@link #rule} by name: each setter must reach its own parameter. */
    private static NearestPairStdp named(int sign) {
        return NearestPairStdp.builder(1.0).tauMinusMs(TAU_MINUS).aMinus(A_MINUS).eta(ETA).tauPlusMs(TAU_PLUS)
                .aPlus(A_PLUS).sign(sign).build();
    }

    @Test
    void theBuilderSetsEachParameterByName() {
        float ltp = run(named(1), 0.5f, 0f, 1f, 20, new int[] {5}, new int[] {8});
        assertEquals(0.5 + ETA * A_PLUS * Math.exp(-3 / TAU_PLUS), ltp, TOL);
        float ltd = run(named(1), 0.5f, 0f, 1f, 20, new int[] {8}, new int[] {5});
        assertEquals(0.5 - ETA * A_MINUS * Math.exp(-3 / TAU_MINUS), ltd, TOL);
        float inhibitory = run(named(-1), -0.5f, -1f, 0f, 20, new int[] {5}, new int[] {8});
        assertEquals(-0.5 - ETA * A_PLUS * Math.exp(-3 / TAU_PLUS), inhibitory, TOL);
        NearestPairStdp r = named(1);
        assertEquals(List.of(ETA, A_PLUS, A_MINUS, TAU_PLUS, TAU_MINUS, 1.0),
                List.of(r.eta(), r.aPlus(), r.aMinus(), r.tauPlusMs(), r.tauMinusMs(), (double) r.sign()));
    }

    @Test
    void theBuildersDefaultsAreThePapers() {
        NearestPairStdp paper = NearestPairStdp.builder(1.0).build(); // Massey et al. 2026: η 5e-4, A± 1, τ± 7.5 ms
        assertEquals(List.of(5e-4, 1.0, 1.0, 7.5, 7.5, 1.0), List.of(paper.eta(), paper.aPlus(), paper.aMinus(),
                paper.tauPlusMs(), paper.tauMinusMs(), (double) paper.sign()));
        assertEquals(1.0, paper.dtMs());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NearestPairStdp.builder(1.0).aPlus(-1).build());
        assertEquals(true, e.getMessage().contains("A+ -1"), e.getMessage());
    }

    @Test
    void preBeforePostPotentiates() {
        float w = run(rule(1), 0.5f, 0f, 1f, 20, new int[] {5}, new int[] {8});
        assertEquals(0.5 + ETA * A_PLUS * Math.exp(-3 / TAU_PLUS), w, TOL);
    }

    @Test
    void postBeforePreDepresses() {
        float w = run(rule(1), 0.5f, 0f, 1f, 20, new int[] {8}, new int[] {5});
        assertEquals(0.5 - ETA * A_MINUS * Math.exp(-3 / TAU_MINUS), w, TOL);
    }

    @Test
    void simultaneousSpikesCountAsPreBeforePostWithZeroLag() {
        float w = run(rule(1), 0.5f, 0f, 1f, 20, new int[] {5}, new int[] {5});
        assertEquals(0.5 + ETA * A_PLUS, w, TOL);
    }

    @Test
    void onlyTheNearestPreSpikeCounts() {
        float w = run(rule(1), 0.5f, 0f, 1f, 20, new int[] {2, 5}, new int[] {8});
        assertEquals(0.5 + ETA * A_PLUS * Math.exp(-3 / TAU_PLUS), w, TOL);
    }

    @Test
    void pairingInBothOrders() {
        // pre 3, post 6 (LTP Δt = 3), pre 10 (LTD, nearest post 6: Δt = 4)
        float w = run(rule(1), 0.5f, 0f, 1f, 20, new int[] {3, 10}, new int[] {6});
        double expected = 0.5 + ETA * A_PLUS * Math.exp(-3 / TAU_PLUS) - ETA * A_MINUS * Math.exp(-4 / TAU_MINUS);
        assertEquals(expected, w, TOL);
    }

    @Test
    void inhibitorySignFlips() {
        float ltp = run(rule(-1), -0.5f, -1f, 0f, 20, new int[] {5}, new int[] {8});
        assertEquals(-0.5 - ETA * A_PLUS * Math.exp(-3 / TAU_PLUS), ltp, TOL);
        float ltd = run(rule(-1), -0.5f, -1f, 0f, 20, new int[] {8}, new int[] {5});
        assertEquals(-0.5 + ETA * A_MINUS * Math.exp(-3 / TAU_MINUS), ltd, TOL);
    }

    @Test
    void weightsAreClippedToBounds() {
        assertEquals(1f, run(rule(1), 0.995f, 0f, 1f, 20, new int[] {5}, new int[] {5}));
        assertEquals(0f, run(rule(1), 0.001f, 0f, 1f, 20, new int[] {6}, new int[] {5}));
        assertEquals(-1f, run(rule(-1), -0.995f, -1f, 0f, 20, new int[] {5}, new int[] {5}));
    }

    @Test
    void farApartSpikesDoNothing() {
        // 40 τ apart: beyond the tabulated kernel
        assertEquals(0.5f, run(rule(1), 0.5f, 0f, 1f, 1000, new int[] {1}, new int[] {900}));
    }

    @Test
    void badSignIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> rule(0));
    }

    /** A negative or zero τ or dt gave a NegativeArraySizeException or NaN weights; a NaN τ was accepted. */
    @Test
    void timeConstantsAndRatesMustBeFiniteAndPositive() {
        Class<IllegalArgumentException> bad = IllegalArgumentException.class;
        assertRefused(bad, () -> new NearestPairStdp(1, .01, .01, -20, 20, 1, 1.0), "τ+", "-20");
        assertRefused(bad, () -> new NearestPairStdp(1, .01, .01, 0, 20, 1, 1.0), "τ+", "got 0");
        assertRefused(bad, () -> new NearestPairStdp(1, .01, .01, 20, Double.NaN, 1, 1.0), "τ−", "NaN");
        assertRefused(bad, () -> new NearestPairStdp(1, .01, .01, 20, 20, 1, 0), "dt", "got 0");
        assertRefused(bad, () -> new NearestPairStdp(1, .01, .01, 20, 20, 1, Double.POSITIVE_INFINITY), "dt");
        assertRefused(bad, () -> new NearestPairStdp(Double.POSITIVE_INFINITY, 1, 1, 20, 20, 1, 1.0), "η", "Infinity");
        assertRefused(bad, () -> new NearestPairStdp(1, 1, Double.NaN, 20, 20, 1, 1.0), "A−", "NaN");
        assertRefused(bad, () -> new NearestPairStdp(1, 1, 1, 1e12, 20, 1, 1e-3), "τ+", "too long");
    }
}
