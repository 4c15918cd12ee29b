package io.somnus.report;

/**
 * What the report's chart axes measure, in words and units: accuracies are fractions of images classified right
 * (0 to 1); an SG-SNN's weights are dimensionless, an STDP-SNN's in its preset's units (paper: a spike of weight w
 * adds gain·w to the synaptic current, R·I in mV; diehl-cook: a conductance in units of the leak's), as
 * docs/run-directory.md says of weights.npz.
 */
final class AxisTitles {
    private AxisTitles() { }

    /** What "preset's units" means, for a section's text beside its charts of weights. */
    static final String WEIGHT_UNITS = "Weights: an SG-SNN's are dimensionless; an STDP-SNN's are in its preset's units "
            + "(paper: a spike of weight w adds gain·w to the synaptic current, R·I in mV; diehl-cook: a conductance in "
            + "units of the leak conductance).";

    /**
     * The x axis of a chart against sleep: the fraction the run asked for, which its schedule may not give (paper-sg-code
     * spends about 1/128 of it asleep; a short run none), as the points are placed.
     */
    static final String SLEEP_ASKED = "sleep fraction asked for";

    /** The unit of an accuracy and of its falls and spreads. */
    static final String ACCURACY_UNIT = "fraction correct";

    /** "test accuracy (fraction correct)" for {@code which} "test". */
    static String accuracy(String which) {
        return which + " accuracy (" + ACCURACY_UNIT + ")";
    }

    /** The unit of a weight of a run of {@code model} ({@code sg}, {@code stdp}). */
    static String weightUnit(String model) {
        return "sg".equals(model) ? "dimensionless" : "preset's units";
    }

    /** A single synapse's weight: "weight w (dimensionless)". */
    static String weight(String model) {
        return "weight w (" + weightUnit(model) + ")";
    }

    /** A projection's summed |w|, {@code of} naming the projection where one alone is drawn (" of input_e") or "". */
    static String totalWeight(String model, String of, boolean log) {
        return "Σ|w|" + of + " (" + weightUnit(model) + (log ? ", log scale" : "") + ")";
    }
}
