package io.somnus.experiment.stats;

/**
 * Whether two variant labels ({@code delays,projections.input_e.plasticity.eta=5e-4}) name the same variant, spelled
 * alike or not: part by part (the ','-joined name and key=value pairs), values that read as numbers compared as
 * doubles. A study's file may spell a grid value otherwise when it is run again ({@code 0.0005}), and a sweep
 * directory made before Somnus wrote grid values as the file does holds them as Java wrote them ({@code 5.0E-4}).
 */
public final class VariantSpelling {
    private VariantSpelling() {
    }

    /** Whether {@code a} and {@code b} name the same variant. */
    public static boolean same(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        String[] pa = a.split(",", -1);
        String[] pb = b.split(",", -1);
        if (pa.length != pb.length) {
            return false;
        }
        for (int i = 0; i < pa.length; i++) {
            if (!samePart(pa[i], pb[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean samePart(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        int ea = a.indexOf('=');
        int eb = b.indexOf('=');
        if (ea < 0 || eb < 0 || !a.substring(0, ea).equals(b.substring(0, eb))) {
            return false;
        }
        Double x = number(a.substring(ea + 1));
        Double y = number(b.substring(eb + 1));
        return x != null && y != null && Double.compare(x, y) == 0;
    }

    private static Double number(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
