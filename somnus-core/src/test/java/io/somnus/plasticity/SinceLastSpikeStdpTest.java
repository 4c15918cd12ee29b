package io.somnus.plasticity;

import static io.somnus.plasticity.StdpHarness.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The authors' {@code spike_timing} worked by hand (docs/fidelity.md §1.4). At step s a synapse is visited when its
 * pre or post spiked at s − 1; "since" counts steps since the last spike with step s's spikes included, and a neuron
 * that never spiked counts from step −1; Δ = since(post) − since(pre).
 */
class SinceLastSpikeStdpTest {
    private static final double ETA = 8e-4;
    private static final double TAU_LTP = 10;
    private static final double TAU_LTD = 7.5;
    private static final double TOL = 1e-7;

    private static SinceLastSpikeStdp rule(double eta, int sign) {
        return new SinceLastSpikeStdp(eta, TAU_LTP, TAU_LTD, sign, 1.0);
    }

    private static double ltp(double eta, int delta) {
        return eta * Math.exp(-delta / TAU_LTP);
    }

    private static double ltd(double eta, int delta) {
        return eta * Math.exp(-delta / TAU_LTD);
    }

    @Test
    void causalPairDepressesAndIsCountedTwiceAtOneStep() {
        // s = 6: pre spiked at 5, since(pre) = 1, since(post) = 0 (spiked at 6): Δ = −1 → LTD
        // s = 7: post spiked at 6, since(post) = 1, since(pre) = 2: Δ = −1 → LTD again
        float w = run(rule(ETA, 1), 0.5f, 0.01f, 25f, 20, new int[] {5}, new int[] {6});
        assertEquals(0.5 - 2 * ltd(ETA, 1), w, TOL);
    }

    @Test
    void causalPairFurtherApartDepressesOnceAndPairsTheFirstSpikeWithTheStreamStart() {
        // s = 6: pre spiked at 5; post never spiked: since(post) = 6 + 1 = 7, since(pre) = 1: Δ = 6 → LTP
        // s = 9: post spiked at 8; since(post) = 1, since(pre) = 4: Δ = −3 → LTD
        float w = run(rule(ETA, 1), 0.5f, 0.01f, 25f, 20, new int[] {5}, new int[] {8});
        assertEquals(0.5 + ltp(ETA, 6) - ltd(ETA, 3), w, TOL);
    }

    @Test
    void antiCausalPairPotentiates() {
        // s = 6: post spiked at 5, since(post) = 1, since(pre) = 7 (never): Δ = −6 → LTD
        // s = 9: pre spiked at 8, since(pre) = 1, since(post) = 4: Δ = 3 → LTP
        float w = run(rule(ETA, 1), 0.5f, 0.01f, 25f, 20, new int[] {8}, new int[] {5});
        assertEquals(0.5 - ltd(ETA, 6) + ltp(ETA, 3), w, TOL);
    }

    @Test
    void simultaneousSpikesAreVisitedOnceAndPotentiate() {
        float w = run(rule(ETA, 1), 0.5f, 0.01f, 25f, 20, new int[] {5}, new int[] {5});
        assertEquals(0.5 + ETA, w, TOL);
    }

    @Test
    void inhibitoryPreIsMirrored() {
        double etaI = 5e-3;
        // the causal pair at one step: Δ = −1 twice → w += η_I·exp(−1/τ_LTD) twice (|w| shrinks)
        float w = run(rule(etaI, -1), -0.5f, -25f, -0.01f, 20, new int[] {5}, new int[] {6});
        assertEquals(-0.5 + 2 * ltd(etaI, 1), w, 1e-6);
        // simultaneous: Δ = 0 → w −= η_I (|w| grows)
        float v = run(rule(etaI, -1), -0.5f, -25f, -0.01f, 20, new int[] {5}, new int[] {5});
        assertEquals(-0.5 - etaI, v, 1e-6);
    }

    @Test
    void boundsAreImposedBeforeTheNextUpdateNotAfterThisOne() {
        float m = (float) ltd(ETA, 1);
        // after step 6's update the weight sits below the bound for one step
        assertEquals(0.01f - m, run(rule(ETA, 1), 0.01f, 0.01f, 25f, 7, new int[] {5}, new int[] {6}), 1e-9);
        // step 7 clips it back to 0.01, then depresses it again
        assertEquals(0.01f - m, run(rule(ETA, 1), 0.01f, 0.01f, 25f, 8, new int[] {5}, new int[] {6}), 1e-9);
        // step 8 clips it; nothing spiked at 7
        assertEquals(0.01f, run(rule(ETA, 1), 0.01f, 0.01f, 25f, 9, new int[] {5}, new int[] {6}), 0.0);
    }

    @Test
    void incrementsVanishFarFromASpikeAndTheRuleUpdatesBeforeDelivery() {
        SinceLastSpikeStdp r = rule(ETA, 1);
        assertEquals((float) ETA, r.change(0));
        assertEquals(-(float) ltd(ETA, 2), r.change(-2));
        // beyond the tables the change is sign·0: +0 for LTP, −0 for LTD of an excitatory pre (w + −0 keeps a −0 weight)
        assertEquals(0f, r.change(100_000));
        assertEquals(-0f, r.change(-100_000));
        SinceLastSpikeStdp inhibitory = rule(ETA, -1);
        assertEquals(-(float) ETA, inhibitory.change(0));
        assertEquals((float) ltd(ETA, 2), inhibitory.change(-2));
        assertEquals(-0f, inhibitory.change(100_000));
        assertEquals(0f, inhibitory.change(-100_000));
        assertTrue(r.updatesBeforeDelivery());
        assertThrows(IllegalArgumentException.class, () -> new SinceLastSpikeStdp(ETA, 0, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new SinceLastSpikeStdp(ETA, 1, 1, 0, 1));
    }
}
