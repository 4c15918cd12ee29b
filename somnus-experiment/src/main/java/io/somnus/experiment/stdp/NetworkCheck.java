package io.somnus.experiment.stdp;

import io.somnus.core.NumberText;
import io.somnus.experiment.config.AllToAllConfig;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.ConnectorKind;
import io.somnus.experiment.config.PopulationConfig;
import io.somnus.experiment.config.ProjectionConfig;
import io.somnus.experiment.config.StdpRunConfig;
import io.somnus.experiment.config.StreamStart;
import io.somnus.experiment.config.TripletConfig;
import io.somnus.experiment.config.WeightInit;
import io.somnus.neuron.CurrentLifParameters;
import io.somnus.neuron.Population;
import io.somnus.plasticity.WeightDependence;
import io.somnus.synapse.Plasticity;
import io.somnus.synapse.Projection;
import io.somnus.synapse.Receptor;
import io.somnus.synapse.SynapseDelays;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks the network a configuration describes without building it ({@link NetworkFactory#validate}): population names,
 * sizes and neuron parameters, projection endpoints, bounds, initial weights, rules and delays, the names other sections
 * give them, and the memory it needs against the Java heap.
 */
final class NetworkCheck {
    private NetworkCheck() { }

    /**
     * Bytes a synapse of a listed projection (one-to-one, fixed probability, reciprocal pairs dropped) takes while it is
     * built: the connector's list (8), the initial weights (4), the CSR (12) and CSC (8) arrays, and 4 for the sort
     * order that a list not grouped by pre neuron needs (the connectors' lists are grouped, so it is headroom).
     */
    static final long BYTES_PER_SYNAPSE = 36;
    /**
     * Bytes a synapse of a regular projection (all-to-all, all-but-self) takes: the initial weights and the
     * projection's own (4 each); its index lists only where it builds them ({@link Projection#bytes}).
     */
    static final long REGULAR_BYTES_PER_SYNAPSE = 8;
    /** Bytes per neuron for spike bookkeeping, input buffers and model state (a class's: its own figure). */
    static final long BYTES_PER_NEURON = Population.BYTES_PER_NEURON;

    private static String bound(Double b, String none) {
        return b == null ? none : NumberText.of(b);
    }

    /** {@link NetworkFactory#validate}: the populations of model class it built, by name. */
    static Map<String, Population> check(StdpRunConfig cfg, int inputs) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        sizes.put("input", (long) inputs);
        List<PopulationConfig> own = new ArrayList<>(); // the populations of model class, built after the memory check
        for (PopulationConfig pc : cfg.populations()) {
            long size = NetworkFactory.size(pc, sizes, Long::longValue);
            switch (pc.model()) {
                case CURRENT_LIF -> NetworkFactory.withParams(CurrentLifParameters.PAPER, pc);
                case CONDUCTANCE_LIF -> NetworkFactory.withParams(NetworkFactory.conductanceDefaults(pc), pc);
                case CLASS -> {
                    ClassNeurons.refuseBuiltInChoices(cfg, pc);
                    own.add(pc);
                }
            }
            sizes.put(pc.name(), size);
        }
        if (!own.isEmpty() && own.size() == cfg.populations().size()) {
            ClassNeurons.refuseBuiltInIntegration(cfg);
        }
        double bytes = 0;
        String largest = null;
        double largestBytes = -1;
        double neurons = 0;
        for (long n : sizes.values()) {
            neurons += n;
        }
        bytes += neurons * BYTES_PER_NEURON;
        Set<String> projectionNames = new HashSet<>();
        for (ProjectionConfig pc : cfg.projections()) {
            String where = "projections." + pc.name();
            if (!projectionNames.add(pc.name())) { // --set and sweeps address an item by its name: one item per name
                throw new ConfigException("projections: duplicate name '" + pc.name() + "'; give each projection its own");
            }
            Long pre = sizes.get(pc.pre());
            Long post = sizes.get(pc.post());
            if (pre == null || post == null) {
                throw new ConfigException(where + ": unknown population '" + (pre == null ? pc.pre() : pc.post())
                        + "'; populations are " + sizes.keySet());
            }
            if (pc.post().equals("input")) {
                throw new ConfigException(where + ".post: the input source cannot receive synapses");
            }
            double all = (double) pre * post;
            double synapses = switch (pc.connector()) {
                case ALL_TO_ALL -> all;
                case ONE_TO_ONE -> Math.min(pre, post);
                case ALL_BUT_SELF -> pc.pre().equals(pc.post()) ? all - pre : all;
                case FIXED_PROBABILITY -> all * pc.p();
            };
            if (pc.wMin() != null && pc.wMax() != null && !(pc.wMin() <= pc.wMax())) {
                throw new ConfigException(where + ": w_min (" + NumberText.of(pc.wMin()) + ") must not exceed w_max ("
                        + NumberText.of(pc.wMax()) + ")");
            }
            // initial weights outside the bounds would be clamped onto a bound without a word (e.g. a weight given the
            // other receptor's sign)
            boolean uniform = pc.init() == WeightInit.UNIFORM;
            double low = uniform ? Math.min(pc.weightLow(), pc.weight()) : pc.weight();
            double high = uniform ? Math.max(pc.weightLow(), pc.weight()) : pc.weight();
            if ((pc.wMin() != null && low < pc.wMin()) || (pc.wMax() != null && high > pc.wMax())) {
                String weights = uniform ? "s U(" + NumberText.of(pc.weightLow()) + ", " + NumberText.of(pc.weight()) + ")"
                        : " " + NumberText.of(pc.weight());
                throw new ConfigException(where + ": initial weight" + weights + " outside [w_min, w_max] = ["
                        + bound(pc.wMin(), "−∞") + ", " + bound(pc.wMax(), "+∞") + "] would be clamped onto the bound"
                        + (pc.receptor() == Receptor.INHIBITORY ? " (inhibitory weights are negative)" : "") + "; give "
                        + where + ".weight within the bounds");
            }
            Plasticity plasticity = null;
            if (pc.plasticity() != null) {
                try {
                    plasticity = NetworkFactory.rule(pc, cfg.simulation().dtMs(), where);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(where + ".plasticity: " + e.getMessage());
                }
                // before any data loads: a rule paper-code's stream modes cannot feed (a rule of one's own, too)
                StreamStarts.checkRule(pc.name(), pc.pre().equals("input"), plasticity, cfg.simulation(), cfg.sleep(),
                        cfg.simulation().streamStart() == StreamStart.CARRIED_V_ZERO);
                if (pc.plasticity() instanceof TripletConfig && NetworkFactory.negativeWeights(pc)) {
                    throw new ConfigException(where + ".plasticity.rule = triplet: the projection's weights are negative ("
                            + (pc.receptor() == Receptor.INHIBITORY ? "inhibitory onto current-based population " + pc.post()
                            : "weight " + NumberText.of(pc.weight()) + ", w_max " + bound(pc.wMax(), "+∞")) + "), and triplet STDP has no "
                            + "sign: its potentiation would shrink |w|, weakening the synapse a causal pair should strengthen; "
                            + "allowed on such a projection: nearest_pair or all_to_all (sign auto), since_last_spike");
                }
                if (pc.plasticity() instanceof AllToAllConfig a && a.weightDependence() == WeightDependence.MULTIPLICATIVE
                        && (pc.wMin() == null || pc.wMax() == null)) {
                    throw new ConfigException(where + ".plasticity.weight_dependence: multiplicative STDP scales each change "
                            + "by the distance to the bound it moves toward, and needs both bounds; set " + where
                            + ".w_min and " + where + ".w_max (now " + bound(pc.wMin(), "−∞") + " and "
                            + bound(pc.wMax(), "+∞") + "), or use additive");
                }
            }
            int steps = 1;
            if (pc.delayMs() != null) { // its ring holds every pre spike of the delay's steps but one
                steps = presentableDelaySteps(cfg, where, "delay_ms", pc.delayMs());
                if (pc.delayMaxMs() == null) {
                    bytes += Integer.BYTES * (double) pre * (steps - 1);
                }
            }
            if (pc.delayMaxMs() != null) {
                int most = presentableDelaySteps(cfg, where, "delay_max_ms", pc.delayMaxMs());
                if (most > SynapseDelays.MAX_STEPS) {
                    throw new ConfigException(where + ".delay_max_ms: " + NumberText.of(pc.delayMaxMs()) + " ms is " + most + " steps; a "
                            + "delay per synapse is at most " + SynapseDelays.MAX_STEPS + " steps ("
                            + SynapseDelays.MAX_STEPS * cfg.simulation().dtMs() + " ms at simulation.dt_ms = "
                            + cfg.simulation().dtMs() + " ms); give a shorter one");
                }
                if (most < steps) {
                    throw new ConfigException(where + ".delay_max_ms: " + NumberText.of(pc.delayMaxMs()) + " ms is shorter than "
                            + where + ".delay_ms (" + NumberText.of(pc.delayMs()) + " ms), the shortest delay drawn; give at least "
                            + pc.delayMs() + " ms");
                }
                if (plasticity != null && !plasticity.followsSynapseDelays()) {
                    throw new ConfigException(where + ".delay_max_ms: rule " + pc.plasticity().rule().name().toLowerCase(Locale.ROOT)
                            + " reads one arrival time per pre neuron and cannot follow a delay per synapse; use rule "
                            + "nearest_pair or triplet, or remove delay_max_ms for one delay for all synapses");
                }
                // the layout per synapse, and each delay's spike records (a ring slot and a history, ≈ 24 B per neuron)
                bytes += SynapseDelays.BYTES_PER_SYNAPSE * synapses + 24.0 * pre * most;
            }
            SleepTargetWeights.initialWeight(cfg, pc);
            if (synapses > Integer.MAX_VALUE - 8) {
                throw new ConfigException(String.format(Locale.ROOT, "%s would have about %.3g synapses "
                        + "(%d × %d neurons); a projection holds at most %d; lower the population sizes or the connection "
                        + "probability", where, synapses, pre, post, Integer.MAX_VALUE - 8));
            }
            double projectionBytes = projectionBytes(pc, synapses, all);
            bytes += projectionBytes;
            if (projectionBytes > largestBytes) {
                largestBytes = projectionBytes;
                largest = where + String.format(Locale.ROOT, " (%d × %d neurons, about %.3g synapses)", pre, post, synapses);
            }
        }
        refuseUnknownNames(cfg, sizes.keySet());
        PhysicalParameters.refuseNetwork(cfg);
        refuseBeyondHeap(bytes, largest);
        return ownNeurons(cfg, own, sizes, new MemoryEstimate(bytes, largest, largestBytes));
    }

    /** The memory a network needs so far (bytes), and its largest part, named, with its bytes. */
    private record MemoryEstimate(double bytes, String largest, double largestBytes) { }

    /**
     * Refuses a network of about {@code bytes} beyond the Java heap, naming its {@code largest} part (a projection, or
     * a population of one's own by its declared bytes per neuron; null: its populations).
     *
     * @throws ConfigException saying the memory needed, the heap, and what to lower or raise
     */
    private static void refuseBeyondHeap(double bytes, String largest) {
        long heap = Runtime.getRuntime().maxMemory();
        if (bytes > heap) {
            throw new ConfigException(String.format(Locale.ROOT, "the network needs about %s of memory but the "
                    + "Java heap is %s (largest: %s); lower the population sizes (e.g. populations.e.size) or raise the heap "
                    + "(SOMNUS_JAVA_OPTS=-Xmx…)", gib(bytes), gib(heap), largest == null ? "its populations" : largest));
        }
    }

    /**
     * Builds each population of model class once, as large as the run's (a constructor may refuse a size, or fill its
     * arrays by it), so that a mistake in it fails now, naming the field; counts it at its own
     * {@link Population#bytesPerNeuron} in place of the built-in figure the memory check took, refusing the network
     * once that is beyond the heap, before the next is built; and refuses an inhibitory projection whose weights would
     * excite one. Runs after the memory check: a population too large for the heap at the built-in figure gets that
     * check's message instead of exhausting the heap here.
     */
    private static Map<String, Population> ownNeurons(StdpRunConfig cfg, List<PopulationConfig> own,
                                                      Map<String, Long> sizes, MemoryEstimate estimate) {
        Map<String, Population> built = new LinkedHashMap<>();
        double bytes = estimate.bytes();
        String largest = estimate.largest();
        double largestBytes = estimate.largestBytes();
        for (PopulationConfig pc : own) {
            Population p = ClassNeurons.build(pc, sizes.get(pc.name()).intValue(), cfg.simulation().dtMs());
            long perNeuron = p.bytesPerNeuron();
            if (perNeuron < 0) {
                throw new ConfigException("populations." + pc.name() + ".class_name = " + pc.className() + ": its "
                        + "bytesPerNeuron() is " + perNeuron + "; it must give the bytes each neuron takes, >= 0");
            }
            double state = (double) p.size() * perNeuron;
            bytes += state - (double) p.size() * BYTES_PER_NEURON;
            if (state > largestBytes) {
                largestBytes = state;
                largest = String.format(Locale.ROOT, "populations.%s (%d neurons × %d bytes, %s's "
                        + "bytesPerNeuron)", pc.name(), p.size(), perNeuron, pc.className());
            }
            refuseBeyondHeap(bytes, largest);
            built.put(pc.name(), p);
        }
        for (ProjectionConfig pc : cfg.projections()) {
            ClassNeurons.refuseExcitingInhibition(pc, built.get(pc.post()));
        }
        return built;
    }

    /**
     * The names other sections give to populations and projections: {@code readout.population} and
     * {@code sleep.projections}, which the network met only once it read out (at the first checkpoint) or slept (after
     * the first {@code sleep.wake_steps}), failing the run there (exit 1) instead of before it.
     */
    private static void refuseUnknownNames(StdpRunConfig cfg, Set<String> populations) {
        String readout = cfg.readout().population();
        if (!populations.contains(readout)) {
            throw new ConfigException("readout.population = '" + readout + "': no such population; allowed: one of "
                    + populations);
        }
        List<String> projections = cfg.projections().stream().map(ProjectionConfig::name).toList();
        List<String> asleep = cfg.sleep().projections() == null ? List.of() : cfg.sleep().projections();
        Set<String> seen = new HashSet<>();
        for (String name : asleep) {
            if (!projections.contains(name)) {
                throw new ConfigException("sleep.projections: '" + name + "' is no projection; allowed: names of "
                        + projections + " ([] for every plastic one)");
            }
            if (!seen.add(name)) {
                throw new ConfigException("sleep.projections: '" + name + "' is named twice; name each projection once");
            }
        }
    }

    /** {@link NetworkFactory#delaySteps} of {@code where.field}, refused when a presentation from rest would end before it. */
    private static int presentableDelaySteps(StdpRunConfig cfg, String where, String field, double ms) {
        int steps = NetworkFactory.delaySteps(ms, cfg.simulation().dtMs(), cfg.simulation().stepsPerImage(),
                where + "." + field);
        if (steps >= cfg.simulation().stepsPerImage()) {
            throw new ConfigException(where + "." + field + ": " + NumberText.of(ms) + " ms is " + NumberText.of(steps) + " steps, at least as "
                    + "long as a presentation (simulation.steps_per_image = " + cfg.simulation().stepsPerImage()
                    + "): an image presented from rest (every evaluation image, and every training image unless "
                    + "simulation.reset_every_images says otherwise) would end before a spike arrives; give fewer "
                    + "than " + cfg.simulation().stepsPerImage() + " steps");
        }
        return steps;
    }

    /**
     * A projection's bytes: its synapse arrays while it is built, and at the end of the run the dense weight matrix of
     * all {@code pre × post} pairs written to weights.npz.
     */
    static double projectionBytes(ProjectionConfig pc, double synapses, double all) {
        boolean regular = pc.dropReciprocalOf() == null
                && (pc.connector() == ConnectorKind.ALL_TO_ALL || pc.connector() == ConnectorKind.ALL_BUT_SELF);
        boolean dense = synapses == all; // all-to-all, or all-but-self between two populations
        double arrays = !regular ? synapses * BYTES_PER_SYNAPSE : synapses * REGULAR_BYTES_PER_SYNAPSE
                + Projection.indexBytes((long) synapses, pc.plasticity() != null, dense);
        return arrays + all * Float.BYTES;
    }

    static String gib(double bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (1L << 30));
    }
}
