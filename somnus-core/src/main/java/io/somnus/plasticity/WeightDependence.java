package io.somnus.plasticity;

/**
 * How a weight's own value scales an STDP change (PyNN's weight dependence): {@link #ADDITIVE}, the change as the rule
 * gives it, then clipped to the bounds (Song, Miller &amp; Abbott 2000); {@link #MULTIPLICATIVE}, the change times the
 * distance to the bound it moves toward, {@code w_max − w} for an increase and {@code w − w_min} for a decrease
 * (van Rossum, Bi &amp; Turrigiano 2000; PyNN's {@code MultiplicativeWeightDependence}), so a weight approaches its
 * bounds without reaching them.
 */
public enum WeightDependence {
    /** The change as the rule gives it, then clipped to the bounds (Song, Miller &amp; Abbott 2000). */
    ADDITIVE,
    /** The change times the distance to the bound it moves toward (van Rossum, Bi &amp; Turrigiano 2000). */
    MULTIPLICATIVE
}
