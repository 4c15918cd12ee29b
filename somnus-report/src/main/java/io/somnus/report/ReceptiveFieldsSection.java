package io.somnus.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.somnus.experiment.io.FileFormatException;
import io.somnus.experiment.io.NpyArray;
import io.somnus.experiment.io.Npz;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.stats.RunRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The input weights of up to 64 neurons as images (weights.npz), one grid per group and sleep fraction: all of a
 * smaller layer, else the 64 whose weights vary most ({@link ReceptiveFields#mostVarying}).
 */
final class ReceptiveFieldsSection implements Section {
    private static final int RF_TILES = 64;

    @Override
    public String id() {
        return "receptive-fields";
    }

    @Override
    public String title() {
        return "Receptive fields";
    }

    @Override
    public String navLabel() {
        return "Receptive fields";
    }

    @Override
    public void write(ReportContext ctx) throws IOException {
        Html html = ctx.html();
        html.p("Input weights of up to " + RF_TILES + " neurons of the read-out population (the projection from the "
                + "input onto it: input_e of the STDP-SNN presets, in_h of the SG-SNN, in_h1 where it has more than one "
                + "hidden layer), each reshaped to the input image and scaled to its own range (white = strongest); of a "
                + "larger layer the " + RF_TILES + " whose weights vary most over the inputs (the most learnt: a field "
                + "that never won keeps its random start's spread), in neuron order"
                + (ctx.singleRun() ? "." : "; first seed."));
        int drawn = 0;
        List<String> missing = new ArrayList<>();
        boolean withoutInput = false; // a run whose read-out population has no receptive fields, said by name
        for (Map.Entry<Group, List<RunRecord>> g : ctx.groups().entrySet()) {
            long seed = g.getValue().stream().mapToLong(RunRecord::seed).min().orElse(0);
            List<RunRecord> runs = g.getValue().stream().filter(r -> r.seed() == seed)
                    .sorted(Comparator.comparingDouble(RunRecord::sleepFraction)).toList();
            boolean headed = false;
            for (RunRecord run : runs) {
                Path npz = RunDirectory.of(run.dir()).weights();
                if (!Files.isRegularFile(npz)) {
                    missing.add(run.runId() + " (no " + RunDirectory.WEIGHTS + ")");
                    continue;
                }
                Optional<String> named = InputWeights.of(run);
                if (named.isEmpty()) {
                    withoutInput = true;
                    missing.add(run.runId() + " (no projection from the input onto its read-out population"
                            + readoutPopulation(run) + ")");
                    continue;
                }
                String key = named.get();
                Map<String, NpyArray> arrays;
                try { // that array alone: at N_e = 6 400 the file also holds two 6 400 × 6 400 matrices
                    arrays = Npz.read(npz, key::equals);
                } catch (IOException e) {
                    throw new FileFormatException("run " + run.runId() + ": cannot read " + npz + ": " + e.getMessage(), e);
                }
                if (!arrays.containsKey(key) || arrays.get(key).rank() != 2) {
                    missing.add(run.runId() + " (no 2-d " + key + " in " + RunDirectory.WEIGHTS + ")");
                    continue;
                }
                NpyArray w = arrays.get(key);
                int inputs = w.dim(0);
                int neurons = w.dim(1);
                int[] shape = inputShape(run, inputs);
                if (shape == null) {
                    missing.add(run.runId() + " (input_shape not recorded and " + inputs + " inputs are not a square)");
                    continue;
                }
                float[] data = w.dtype() == NpyArray.DType.FLOAT32 ? w.floats() : toFloats(w.toDoubles());
                int scale = Math.max(1, Math.min(4, 96 / Math.max(shape[0], shape[1])));
                int[] shown = ReceptiveFields.mostVarying(data, inputs, neurons, RF_TILES);
                byte[] png = ReceptiveFields.png(data, inputs, neurons, shape[0], shape[1], shown, scale);
                String which = shown.length == neurons ? "all " + neurons + " neurons"
                        : "the " + shown.length + " of " + neurons + " neurons whose weights vary most";
                if (!headed) {
                    html.tag("h3", g.getKey().title());
                    html.raw("<div class=\"rfrow\">\n");
                    headed = true;
                }
                html.figure("image/png", png, "receptive fields: the " + key + " weights of " + which + " as "
                        + shape[0] + "×" + shape[1] + " images, of " + run.runId(),
                        "sleep " + Formats.fraction(run.sleepFraction()) + " (" + key + ", " + shown.length
                                + " of " + neurons + (shown.length < neurons ? ", most varying" : "") + ")"
                                + zeros(data), "rf");
                drawn++;
            }
            if (headed) {
                html.raw("</div>\n");
            }
        }
        if (drawn == 0 && !withoutInput) {
            html.note("not recorded: no " + RunDirectory.WEIGHTS + " with input weights");
        } else if (!missing.isEmpty()) {
            html.note("not drawn for " + String.join(", ", missing));
        }
    }

    /** From this share of weights at 0 on, a grid's caption says how many are (black). */
    static final double ZEROS_NOTED = 0.1;

    /**
     * "; 90 % of its weights are 0 (black: …)" where {@link #ZEROS_NOTED} or more of them are, else "". The paper
     * preset connects 10 % of input–E pairs: its grids were mostly black with white specks, which read as noise
     * learnt rather than synapses absent.
     */
    static String zeros(float[] weights) {
        long zero = 0;
        for (float w : weights) {
            if (w == 0) {
                zero++;
            }
        }
        double share = weights.length == 0 ? 0 : zero / (double) weights.length;
        return share < ZEROS_NOTED ? "" : "; " + Math.round(100 * share) + " % of its weights are 0 (black: no "
                + "synapse in a sparse projection, or a weight at 0)";
    }

    /** ", e2" for a run whose config.yaml names its read-out population, else "". */
    private static String readoutPopulation(RunRecord run) throws IOException {
        String pop = run.config().map(c -> c.path("readout").path("population").asText("")).orElse("");
        return pop.isEmpty() ? "" : ", " + pop;
    }

    /** The input image's [height, width]: summary.json's input_shape, else a square; null when neither fits. */
    private static int[] inputShape(RunRecord run, int inputs) {
        JsonNode s = run.summary().get("input_shape");
        if (s != null && s.isArray() && s.size() >= 2) {
            int h = s.get(s.size() - 2).asInt();
            int w = s.get(s.size() - 1).asInt();
            if (h > 0 && w > 0 && h * w == inputs) {
                return new int[] {h, w};
            }
        }
        int side = (int) Math.round(Math.sqrt(inputs));
        return side * side == inputs ? new int[] {side, side} : null;
    }

    private static float[] toFloats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
