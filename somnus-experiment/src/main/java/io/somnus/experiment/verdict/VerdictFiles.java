package io.somnus.experiment.verdict;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.experiment.io.AtomicFiles;
import io.somnus.experiment.io.Csv;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes a {@link StudyVerdict} as {@code verdict.json} and {@code verdict.csv} (docs/verdict.md, "Outputs"). */
public final class VerdictFiles {
    /** The verdict as JSON, in the study directory. */
    public static final String JSON = "verdict.json";
    /** The verdict as a table: a row per claim, preset, dataset and criterion. */
    public static final String CSV = "verdict.csv";
    /** The columns of {@value #CSV}, in order. */
    public static final List<String> CSV_HEADER = List.of("level", "claim", "preset", "dataset", "variant",
            "sleep_fraction", "criterion", "description", "quantity", "comparison", "test", "better_when", "n", "paired",
            "estimate", "ci95_low", "ci95_high", "margin", "outcome", "reason", "figure");

    private VerdictFiles() {}

    /** Writes both files into {@code dir} and returns their paths. */
    public static List<Path> write(Path dir, StudyVerdict verdict) throws IOException {
        Path json = dir.resolve(JSON);
        AtomicFiles.write(json, json(verdict));
        Path csv = dir.resolve(CSV);
        Csv.write(csv, CSV_HEADER, rows(verdict));
        return List.of(json, csv);
    }

    static String json(StudyVerdict verdict) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("rule", "docs/verdict.md");
        ObjectNode constants = root.putObject("constants");
        constants.put("dose_range_low", VerdictRule.DOSE_LOW);
        constants.put("dose_range_high", VerdictRule.DOSE_HIGH);
        constants.put("margin_accuracy", VerdictRule.MARGIN_ACCURACY);
        constants.put("margin_drawdown", VerdictRule.MARGIN_DRAWDOWN);
        constants.put("margin_last_quarter_std", VerdictRule.MARGIN_LAST_QUARTER_STD);
        constants.put("margin_saturated_fraction", VerdictRule.MARGIN_SATURATION);
        constants.put("margin_average_forgetting", VerdictRule.MARGIN_FORGETTING);
        constants.put("margin_weight_growth_log", VerdictRule.MARGIN_GROWTH);
        constants.put("interval", "95 %: paired t by seed when both cells have the same seeds, else Welch");
        ArrayNode claims = root.putArray("claims");
        for (ClaimVerdict c : verdict.claims()) {
            ObjectNode cn = claims.addObject();
            cn.put("claim", c.number());
            cn.put("statement", c.statement());
            cn.put("model", c.model());
            ArrayNode presets = cn.putArray("presets");
            for (PresetVerdict p : c.presets()) {
                ObjectNode pn = presets.addObject();
                pn.put("preset", p.preset());
                pn.put("outcome", p.outcome().words());
                pn.put("reason", p.reason());
                ArrayNode conditions = pn.putArray("datasets");
                for (ConditionVerdict d : p.conditions()) {
                    ObjectNode dn = conditions.addObject();
                    dn.put("dataset", d.dataset());
                    dn.put("variant", d.variant());
                    number(dn, "sleep_fraction", d.dose());
                    dn.put("outcome", d.outcome().words());
                    dn.put("note", d.note());
                    ArrayNode criteria = dn.putArray("criteria");
                    for (Criterion k : d.criteria()) {
                        ObjectNode kn = criteria.addObject();
                        kn.put("id", k.id());
                        kn.put("description", k.description());
                        kn.put("quantity", k.quantity().words());
                        kn.put("source", k.quantity().source());
                        kn.put("comparison", k.comparison());
                        kn.put("test", k.test().words());
                        kn.put("better_when", k.higherIsBetter() ? "higher" : "lower");
                        kn.put("n", k.estimate().n());
                        kn.put("paired", k.estimate().paired());
                        number(kn, "estimate", k.estimate().value());
                        number(kn, "ci95_low", k.estimate().low());
                        number(kn, "ci95_high", k.estimate().high());
                        kn.put("margin", k.margin());
                        kn.put("outcome", k.outcome().words());
                        kn.put("figure", k.figure());
                    }
                }
            }
        }
        return mapper.writeValueAsString(root) + "\n";
    }

    private static void number(ObjectNode n, String field, double v) {
        if (Double.isFinite(v)) {
            n.put(field, v);
        } else {
            n.putNull(field);
        }
    }

    static List<List<Object>> rows(StudyVerdict verdict) {
        List<List<Object>> rows = new ArrayList<>();
        for (ClaimVerdict c : verdict.claims()) {
            for (PresetVerdict p : c.presets()) {
                rows.add(row("claim", c.number(), p.preset(), null, null, Double.NaN, null, p.outcome(), p.reason()));
                for (ConditionVerdict d : p.conditions()) {
                    rows.add(row("dataset", c.number(), p.preset(), d.dataset(), d.variant(), d.dose(), null, d.outcome(),
                            d.note()));
                    for (Criterion k : d.criteria()) {
                        rows.add(row("criterion", c.number(), p.preset(), d.dataset(), d.variant(), d.dose(), k,
                                k.outcome(), null));
                    }
                }
            }
        }
        return rows;
    }

    private static List<Object> row(String level, int claim, String preset, String dataset, String variant, double dose,
            Criterion k, Outcome outcome, String reason) {
        List<Object> r = new ArrayList<>(List.of(level, claim, preset));
        r.add(dataset);
        r.add(variant);
        r.add(Double.isFinite(dose) ? dose : null);
        if (k == null) {
            for (int i = 0; i < 12; i++) {
                r.add(null);
            }
        } else {
            Estimate e = k.estimate();
            r.addAll(List.of(k.id(), k.description(), k.quantity().words(), k.comparison(), k.test().words(),
                    k.higherIsBetter() ? "higher" : "lower", e.n(), e.paired()));
            r.add(Double.isFinite(e.value()) ? e.value() : null);
            r.add(Double.isFinite(e.low()) ? e.low() : null);
            r.add(Double.isFinite(e.high()) ? e.high() : null);
            r.add(k.margin());
        }
        r.add(outcome.words());
        r.add(reason);
        r.add(k == null ? null : k.figure());
        return r;
    }
}
