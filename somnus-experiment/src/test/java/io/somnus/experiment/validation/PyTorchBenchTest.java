package io.somnus.experiment.validation;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.somnus.sg.SgConfig;
import io.somnus.sg.SgInputEncoding;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PyTorch side of {@code somnus bench --pytorch}: every input encoding of a one-hidden-layer network trains (spiking
 * input drawn every step, as Somnus does), and what it cannot run is refused before Python starts.
 */
class PyTorchBenchTest {
    private static final Path SCRIPTS = Path.of("..", "validation", "pytorch").toAbsolutePath().normalize();

    @Test
    void everyEncodingTrainsInPyTorch(@TempDir Path dir) throws Exception {
        String why = SgTorchReference.unavailable(SCRIPTS);
        assumeTrue(why == null, why);
        for (SgInputEncoding encoding : SgInputEncoding.values()) {
            SgConfig cfg = SgConfig.builder().inputs(20).hidden(16).outputs(3).steps(5).batchSize(8).encoding(encoding)
                    .build();
            Path work = dir.resolve(encoding.name());
            double perSecond = SgTorchReference.benchTraining(SCRIPTS, cfg, 2, 1, 1, work);
            assertTrue(perSecond > 0, encoding + ": " + perSecond);
            String log = Files.readString(work.resolve("sg_torch_bench.log"));
            assertTrue(log.contains("images_per_second"), log);
        }
    }

    @Test
    void aNetworkThePyTorchBenchDoesNotModelIsRefused(@TempDir Path dir) {
        SgConfig recurrent = SgConfig.builder().inputs(20).hidden(16).outputs(3).steps(5).batchSize(8).recurrent(true)
                .build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SgTorchReference.benchTraining(SCRIPTS, recurrent, 1, 1, 1, dir));
        assertTrue(e.getMessage().contains("no recurrence"), e.getMessage());
    }
}
