package io.somnus.sg;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The SG-SNN on a labelled set with learning off.
 *
 * @param accuracy      fraction of images classified correctly
 * @param images        number of images
 * @param firingRatesHz mean firing rate per population ({@code h} or {@code h1…}, {@code out}) over all images and
 *                      steps, in Hz at the configured dt (spikes per neuron per step × 1000/dt); the
 *                      membrane-readout output layer does not spike and is absent
 */
public record SgEvaluation(double accuracy, int images, Map<String, Double> firingRatesHz) {
    /** Copies the rates into a map sorted by layer name. */
    public SgEvaluation {
        firingRatesHz = Collections.unmodifiableMap(new TreeMap<>(firingRatesHz)); // sorted, as in SgResult
    }
}
