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

/** The input weights of the first neurons as images (weights.npz), one grid per group and sleep fraction. */
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
        html.p("Input weights of the first " + RF_TILES + " neurons of the read-out population (the projection from the "
                + "input onto it: input_e of the STDP-SNN presets, in_h of the SG-SNN, in_h1 where it has more than one "
                + "hidden layer), "
                + "each reshaped to the input image and scaled to its own range (white = strongest)"
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
                Map<String, NpyArray> arrays;
                try {
                    arrays = Npz.read(npz);
                } catch (IOException e) {
                    throw new FileFormatException("run " + run.runId() + ": cannot read " + npz + ": " + e.getMessage(), e);
                }
                java.util.Optional<String> named = InputWeights.of(run);
                if (named.isEmpty()) {
                    withoutInput = true;
                    missing.add(run.runId() + " (no projection from the input onto its read-out population"
                            + readoutPopulation(run) + ")");
                    continue;
                }
                String key = named.get();
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
                byte[] png = ReceptiveFields.png(data, inputs, neurons, shape[0], shape[1], RF_TILES, scale);
                if (!headed) {
                    html.tag("h3", g.getKey().title());
                    html.raw("<div class=\"rfrow\">\n");
                    headed = true;
                }
                html.figure("image/png", png, "receptive fields: the " + key + " weights of the first " + Math.min(RF_TILES, neurons)
                        + " of " + neurons + " neurons as " + shape[0] + "×" + shape[1] + " images, of " + run.runId(),
                        "sleep " + Formats.fraction(run.sleepFraction()) + " (" + key + ", " + Math.min(RF_TILES, neurons)
                                + " of " + neurons + ")", "rf");
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
