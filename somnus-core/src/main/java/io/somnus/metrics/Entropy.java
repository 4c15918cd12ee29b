package io.somnus.metrics;

/** Shannon entropy of counts (package-private). */
final class Entropy {
    private Entropy() {
    }

    /** H = −Σ p log₂ p with p = counts[b] / total (empty bins contribute 0); 0 when total is 0. */
    static double bits(int[] counts, long total) {
        if (total <= 0) {
            return 0.0;
        }
        double h = 0;
        for (int c : counts) {
            if (c > 0) {
                double p = (double) c / total;
                h -= p * Math.log(p);
            }
        }
        return h / Math.log(2);
    }
}
