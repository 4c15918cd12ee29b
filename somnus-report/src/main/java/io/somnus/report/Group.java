package io.somnus.report;

import io.somnus.experiment.stats.CellKey;
import io.somnus.experiment.stats.RunRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** preset × dataset × variant: the unit of one panel; its cells differ by sleep fraction. */
record Group(String preset, String model, String dataset, String variant) {
    static Group of(CellKey c) {
        return new Group(c.preset(), c.model(), c.dataset(), c.variant());
    }

    static Group of(RunRecord r) {
        return of(r.cell());
    }

    /** The runs by group, groups and runs in the order given. */
    static Map<Group, List<RunRecord>> of(List<RunRecord> runs) {
        Map<Group, List<RunRecord>> out = new LinkedHashMap<>();
        for (RunRecord r : runs) {
            out.computeIfAbsent(of(r), k -> new ArrayList<>()).add(r);
        }
        return out;
    }

    /** The anchor of this group's panels in a section, e.g. {@code vs-sleep-paper-fashion-mnist}. */
    String anchor(String section) {
        return anchor(section, preset, dataset, variant);
    }

    /** As {@link #anchor(String)} for a group named by its parts. */
    static String anchor(String section, String preset, String dataset, String variant) {
        String key = preset + "-" + dataset + (variant.isEmpty() ? "" : "-" + variant);
        return section + "-" + key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    String title() {
        return preset + " (" + model + ") × " + dataset + (variant.isEmpty() ? "" : ", " + variant);
    }
}
