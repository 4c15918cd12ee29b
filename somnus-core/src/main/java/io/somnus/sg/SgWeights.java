package io.somnus.sg;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An SG-SNN's parameters by the names a run directory gives them, in a fixed order: per layer {@code w_in_h},
 * {@code b_h}, {@code w_h_h} (recurrent only), …, {@code w_hD_out}, {@code b_out} ({@link SgTrainer#weights()}).
 */
final class SgWeights {
    private SgWeights() { }

    /**
     * One parameter array as the network holds it: weights {@code [post][pre]} row-major, biases one per post neuron.
     *
     * @param shape {@code [pre, post]} for weights, {@code [post]} for biases
     */
    record Parameter(String name, float[] values, int[] shape) { }

    /** The network's own arrays, named, in the export's order (not copies). */
    static List<Parameter> of(SgNetwork net) {
        List<Parameter> out = new ArrayList<>();
        for (int l = 0; l < net.layers; l++) {
            String post = net.layerName(l);
            out.add(new Parameter("w_" + net.preName(l) + "_" + post, net.w[l], new int[] {net.sizes[l], net.sizes[l + 1]}));
            out.add(new Parameter("b_" + post, net.b[l], new int[] {net.sizes[l + 1]}));
            if (net.v[l] != null) {
                out.add(new Parameter("w_" + post + "_" + post, net.v[l], new int[] {net.sizes[l + 1], net.sizes[l + 1]}));
            }
        }
        return out;
    }

    /** Copies for export: weight matrices {@code [pre][post]} row-major (the transpose of the network's), biases as held. */
    static Map<String, float[]> export(SgNetwork net) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Parameter p : of(net)) {
            out.put(p.name(), p.shape().length == 2 ? transpose(p.values(), p.shape()[1], p.shape()[0]) : p.values().clone());
        }
        return Collections.unmodifiableMap(out);
    }

    /** The shapes of {@link #export}, by name. */
    static Map<String, int[]> shapes(SgNetwork net) {
        Map<String, int[]> out = new LinkedHashMap<>();
        for (Parameter p : of(net)) {
            out.put(p.name(), p.shape());
        }
        return Collections.unmodifiableMap(out);
    }

    private static float[] transpose(float[] a, int rows, int cols) {
        float[] t = new float[a.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = a[r * cols + c];
            }
        }
        return t;
    }
}
