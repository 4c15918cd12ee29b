package io.somnus.experiment.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.somnus.experiment.io.NpyArray;
import io.somnus.experiment.io.SummaryJson;
import io.somnus.network.Network;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one run ({@link StandardRunExecutor#run}) ended with, in memory: the numbers its run directory would hold
 * (docs/run-directory.md), from the same code, so the same as the CLI's for the same configuration and seed.
 *
 * @param summary summary.json's fields as maps, lists, numbers and strings (e.g. {@code "test_accuracy"},
 *                {@code "rates_wake_hz"}); a pure function of seed, configuration and Java version. An undefined
 *                number is {@code Double.NaN} here, {@code null} in summary.json: {@link #summaryJson} writes the
 *                file's text (plain Jackson would write the string {@code "NaN"})
 * @param metrics metrics.csv's rows, one per checkpoint (STDP-SNN) or epoch (SG-SNN), column name → value; an empty
 *                cell is NaN
 * @param arrays  weights.npz's arrays by name: the STDP-SNN's learned weights per projection ({@code input_e} as
 *                [pre][post], pre × post), the SG-SNN's weight matrices, plus the arrays each model adds there
 * @param runDir  the run directory written, or null when the run wrote none
 * @param network the STDP-SNN's trained network itself, to present more images to, read its populations or save
 *                ({@code NetworkState.write}); its input→E weights are, until it is changed,
 *                {@code weights("input_e")}'s.
 *                Its weights and learned state (θ) are as trained, the rest as after {@code Network.resetState()}: at
 *                rest, its stream clock at step 0 (the next {@code step} is step 0, {@code presentContinuing} starts a
 *                stream), nothing in flight. It has no monitors (the run's spike counters and rasters are detached:
 *                {@code count(population)} attaches one that counts from zero) and its {@code synapticEvents()} count
 *                from 0; the run's own figures are in {@link #summary}. Live, not a copy: a plastic presentation
 *                changes it but not {@link #weights}. Empty for the SG-SNN, which has no such network
 */
public record RunResult(Map<String, Object> summary, List<Map<String, Double>> metrics, Map<String, NpyArray> arrays,
                        Path runDir, Optional<Network> network) {
    /** Copies the maps and the rows; the arrays' elements are held, not copied ({@link #weights} gives a copy). */
    public RunResult {
        network = Objects.requireNonNullElse(network, Optional.empty());
        summary = Collections.unmodifiableMap(new LinkedHashMap<>(summary));
        metrics = metrics.stream().map(r -> Collections.unmodifiableMap(new LinkedHashMap<>(r))).toList();
        arrays = Collections.unmodifiableMap(new LinkedHashMap<>(arrays));
    }

    /** A result without a network (an SG-SNN run's, or one built by hand). */
    public RunResult(Map<String, Object> summary, List<Map<String, Double>> metrics, Map<String, NpyArray> arrays,
                     Path runDir) {
        this(summary, metrics, arrays, runDir, Optional.empty());
    }

    /**
     * The test accuracy of the main readout (summary.json's {@code test_accuracy}), in [0, 1]. Every run of
     * {@link StandardRunExecutor} has it (both models test on at least one image); a result built by hand may not.
     *
     * @throws IllegalArgumentException as {@link #number} does, when the summary has no number {@code test_accuracy}
     */
    public double testAccuracy() {
        return number("test_accuracy");
    }

    /**
     * {@link #summary} as the run's summary.json holds it, byte for byte ({@link SummaryJson#text}: pretty-printed, an
     * undefined number written {@code null}), for a result held in memory that is to be written or sent.
     */
    public String summaryJson() {
        try {
            return SummaryJson.text(summary);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("summary of " + run() + " cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    /**
     * The test accuracy of each readout the run fitted, by readout name, each in [0, 1] (summary.json's
     * {@code test_accuracy_by_readout}).
     */
    public Map<String, Double> testAccuracyByReadout() {
        return numbers("test_accuracy_by_readout");
    }

    /**
     * Spikes per training image of each non-input population while awake (summary.json's
     * {@code wake_spikes_per_image}; the STDP-SNN's, empty for the SG-SNN, whose summary gives rates only).
     */
    public Map<String, Double> wakeSpikesPerImage() {
        return numbers("wake_spikes_per_image");
    }

    /**
     * Firing rates (Hz) of each population while awake (summary.json's {@code rates_wake_hz}). In these maps a value
     * summary.json leaves undefined ({@code null}) is NaN.
     */
    public Map<String, Double> wakeRatesHz() {
        return numbers("rates_wake_hz");
    }

    /**
     * A number of summary.json by its field's name, e.g. {@code number("sleep_episodes")},
     * {@code number("achieved_sleep_fraction")}, {@code number("phi")} (docs/run-directory.md lists them): without a
     * cast from {@link #summary}'s objects.
     *
     * @throws IllegalArgumentException when the summary has no such field, or it is not a number (a map such as
     *                                  {@code rates_wake_hz}: see {@link #wakeRatesHz}), naming the run and the
     *                                  numeric fields
     */
    public double number(String field) {
        if (summary.get(field) instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("summary.json of " + run() + " " + (summary.containsKey(field) ? "field '" + field
                + "' is not a number" : "has no field '" + field + "'") + "; its numbers are " + summary.entrySet()
                .stream().filter(e -> e.getValue() instanceof Number).map(Map.Entry::getKey).toList());
    }

    /**
     * The run in one line: model, preset, dataset and seed, the test accuracy, the metrics rows, the arrays' shapes and
     * whether the network is held, e.g. {@code RunResult[stdp paper on geomfig, seed 7, test accuracy 0.5, 2 metrics
     * rows, arrays {input_e=[225, 200], …}, network]} (a record's own would print every field of every row).
     */
    @Override
    public String toString() {
        Map<String, String> shapes = new LinkedHashMap<>();
        arrays.forEach((name, a) -> shapes.put(name, Arrays.toString(a.shape())));
        return "RunResult[" + run() + ", test accuracy " + summary.get("test_accuracy") + ", " + metrics.size()
                + (metrics.size() == 1 ? " metrics row" : " metrics rows") + ", arrays " + shapes
                + (network.isPresent() ? ", network" : "") + (runDir != null ? ", in " + runDir : "") + "]";
    }

    /**
     * The learned weights of {@code name} (a projection of the STDP-SNN such as {@code input_e}, a matrix of the
     * SG-SNN such as {@code w_in_h}), row-major in the order of {@link #shape}: a copy.
     *
     * @throws IllegalArgumentException when the run has no such array, naming those it has
     */
    public float[] weights(String name) {
        return array(name).floats().clone();
    }

    /** The shape of array {@code name}, e.g. {@code [225, 200]} for the paper's {@code input_e} (pre × post). */
    public int[] shape(String name) {
        return array(name).shape().clone();
    }

    /** Which run: {@code stdp paper on geomfig, seed 7}, from the summary's identifying fields. */
    private String run() {
        return summary.get("model") + " " + summary.get("preset") + " on " + summary.get("dataset") + ", seed "
                + summary.get("seed");
    }

    private NpyArray array(String name) {
        NpyArray a = arrays.get(name);
        if (a == null) {
            throw new IllegalArgumentException("the run has no array '" + name + "'; it has " + arrays.keySet());
        }
        return a;
    }

    private Map<String, Double> numbers(String field) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (summary.get(field) instanceof Map<?, ?> m) {
            // null (an undefined number as summary.json writes it) or an older file's "NaN": NaN, as SummaryJson reads them
            m.forEach((k, v) -> out.put(k.toString(), v instanceof Number n ? n.doubleValue() : Double.NaN));
        }
        return Collections.unmodifiableMap(out);
    }
}
