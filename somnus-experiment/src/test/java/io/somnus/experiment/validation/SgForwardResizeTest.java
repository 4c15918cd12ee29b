package io.somnus.experiment.validation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.somnus.data.AntialiasedResize;
import io.somnus.data.BilinearResize;
import io.somnus.experiment.io.Npz;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * validation/pytorch/sg_forward.py --idx (and so sg_continual_forward.py) reads a run's test images as the run read
 * them: random 28×28 8-bit images in IDX files, resized to 15×15 by the script's idx_test_set with the run's
 * dataset section, equal the pixels / 255 that Somnus's {@link BilinearResize} (plain bilinear, paper-sg-code's
 * filter) and {@link AntialiasedResize} (Pillow's) give. Skipped without Debian's python3-torch.
 */
class SgForwardResizeTest {
    private static final Path SCRIPTS = Path.of("..", "validation", "pytorch").toAbsolutePath().normalize();

    @ParameterizedTest
    @ValueSource(strings = {"bilinear", "antialiased"})
    void theScriptResizesTheTestImagesAsTheRunDoes(String filter, @TempDir Path tmp) throws Exception {
        String why = SgTorchReference.unavailable(SCRIPTS);
        assumeTrue(why == null, why);
        int n = 6;
        int side = 28;
        byte[] pixels = new byte[n * side * side];
        new Random(7).nextBytes(pixels);
        idx(tmp.resolve("t10k-images-idx3-ubyte"), pixels, n, side, side);
        idx(tmp.resolve("t10k-labels-idx1-ubyte"), new byte[] {0, 1, 2, 3, 4, 5}, n);
        Path out = tmp.resolve("images.npy");
        Path log = tmp.resolve("resize.log");
        String code = "import sys, numpy as np\nsys.path.insert(0, sys.argv[1])\nfrom sg_forward import idx_test_set\n"
                + "x, y = idx_test_set(sys.argv[2], 6, {'resize': 15, 'resize_filter': sys.argv[3], 'normalise_sum': 0,"
                + " 'sampling': 'first'})\nnp.save(sys.argv[4], x)\n";
        int exit = Brian2SideBySide.run(List.of(SgTorchReference.PYTHON.toString(), "-c", code, SCRIPTS.toString(),
                tmp.toString(), filter, out.toString()), SCRIPTS, log);
        assertEquals(0, exit, Files.readString(log, StandardCharsets.UTF_8));
        double[] script;
        try (InputStream in = Files.newInputStream(out)) {
            script = Npz.readNpy(in).toDoubles();
        }
        double[] somnus = new double[n * 15 * 15];
        for (int i = 0; i < n; i++) {
            float[] image = new float[side * side];
            for (int p = 0; p < image.length; p++) {
                image[p] = (pixels[i * side * side + p] & 0xff) / 255f;
            }
            float[] small = "bilinear".equals(filter) ? BilinearResize.resize(image, side, side, 15, 15)
                    : AntialiasedResize.resize(image, side, side, 15, 15);
            for (int p = 0; p < small.length; p++) {
                somnus[i * 225 + p] = small[p];
            }
        }
        assertArrayEquals(somnus, script, 0.0, filter);
    }

    private static void idx(Path file, byte[] data, int... dims) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0x0800 | dims.length); // unsigned byte, dims.length dimensions
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(data);
        }
        Files.write(file, bytes.toByteArray());
    }
}
