package io.somnus.experiment.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which model or rule a field belongs to, in words, for the error that refuses it where another model or rule is
 * configured: "nu_pre belongs to rule triplet", and where an SG-SNN's sleep is configured for an STDP-SNN's sleep field.
 */
final class FieldOwners {
    private FieldOwners() { }

    /**
     * The STDP-SNN's sleep fields that have a counterpart in the SG-SNN's sleep section (SPEC §3 and §4 name the
     * same quantities): sleep.lambda's exponent, the decay's target and the membrane noise.
     */
    private static final Map<String, String> SG_SLEEP_COUNTERPARTS = Map.of("sleep.lambda", "sg.sleep.lambda",
            "sleep.target", "sg.sleep.target", "sleep.target_magnitude", "sg.sleep.target",
            "sleep.noise_std_mv", "sg.sleep.membrane_noise");

    /** " (nu_pre belongs to rule triplet)" for a field that only another model or rule has; "" otherwise. */
    static String note(String schemaPath) {
        String owner = schemaPath == null ? null : declaredFor(schemaPath);
        // a rule's field left over from the section's previous rule: the section is replaced whole, not field by field
        String switchRule = schemaPath != null && schemaPath.startsWith("projections.*.plasticity.")
                ? "; to change a projection's rule give its whole section, --set 'projections.NAME.plasticity={rule: "
                + "RULE, ...}' (docs/configuration.md)" : "";
        return owner == null ? "" : " (" + schemaPath.substring(schemaPath.lastIndexOf('.') + 1) + " belongs to "
                + owner + switchRule + sgSleepNote(schemaPath) + ")";
    }

    /** Where an SG-SNN's sleep is configured, for an STDP-SNN sleep field given to one; "" for any other field. */
    private static String sgSleepNote(String schemaPath) {
        if (!schemaPath.startsWith("sleep.") || !declaredFor(schemaPath).equals("model stdp")) {
            return "";
        }
        String counterpart = SG_SLEEP_COUNTERPARTS.get(schemaPath);
        return "; an SG-SNN's sleep is configured under sg.sleep and sg.sleep_schedule"
                + (counterpart == null ? "" : ", e.g. " + counterpart);
    }

    /**
     * Which configurations declare a field or section that a configuration lacks, in words ("model stdp",
     * "rule triplet"), or null if every configuration that has its section declares it, or none does.
     */
    private static String declaredFor(String schemaPath) {
        Set<String> owners = new LinkedHashSet<>();
        for (String p : FieldDomains.FIELDS.keySet()) {
            if (p.equals(schemaPath) || p.startsWith(schemaPath + ".")) {
                // the variants decided outside the section asked about (populations: model stdp, not its items' model)
                List<FieldDomains.Variant> when = FieldDomains.WHEN.getOrDefault(p, List.of()).stream()
                        .filter(v -> !v.path().startsWith(schemaPath + ".")).toList();
                if (when.isEmpty()) {
                    return null;
                }
                owners.add(when.get(when.size() - 1).words());
            }
        }
        return owners.isEmpty() ? null : String.join(", ", owners);
    }
}
