package io.somnus.report;

import io.somnus.experiment.stats.CellKey;
import io.somnus.experiment.stats.RunRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

    String title() {
        return preset + " (" + model + ") × " + dataset + (variant.isEmpty() ? "" : ", " + variant);
    }
}
