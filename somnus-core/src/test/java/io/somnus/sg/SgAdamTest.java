package io.somnus.sg;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Adam against two steps worked by hand (PyTorch's update rule, lr 10⁻³, β₁ 0.9, β₂ 0.999, ε 10⁻⁸). */
class SgAdamTest {
    @Test
    void twoStepsMatchTheHandWorkedUpdate() {
        float[] p = {1f, -2f};
        float[] g = {0.5f, 0f};
        SgAdam adam = new SgAdam(new float[][] {p}, new float[][] {g}, 1e-3, 0.9, 0.999, 1e-8);

        adam.step();
        // m = 0.1·0.5 = 0.05, v = 0.001·0.25 = 0.00025; m̂ = 0.05/0.1 = 0.5, v̂ = 0.00025/0.001 = 0.25;
        // p = 1 − 0.001·0.5/(0.5 + 1e-8) ≈ 0.999. A zero gradient leaves its parameter alone.
        // Pure Java float (same on every CPU). The step (≈ 1e-3) carries a few float roundings (≤ 1e-3·8·2⁻²⁴) and
        // p rounds to float once (½ ulp(1) = 6e-8): 1e-7.
        assertEquals(1 - 0.001 * 0.5 / (0.5 + 1e-8), p[0], 1e-7);
        assertEquals(-2f, p[1]);

        g[0] = -1f;
        adam.step();
        // m = 0.9·0.05 − 0.1 = −0.055, v = 0.999·0.00025 + 0.001 = 0.00124975;
        // m̂ = −0.055/(1 − 0.81) = −0.055/0.19, v̂ = 0.00124975/(1 − 0.998001) = 0.00124975/0.001999.
        double expected = 0.999 + 0.001 * (0.055 / 0.19) / (Math.sqrt(0.00124975 / 0.001999) + 1e-8);
        // Two roundings of p to float (2 × 6e-8) plus the first step's 1e-8 that the expression drops: 2e-7.
        assertEquals(expected, p[0], 2e-7);
        // The hand value, rounded to 6 decimals (≤ 5e-7), plus the 2e-7 above.
        assertEquals(0.999366, p[0], 1e-6);
        assertEquals(2, adam.steps());
    }
}
