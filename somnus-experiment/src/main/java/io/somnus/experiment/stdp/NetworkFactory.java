package io.somnus.experiment.stdp;

import io.somnus.core.NumberText;
import io.somnus.experiment.config.AllToAllConfig;
import io.somnus.experiment.config.Choices;
import io.somnus.experiment.config.ClassRuleConfig;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.ConnectorKind;
import io.somnus.experiment.config.FieldDomains;
import io.somnus.experiment.config.MembraneIntegration;
import io.somnus.experiment.config.NearestPairConfig;
import io.somnus.experiment.config.NeuronDefaults;
import io.somnus.experiment.config.PlasticityConfig;
import io.somnus.experiment.config.PopulationConfig;
import io.somnus.experiment.config.ProjectionConfig;
import io.somnus.experiment.config.SinceLastSpikeConfig;
import io.somnus.experiment.config.SpikeTest;
import io.somnus.experiment.config.StdpRunConfig;
import io.somnus.experiment.config.StdpSign;
import io.somnus.experiment.config.StreamStart;
import io.somnus.experiment.config.TraceIntegration;
import io.somnus.experiment.config.TripletConfig;
import io.somnus.experiment.config.WeightInit;
import io.somnus.kernel.Kernels;
import io.somnus.network.Network;
import io.somnus.neuron.ConductanceLifParameters;
import io.somnus.neuron.ConductanceLifPopulation;
import io.somnus.neuron.CurrentLifParameters;
import io.somnus.neuron.CurrentLifPopulation;
import io.somnus.neuron.CurrentLifScheme;
import io.somnus.neuron.Population;
import io.somnus.neuron.SpikeSource;
import io.somnus.plasticity.AllToAllStdp;
import io.somnus.plasticity.NearestPairStdp;
import io.somnus.plasticity.SinceLastSpikeStdp;
import io.somnus.plasticity.TripletStdp;
import io.somnus.plasticity.WeightDependence;
import io.somnus.plasticity.WeightNormalisation;
import io.somnus.synapse.Connector;
import io.somnus.synapse.Plasticity;
import io.somnus.synapse.Projection;
import io.somnus.synapse.Receptor;
import io.somnus.synapse.SynapseDelays;
import io.somnus.synapse.SynapseList;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/** Builds a {@link Network} from a configuration: populations, connectors, initial weights, rules. */
public final class NetworkFactory {
    private NetworkFactory() { }

    /**
     * The network a run of {@code cfg} trains (somnus train, {@link io.somnus.experiment.run.StandardRunExecutor}):
     * its synapses drawn from the run's connectivity stream, the first {@code split()} of
     * {@code new SplittableRandom(cfg.seed())}, so that the network a run saved ({@code --save-network},
     * {@link SpikeExchange#withNetworkOut}) reads back into it with {@link io.somnus.experiment.io.NetworkState#read}.
     * {@link #build} with {@code new SplittableRandom(cfg.seed())} itself draws other synapses.
     *
     * @param inputs  number of input sources (pixels after preprocessing: 225 for the presets' 15×15 images)
     * @param kernels the loops every population and projection runs on (all kernels give the same numbers)
     */
    public static Network buildForRun(StdpRunConfig cfg, int inputs, Kernels kernels) {
        // StdpTraining's order of splits: connectivity first, then training, sleep, evaluation, readout, wake noise
        return build(cfg, inputs, new SplittableRandom(cfg.seed()).split(), kernels);
    }

    /**
     * @param inputs  number of input sources (pixels after preprocessing)
     * @param rng     the run's connectivity stream (a run's: see {@link #buildForRun})
     * @param kernels the loops every population and projection runs on (all kernels give the same numbers)
     */
    public static Network build(StdpRunConfig cfg, int inputs, RandomGenerator rng, Kernels kernels) {
        return build(validate(cfg, inputs), rng, kernels);
    }

    /**
     * The network {@code checked} describes, with the populations of model class its check built (the first build from
     * it; a later one constructs its own): a run that checked its configuration first ({@link StdpRunner#check})
     * constructs each neuron class once.
     *
     * @param rng     the run's connectivity stream (a run's: see {@link #buildForRun})
     * @param kernels the loops every population and projection runs on (all kernels give the same numbers)
     */
    public static Network build(CheckedNetwork checked, RandomGenerator rng, Kernels kernels) {
        StdpRunConfig cfg = checked.config();
        int inputs = checked.inputs();
        Map<String, Population> taken = checked.take();
        Map<String, Population> own = taken != null ? taken : check(cfg, inputs);
        double dt = cfg.simulation().dtMs();
        SpikeSource input = new SpikeSource("input", inputs);
        Map<String, Population> byName = new LinkedHashMap<>();
        byName.put("input", input);
        List<Population> pops = new ArrayList<>();
        pops.add(input);
        for (PopulationConfig pc : cfg.populations()) {
            if (byName.containsKey(pc.name())) {
                throw new ConfigException("populations: duplicate or reserved name '" + pc.name() + "'");
            }
            int size = pc.size();
            if (pc.sizeOf() != null) {
                Population other = byName.get(pc.sizeOf());
                if (other == null) {
                    throw new ConfigException("populations." + pc.name() + ".size_of: no earlier population named '" + pc.sizeOf() + "'");
                }
                size = other.size();
            }
            if (size <= 0) {
                throw emptyPopulation(pc.name(), size);
            }
            Population p = switch (pc.model()) {
                case CURRENT_LIF -> new CurrentLifPopulation(pc.name(), size,
                        withParams(CurrentLifParameters.PAPER, pc), kernels, currentLifScheme(cfg));
                case CONDUCTANCE_LIF -> new ConductanceLifPopulation(pc.name(), size,
                        withParams(conductanceDefaults(pc), conductanceSpikeTest(cfg, pc)), kernels)
                        .useForwardEuler(euler(cfg));
                case CLASS -> own.get(pc.name());
            };
            byName.put(pc.name(), p);
            pops.add(p);
        }
        List<Projection> projections = new ArrayList<>();
        Map<Projection, WeightNormalisation> norms = new LinkedHashMap<>();
        for (ProjectionConfig pc : cfg.projections()) {
            String where = "projections." + pc.name();
            Population pre = byName.get(pc.pre());
            Population post = byName.get(pc.post());
            if (pre == null || post == null) {
                throw new ConfigException(where + ": unknown population '" + (pre == null ? pc.pre() : pc.post())
                        + "'; populations are " + byName.keySet());
            }
            if (post == input) {
                throw new ConfigException(where + ".post: the input source cannot receive synapses");
            }
            Connector connector = switch (pc.connector()) {
                case ALL_TO_ALL -> Connector.allToAll();
                case ONE_TO_ONE -> Connector.oneToOne();
                case ALL_BUT_SELF -> Connector.allButSelf();
                case FIXED_PROBABILITY -> Connector.fixedProbability(pc.p());
            };
            SynapseList syn;
            try {
                syn = connector.connect(pre.size(), post.size(), pre == post, rng);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(where + ": " + e.getMessage());
            }
            if (pc.dropReciprocalOf() != null) {
                syn = withoutReciprocal(syn, reverse(projections, pc, where));
            }
            float[] w0 = new float[syn.size()];
            switch (pc.init()) {
                case CONSTANT -> Arrays.fill(w0, (float) pc.weight());
                case UNIFORM -> {
                    for (int k = 0; k < w0.length; k++) {
                        w0[k] = (float) (pc.weightLow() + (pc.weight() - pc.weightLow()) * rng.nextDouble());
                    }
                }
            }
            // after the preset's init, so that the random stream (and every later projection) is the preset's
            double atSleepTarget = SleepTargetWeights.initialWeight(cfg, pc);
            if (!Double.isNaN(atSleepTarget)) {
                Arrays.fill(w0, (float) atSleepTarget);
            }
            double wMin = pc.wMin() == null ? Double.NEGATIVE_INFINITY : pc.wMin();
            double wMax = pc.wMax() == null ? Double.POSITIVE_INFINITY : pc.wMax();
            if (!(wMin <= wMax)) {
                throw new ConfigException(where + ": w_min (" + NumberText.of(pc.wMin()) + ") must not exceed w_max ("
                        + NumberText.of(pc.wMax()) + ")");
            }
            Projection proj = new Projection(pc.name(), pre, post, pc.receptor(), syn, w0, (float) wMin, (float) wMax,
                    kernels);
            if (pc.plasticity() != null) {
                proj.withPlasticity(rule(pc, dt, where));
            }
            if (pc.delayMs() != null && pc.delayMaxMs() == null) {
                proj.withDelaySteps(delaySteps(pc.delayMs(), dt, cfg.simulation().stepsPerImage(), where + ".delay_ms"));
            }
            if (pc.normalise() > 0) {
                norms.put(proj, new WeightNormalisation(pc.normalise()));
            }
            projections.add(proj);
        }
        // after every projection's synapses and weights, so that drawing delays leaves those as they were
        for (int k = 0; k < projections.size(); k++) {
            ProjectionConfig pc = cfg.projections().get(k);
            if (pc.delayMaxMs() != null) {
                projections.get(k).withSynapseDelays(drawnDelays(pc, projections.get(k).synapseCount(), dt,
                        cfg.simulation().stepsPerImage(), rng));
            }
        }
        Network net = new Network(dt, input, pops, projections, norms);
        net.normalise();
        return net;
    }

    /** Each synapse's delay in steps, uniform over the whole steps from {@code delay_ms} (or one) to {@code delay_max_ms}. */
    private static int[] drawnDelays(ProjectionConfig pc, int synapses, double dt, int stepsPerImage, RandomGenerator rng) {
        int[] range = delayRangeSteps(pc, dt, stepsPerImage);
        int[] steps = new int[synapses];
        for (int s = 0; s < synapses; s++) {
            steps[s] = range[0] + rng.nextInt(range[1] - range[0] + 1);
        }
        return steps;
    }

    /** The shortest and longest delay per synapse the configuration draws, in steps: {@code delay_ms} (or one) to {@code delay_max_ms}. */
    private static int[] delayRangeSteps(ProjectionConfig pc, double dt, int stepsPerImage) {
        String where = "projections." + pc.name();
        int low = pc.delayMs() == null ? 1 : delaySteps(pc.delayMs(), dt, stepsPerImage, where + ".delay_ms");
        return new int[] {low, delaySteps(pc.delayMaxMs(), dt, stepsPerImage, where + ".delay_max_ms")};
    }

    /**
     * Refuses delays per synapse that a restored network ({@code --load-network}) brought from outside the range this
     * configuration draws from: config.yaml would then say delays the run did not have.
     */
    public static void checkRestoredDelays(StdpRunConfig cfg, Network net, String source) {
        for (ProjectionConfig pc : cfg.projections()) {
            if (pc.delayMaxMs() == null) {
                continue;
            }
            int[] range = delayRangeSteps(pc, cfg.simulation().dtMs(), cfg.simulation().stepsPerImage());
            SynapseDelays delays = net.projection(pc.name()).synapseDelays();
            for (int s = 0; s < net.projection(pc.name()).synapseCount(); s++) {
                int d = delays.steps(s);
                if (d < range[0] || d > range[1]) {
                    throw new ConfigException(source + ": projection " + pc.name() + "'s synapse " + s + " has a delay "
                            + "of " + d + (d == 1 ? " step" : " steps") + " (" + d * cfg.simulation().dtMs() + " ms), "
                            + "outside the " + range[0]
                            + "–" + range[1] + " steps that projections." + pc.name() + ".delay_ms and delay_max_ms "
                            + "give here: set them to the values the network was trained with");
                }
            }
        }
    }

    /** The earlier projection post → pre that {@code pc.drop_reciprocal_of} names. */
    private static Projection reverse(List<Projection> built, ProjectionConfig pc, String where) {
        for (Projection p : built) {
            if (p.name().equals(pc.dropReciprocalOf())) {
                if (!p.pre().name().equals(pc.post()) || !p.post().name().equals(pc.pre())) {
                    throw new ConfigException(where + ".drop_reciprocal_of: '" + pc.dropReciprocalOf() + "' runs "
                            + p.pre().name() + " → " + p.post().name() + ", not " + pc.post() + " → " + pc.pre());
                }
                return p;
            }
        }
        throw new ConfigException(where + ".drop_reciprocal_of: no earlier projection named '" + pc.dropReciprocalOf()
                + "'; it must come before " + pc.name() + " in projections");
    }

    /** The synapses i → j of {@code syn} whose reverse j → i is not in {@code reverse}, in their order. */
    static SynapseList withoutReciprocal(SynapseList syn, Projection reverse) {
        Set<Long> back = new HashSet<>();
        int n = reverse.post().size();
        for (int s = 0; s < reverse.synapseCount(); s++) {
            back.add((long) reverse.preIndex()[s] * n + reverse.postIndex()[s]);
        }
        SynapseList kept = new SynapseList(syn.size());
        for (int k = 0; k < syn.size(); k++) {
            // synapse i → j is reciprocal when j → i exists: key (pre of reverse = j, post of reverse = i)
            if (!back.contains((long) syn.post(k) * n + syn.pre(k))) {
                kept.add(syn.pre(k), syn.post(k));
            }
        }
        return kept;
    }

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

    /**
     * Checks everything {@link #build} would reject — neuron models and parameters, population sizes and names,
     * projection endpoints, connectors, initial weights, bounds, learning rules — and that the network fits in the
     * Java heap, without allocating it; run at resolve time so that a bad configuration fails before anything runs.
     * The populations of model class are built here, as large as the run's (after the memory check), and handed to the
     * run's {@link #build(CheckedNetwork, RandomGenerator, Kernels)} in what this returns, so that their constructor
     * runs once a run.
     *
     * @param inputs number of input sources (pixels after preprocessing)
     * @return what was checked, with the populations of model class built, for the build of this network
     * @throws ConfigException naming the field, the value and what is allowed (or the memory needed and the heap)
     */
    public static CheckedNetwork validate(StdpRunConfig cfg, int inputs) {
        return new CheckedNetwork(cfg, inputs, check(cfg, inputs));
    }

    /** {@link #validate}: the populations of model class it built, by name. */
    private static Map<String, Population> check(StdpRunConfig cfg, int inputs) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        sizes.put("input", (long) inputs);
        List<PopulationConfig> own = new ArrayList<>(); // the populations of model class, built after the memory check
        euler(cfg);
        for (PopulationConfig pc : cfg.populations()) {
            if (sizes.containsKey(pc.name())) {
                throw new ConfigException("populations: duplicate or reserved name '" + pc.name() + "'");
            }
            long size = pc.size();
            if (pc.sizeOf() != null) {
                Long other = sizes.get(pc.sizeOf());
                if (other == null) {
                    throw new ConfigException("populations." + pc.name() + ".size_of: no earlier population named '" + pc.sizeOf() + "'");
                }
                size = other;
            }
            if (size <= 0) {
                throw emptyPopulation(pc.name(), size);
            }
            switch (pc.model()) {
                case CURRENT_LIF -> withParams(CurrentLifParameters.PAPER, pc);
                case CONDUCTANCE_LIF -> withParams(conductanceDefaults(pc), pc);
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
                    plasticity = rule(pc, cfg.simulation().dtMs(), where);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(where + ".plasticity: " + e.getMessage());
                }
                // before any data loads: a rule paper-code's stream modes cannot feed (a rule of one's own, too)
                StreamStarts.checkRule(pc.name(), pc.pre().equals("input"), plasticity, cfg.simulation(), cfg.sleep(),
                        cfg.simulation().streamStart() == StreamStart.CARRIED_V_ZERO);
                if (pc.plasticity() instanceof TripletConfig && negativeWeights(pc)) {
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

    /** {@link #delaySteps} of {@code where.field}, refused when a presentation from rest would end before it. */
    private static int presentableDelaySteps(StdpRunConfig cfg, String where, String field, double ms) {
        int steps = delaySteps(ms, cfg.simulation().dtMs(), cfg.simulation().stepsPerImage(), where + "." + field);
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
     * {@code delay_ms} in steps of {@code dtMs}: a delay line holds whole steps, so a delay that is not a whole number of
     * them (to 10⁻⁹ of a step), or is under one step, is refused rather than rounded. The message names the whole
     * numbers allowed: 1 to one step under a presentation of {@code stepsPerImage} (and at most
     * {@link #MAX_DELAY_STEPS}); a whole number of steps past them is refused by the caller, with the presentation.
     */
    static int delaySteps(double delayMs, double dtMs, int stepsPerImage, String field) {
        double steps = delayMs / dtMs;
        long whole = Math.round(steps);
        long most = Math.max(1, Math.min(MAX_DELAY_STEPS, stepsPerImage - 1L));
        if (whole < 1 || Math.abs(steps - whole) > 1e-9 * Math.max(1, steps) || whole > MAX_DELAY_STEPS) {
            long below = Math.max(1, Math.min((long) Math.floor(steps), most - 1));
            throw new ConfigException(String.format(Locale.ROOT, "%s: %s ms is %s steps of "
                    + "simulation.dt_ms = %s ms; a delay is a whole number of steps from 1 to %d (e.g. %s or %s ms)",
                    field, NumberText.of(delayMs), NumberText.of(steps), NumberText.of(dtMs), most,
                    NumberText.of(below * dtMs), NumberText.of(Math.min(below + 1, most) * dtMs)));
        }
        return (int) whole;
    }

    /** The longest delay line, in steps: its ring holds every presynaptic spike of that many steps. */
    static final int MAX_DELAY_STEPS = 100_000;

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

    private static boolean euler(StdpRunConfig cfg) {
        return cfg.simulation().integration() == MembraneIntegration.EULER;
    }

    /** How the current-LIF populations step: {@code simulation.integration} and {@code simulation.spike_test}. */
    static CurrentLifScheme currentLifScheme(StdpRunConfig cfg) {
        return new CurrentLifScheme(euler(cfg), cfg.simulation().spikeTest() == SpikeTest.ABOVE_PREVIOUS_CLIPPED);
    }

    /** {@code pc}, once checked that the spike test is one the conductance-based neuron has. */
    private static PopulationConfig conductanceSpikeTest(StdpRunConfig cfg, PopulationConfig pc) {
        if (cfg.simulation().spikeTest() != SpikeTest.AT_OR_ABOVE) {
            throw new ConfigException("simulation.spike_test: " + Choices.of(cfg.simulation().spikeTest())
                    + " is the current LIF's (the authors' code); population " + pc.name()
                    + " is conductance_lif, which fires at V >= θ only (use at_or_above)");
        }
        return pc;
    }

    private static Plasticity rule(ProjectionConfig pc, double dt, String where) {
        PlasticityConfig c = pc.plasticity();
        if (c instanceof ClassRuleConfig own) {
            return ClassRules.build(own, dt, where + ".plasticity");
        }
        Receptor receptor = pc.receptor();
        boolean negativeWeights = negativeWeights(pc);
        if (c instanceof NearestPairConfig n) {
            return new NearestPairStdp(n.eta(), n.aPlus(), n.aMinus(), n.tauPlusMs(), n.tauMinusMs(),
                    sign(n.sign(), receptor, negativeWeights), dt);
        }
        if (c instanceof AllToAllConfig a) {
            return new AllToAllStdp(a.eta(), a.aPlus(), a.aMinus(), a.tauPlusMs(), a.tauMinusMs(),
                    sign(a.sign(), receptor, negativeWeights),
                    a.weightDependence() == null ? WeightDependence.ADDITIVE : a.weightDependence(), dt);
        }
        if (c instanceof SinceLastSpikeConfig s) {
            return new SinceLastSpikeStdp(s.learningRate(), s.tauLtpMs(), s.tauLtdMs(),
                    sign(StdpSign.AUTO, receptor, negativeWeights), dt);
        }
        TripletConfig t = (TripletConfig) c; // PlasticityConfig permits these five
        return new TripletStdp(t.nuPre(), t.nuPost(), t.tauPreMs(), t.tauPost1Ms(), t.tauPost2Ms(), dt,
                t.traces() == TraceIntegration.EULER);
    }

    /** Weights at or below 0: an inhibitory projection onto current-based neurons, whose receptors add into one current. */
    private static boolean negativeWeights(ProjectionConfig pc) {
        return pc.weight() < 0 || pc.wMax() != null && pc.wMax() <= 0;
    }

    /**
     * The rule's sign: {@code auto} is −1 for an inhibitory projection of negative weights (current-based, as the
     * paper's), whose magnitude then grows under causal pairing, and +1 otherwise (excitatory, or inhibitory
     * conductances, which are positive): causal pairing strengthens a synapse either way.
     */
    private static int sign(StdpSign sign, Receptor receptor, boolean negativeWeights) {
        return switch (sign == null ? StdpSign.AUTO : sign) {
            case AUTO -> receptor == Receptor.INHIBITORY && negativeWeights ? -1 : 1;
            case PLUS -> 1;
            case MINUS -> -1;
        };
    }

    static ConductanceLifParameters conductanceDefaults(PopulationConfig pc) {
        NeuronDefaults d = pc.defaults() == null ? NeuronDefaults.DIEHL_COOK_E : pc.defaults();
        return switch (d) {
            case DIEHL_COOK_E -> ConductanceLifParameters.DIEHL_COOK_EXCITATORY;
            case DIEHL_COOK_I -> ConductanceLifParameters.DIEHL_COOK_INHIBITORY;
            case PAPER -> throw new ConfigException("populations." + pc.name() + ".defaults: 'paper'; conductance_lif has "
                    + "diehl_cook_e or diehl_cook_i");
        };
    }

    /** The defaults record with the configured {@code params} replaced, by record component name (snake_case). */
    static <R extends Record> R withParams(R defaults, PopulationConfig pc) {
        Map<String, Object> params = pc.params() == null ? Map.of() : pc.params();
        RecordComponent[] comps = defaults.getClass().getRecordComponents();
        Object[] values = new Object[comps.length];
        Class<?>[] types = new Class<?>[comps.length];
        List<String> known = new ArrayList<>();
        try {
            for (int k = 0; k < comps.length; k++) {
                String snake = snake(comps[k].getName());
                known.add(snake);
                values[k] = params.containsKey(snake) ? params.get(snake) : comps[k].getAccessor().invoke(defaults);
                types[k] = comps[k].getType();
            }
            for (String key : params.keySet()) {
                if (!known.contains(key)) {
                    throw new ConfigException("populations." + pc.name() + ".params." + key + " is not a parameter of "
                            + Choices.of(pc.model()) + "; allowed: " + known);
                }
            }
            @SuppressWarnings("unchecked")
            R r = (R) defaults.getClass().getDeclaredConstructor(types).newInstance(values);
            return r;
        } catch (InvocationTargetException e) {
            throw new ConfigException("populations." + pc.name() + ".params: " + e.getCause().getMessage());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }

    /**
     * A population of no neurons, in the words of the other range errors ("field = value: why; allowed: …"), so that
     * train names the option that set it (--excitatory 0).
     */
    private static ConfigException emptyPopulation(String name, long size) {
        return new ConfigException("populations." + name + ".size = " + size + ": out of range; allowed: "
                + FieldDomains.domain("populations.*.size").allowed());
    }
}
