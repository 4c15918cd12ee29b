package io.somnus.report;

import io.somnus.experiment.stats.RunRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * A group's projections in the network's order, input to output, as its runs' summary.json lists them under
 * {@code weights}: the order, and so the colour and marker, that each projection has in every panel. The weight traces
 * drew them in that order (input_e blue, e_e orange) and the versus-sleep panels alphabetically (e_e blue, input_e
 * pink), so that one projection had two colours on one page.
 */
final class Projections {
    private Projections() {}

    /** {@code names} in the network's order; names the summaries do not list come after, in their given order. */
    static List<String> inNetworkOrder(Collection<String> names, List<RunRecord> runs) {
        List<String> network = new ArrayList<>();
        for (RunRecord run : runs) {
            run.summary().path("weights").fieldNames().forEachRemaining(n -> {
                if (!network.contains(n)) {
                    network.add(n);
                }
            });
        }
        List<String> given = List.copyOf(names);
        return given.stream().sorted(Comparator.comparingInt((String n) -> network.contains(n) ? network.indexOf(n)
                : network.size()).thenComparingInt(given::indexOf)).toList();
    }
}
