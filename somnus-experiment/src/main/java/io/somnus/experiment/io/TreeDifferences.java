package io.somnus.experiment.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * The leaves in which two JSON or YAML trees differ, by dotted name ({@code train.images}): what a run changed from
 * its preset, what differs between two runs' configurations, provenances or summaries. Lists of named items (a
 * configuration's populations and projections) are matched by their {@code name}, as {@code --set} addresses them
 * ({@code projections.e_e.weight}); any other list is one leaf.
 */
public final class TreeDifferences {
    private TreeDifferences() { }

    /**
     * One differing leaf.
     *
     * @param field       the dotted name
     * @param a           the first tree's value; {@code null} where it has none
     * @param b           the second tree's value; {@code null} where it has none
     * @param removedItem whether {@code field} is a named list item the second tree lacks (its fields not listed)
     */
    public record Difference(String field, JsonNode a, JsonNode b, boolean removedItem) {
        /** {@code "seed: 1 → 2"}, {@code "(absent)"} for a missing value, {@code "projections.e_e: removed"}. */
        @Override
        public String toString() {
            return removedItem ? field + ": removed" : field + ": " + text(a) + " → " + text(b);
        }

        /** A value as a user would write it: a string without quotes, {@code (absent)} for none. */
        public static String text(JsonNode v) {
            return v == null ? "(absent)" : v.isTextual() ? v.asText() : v.toString();
        }
    }

    /**
     * The differing leaves of {@code a} and {@code b}, in {@code a}'s order, then those only {@code b} has.
     *
     * @param itemLists the dotted names of the lists whose items are matched by {@code name}
     * @param same      whether two leaves hold the same value
     */
    public static List<Difference> of(JsonNode a, JsonNode b, Set<String> itemLists, BiPredicate<JsonNode, JsonNode> same) {
        List<Difference> out = new ArrayList<>();
        walk("", a, b, itemLists, same, out);
        return out;
    }

    /** As {@link #of(JsonNode, JsonNode, Set, BiPredicate)}, two leaves the same when equal as JSON. */
    public static List<Difference> of(JsonNode a, JsonNode b, Set<String> itemLists) {
        return of(a, b, itemLists, JsonNode::equals);
    }

    private static void walk(String path, JsonNode a, JsonNode b, Set<String> itemLists,
            BiPredicate<JsonNode, JsonNode> same, List<Difference> out) {
        if (a != null && b != null && a.isObject() && b.isObject()) {
            Set<String> keys = new LinkedHashSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                walk(path.isEmpty() ? k : path + "." + k, a.get(k), b.get(k), itemLists, same, out);
            }
        } else if (a != null && b != null && itemLists.contains(path) && a.isArray() && b.isArray()) {
            Set<String> names = new LinkedHashSet<>();
            a.forEach(i -> names.add(i.path("name").asText()));
            b.forEach(i -> names.add(i.path("name").asText()));
            for (String n : names) {
                if (item(b, n) == null) {
                    out.add(new Difference(path + "." + n, item(a, n), null, true));
                } else {
                    walk(path + "." + n, item(a, n), item(b, n), itemLists, same, out);
                }
            }
        } else if (a == null || b == null || !same.test(a, b)) {
            out.add(new Difference(path, a, b, false));
        }
    }

    private static JsonNode item(JsonNode list, String name) {
        for (JsonNode i : list) {
            if (i.path("name").asText().equals(name)) {
                return i;
            }
        }
        return null;
    }
}
