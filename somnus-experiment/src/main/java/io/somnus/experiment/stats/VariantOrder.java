package io.somnus.experiment.stats;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one order in which a study's variants (e.g. {@code delays,projections.input_e.plasticity.eta=5e-4}) are shown:
 * the sweep file's order where it is known, the order the user wrote (a variant found there however its numbers are
 * spelled, {@link VariantSpelling}); a variant not in it after those that are, by its grid values compared as numbers
 * (5e-4 before 0.002, which as text come the other way round).
 */
public final class VariantOrder {
    /** Without the sweep file: by the variants' names and grid values, numbers as numbers. */
    public static final Comparator<String> NUMERIC = VariantOrder::compareLabels;

    private VariantOrder() {
    }

    /** The sweep file's order ({@code fileOrder}, the labels as the sweep plans them), then {@link #NUMERIC}. */
    public static Comparator<String> of(List<String> fileOrder) {
        List<String> order = List.copyOf(fileOrder);
        Map<String, Integer> place = new ConcurrentHashMap<>();
        return Comparator.<String>comparingInt(v -> place.computeIfAbsent(v, w -> {
            for (int i = 0; i < order.size(); i++) {
                if (VariantSpelling.same(order.get(i), w)) {
                    return i;
                }
            }
            return Integer.MAX_VALUE;
        })).thenComparing(NUMERIC);
    }

    /** Part by part (the ','-joined name and key=value pairs), a value that reads as a number compared as one. */
    private static int compareLabels(String a, String b) {
        String[] pa = a.split(",", -1);
        String[] pb = b.split(",", -1);
        for (int i = 0; i < Math.min(pa.length, pb.length); i++) {
            int c = comparePart(pa[i], pb[i]);
            if (c != 0) {
                return c;
            }
        }
        return pa.length != pb.length ? Integer.compare(pa.length, pb.length) : a.compareTo(b);
    }

    private static int comparePart(String a, String b) {
        int ea = a.indexOf('=');
        int eb = b.indexOf('=');
        String keyA = ea < 0 ? a : a.substring(0, ea);
        String keyB = eb < 0 ? b : b.substring(0, eb);
        int c = keyA.compareTo(keyB);
        if (c != 0 || ea < 0 || eb < 0) {
            return c != 0 ? c : Boolean.compare(ea >= 0, eb >= 0);
        }
        BigDecimal na = number(a.substring(ea + 1));
        BigDecimal nb = number(b.substring(eb + 1));
        if (na != null && nb != null) {
            int n = na.compareTo(nb);
            return n != 0 ? n : a.compareTo(b);
        }
        if (na != null || nb != null) {
            return na != null ? -1 : 1; // numbers before words
        }
        return a.compareTo(b);
    }

    private static BigDecimal number(String s) {
        try {
            return new BigDecimal(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
