package io.somnus.experiment.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.somnus.sg.SgSurrogate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * validation/pytorch/sg_continual_forward.py's slope_share (the surrogate's slope at a membrane's distance from the
 * threshold, as a share of its peak, which docs/sg.md quotes for {@code paper-sg-code}'s silent and saturated
 * outputs) is {@link SgSurrogate#derivative}{@code (x, k) / derivative(0, k)} for every surrogate, and for arctan
 * with α = 2 one unit below the threshold the hand-worked {@code 1/(1 + π²)}. Skipped without Debian's
 * python3-torch.
 */
class SgSlopeShareTest {
    private static final Path SCRIPTS = Path.of("..", "validation", "pytorch").toAbsolutePath().normalize();
    private static final double[] XS = {-6.5, -2.6, -1.0, -0.1, 0.0, 0.3, 36.9};
    private static final double[] SLOPES = {0.5, 2.0, 25.0};

    @Test
    void theScriptsSlopeShareIsTheSurrogatesDerivativeOverItsPeak(@TempDir Path tmp) throws Exception {
        String why = SgTorchReference.unavailable(SCRIPTS);
        assumeTrue(why == null, why);
        Path out = tmp.resolve("shares.txt");
        String code = "import sys\nsys.path.insert(0, sys.argv[1])\nfrom sg_continual_forward import slope_share\n"
                + "xs = [float(v) for v in sys.argv[3].split(',')]\nwith open(sys.argv[2], 'w') as f:\n"
                + "    for name in ('fast_sigmoid', 'arctan', 'sigmoid'):\n"
                + "        for k in (0.5, 2.0, 25.0):\n"
                + "            f.write(' '.join(repr(float(v)) for v in slope_share(xs, name, k)) + '\\n')\n";
        List<String> xs = new ArrayList<>();
        for (double x : XS) {
            xs.add(String.valueOf(x));
        }
        Path log = tmp.resolve("share.log");
        int exit = Brian2SideBySide.run(List.of(SgTorchReference.PYTHON.toString(), "-c", code, SCRIPTS.toString(),
                out.toString(), String.join(",", xs)), SCRIPTS, log);
        assertEquals(0, exit, Files.readString(log, StandardCharsets.UTF_8));
        List<String> rows = Files.readAllLines(out, StandardCharsets.UTF_8);
        int row = 0;
        for (SgSurrogate s : List.of(SgSurrogate.FAST_SIGMOID, SgSurrogate.ARCTAN, SgSurrogate.SIGMOID)) {
            for (double k : SLOPES) {
                String[] script = rows.get(row++).trim().split(" ");
                for (int i = 0; i < XS.length; i++) {
                    double expected = s.derivative(XS[i], k) / s.derivative(0.0, k);
                    assertEquals(expected, Double.parseDouble(script[i]), 1e-12 * Math.max(expected, 1e-300),
                            String.format(Locale.ROOT, "%s, k %g, x %g", s, k, XS[i]));
                }
            }
        }
        // arctan, alpha = 2, one unit below the threshold: 1/(1 + (pi/2 * 2 * 1)^2)
        assertEquals(1.0 / (1.0 + Math.PI * Math.PI), Double.parseDouble(rows.get(4).trim().split(" ")[2]), 1e-15);
    }
}
