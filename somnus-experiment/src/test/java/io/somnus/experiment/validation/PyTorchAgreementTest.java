package io.somnus.experiment.validation;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Somnus's SG-SNN against the independent PyTorch implementation of validation/pytorch on the same initial
 * weights, inputs and sleep noise draws: loss, gradients, weights after 3 Adam steps and after one sleep iteration
 * within the float32 tolerances that {@link SgTorchReference} derives, spike counts equal. Both presets' settings
 * (paper-sg: fast sigmoid, spike-count loss, T = 100, σ = 3; paper-sg-code: arctan, per-step loss, T = 25,
 * σ = 0.5) at 64 hidden units, minibatches of 32 and 16 sleep copies. Runs when Debian's python3-torch is
 * installed; skipped otherwise.
 */
class PyTorchAgreementTest {
    private static final Path SCRIPTS = Path.of("..", "validation", "pytorch").toAbsolutePath().normalize();

    @ParameterizedTest
    @ValueSource(strings = {"paper-sg", "paper-sg-code"})
    void somnusMatchesPyTorchOnTheSameCase(String preset, @TempDir Path dir) throws Exception {
        String why = SgTorchReference.unavailable(SCRIPTS);
        assumeTrue(why == null, why);
        SgTorchReference.Result r = SgTorchReference.run(SCRIPTS, preset, 64, 32, 16, 3, 7, dir);
        System.out.println(preset + "\n" + r.table());
        assertTrue(r.agree(), preset + ":\n" + r.table());
        // the case exercises the dynamics: spikes in training and in sleep
        assertTrue(r.rows().stream().filter(x -> x.quantity().startsWith("output spikes"))
                .allMatch(x -> x.maxAbsReference() > 0), r.table());
        assertTrue(r.rows().stream().filter(x -> x.quantity().equals("sleep spikes h"))
                .allMatch(x -> x.maxAbsReference() > 0), r.table());
    }
}
