package io.somnus.experiment.compare;

import io.somnus.experiment.io.NpyArray;
import io.somnus.experiment.io.NpyChunks;
import io.somnus.experiment.io.NpyHeader;
import io.somnus.experiment.io.Npz;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Two {@code .npz} files (a run's weights.npz, network.npz) compared array by array. */
final class NpzComparison {
    private NpzComparison() { }

    /**
     * Each array of {@code a} and {@code b}, in A's order, then those only B has, entries within {@code tolerance} of
     * each other the same. The arrays are compared a chunk at a time ({@link NpyChunks}), not held: a diehl-cook
     * N_e = 6 400 run's file holds two dense 6 400 × 6 400 matrices (164 MB each as floats), and two runs' were to fit
     * in {@code -Xmx512m} (docs/performance.md, "Memory").
     *
     * @throws io.somnus.experiment.io.FileFormatException naming the file when it is no {@code .npz}
     */
    static List<ArrayComparison> of(Path a, Path b, Tolerance tolerance) throws IOException {
        Map<String, NpyHeader> inA = Npz.list(a);
        Map<String, NpyHeader> inB = Npz.list(b);
        Set<String> names = new LinkedHashSet<>(inA.keySet());
        names.addAll(inB.keySet());
        List<ArrayComparison> out = new ArrayList<>();
        for (String name : names) {
            NpyHeader ha = inA.get(name);
            NpyHeader hb = inB.get(name);
            if (ha == null || hb == null) {
                out.add(ArrayComparison.onlyOne(name, ha, hb));
            } else if (!Arrays.equals(ha.shape(), hb.shape()) || ha.dtype() != hb.dtype()) {
                out.add(ArrayComparison.differentShape(name, ha, hb));
            } else if (ha.fortranOrder() || hb.fortranOrder()) {
                // stored first index fastest (numpy's order='F', which Somnus never writes): read whole, in C order
                NpyArray x = Npz.read(a, name::equals).get(name);
                NpyArray y = Npz.read(b, name::equals).get(name);
                out.add(ArrayComparison.of(name, ha.shape(), ha.dtype(), ArrayComparison.elements(x),
                        ArrayComparison.elements(y), tolerance));
            } else {
                try (NpyChunks x = NpyChunks.open(a, name); NpyChunks y = NpyChunks.open(b, name)) {
                    out.add(ArrayComparison.of(name, ha.shape(), ha.dtype(), c -> c.readFrom(x), c -> c.readFrom(y),
                            tolerance));
                }
            }
        }
        return out;
    }
}
