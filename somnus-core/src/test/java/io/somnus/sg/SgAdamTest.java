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
        assertEquals(1 - 0.001 * 0.5 / (0.5 + 1e-8), p[0], 1e-7);
        assertEquals(-2f, p[1]);

        g[0] = -1f;
        adam.step();
        // m = 0.9·0.05 − 0.1 = −0.055, v = 0.999·0.00025 + 0.001 = 0.00124975;
        // m̂ = −0.055/(1 − 0.81) = −0.055/0.19, v̂ = 0.00124975/(1 − 0.998001) = 0.00124975/0.001999.
        double expected = 0.999 + 0.001 * (0.055 / 0.19) / (Math.sqrt(0.00124975 / 0.001999) + 1e-8);
        assertEquals(expected, p[0], 2e-7);
        assertEquals(0.999366, p[0], 1e-6);
        assertEquals(2, adam.steps());
    }
}
