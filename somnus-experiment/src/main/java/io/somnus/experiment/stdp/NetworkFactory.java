package io.somnus.experiment.stdp;

import io.somnus.core.NumberText;
import io.somnus.experiment.config.AllToAllConfig;
import io.somnus.experiment.config.Choices;
import io.somnus.experiment.config.ClassRuleConfig;
import io.somnus.experiment.config.ConfigException;
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
import io.somnus.experiment.config.TraceIntegration;
import io.somnus.experiment.config.TripletConfig;
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
import java.util.function.ToLongFunction;
import java.util.random.RandomGenerator;

/**
 * Builds a {@link Network} from a configuration: populations, connectors, initial weights, rules. {@link NetworkCheck}
 * checks the configuration first, without building it.
 */
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
        Map<String, Population> own = taken != null ? taken : NetworkCheck.check(cfg, inputs);
        double dt = cfg.simulation().dtMs();
        SpikeSource input = new SpikeSource("input", inputs);
        Map<String, Population> byName = new LinkedHashMap<>();
        byName.put("input", input);
        List<Population> pops = new ArrayList<>();
        pops.add(input);
        for (PopulationConfig pc : cfg.populations()) {
            int size = (int) size(pc, byName, Population::size);
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
        return new CheckedNetwork(cfg, inputs, NetworkCheck.check(cfg, inputs));
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

    static boolean euler(StdpRunConfig cfg) {
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

    static Plasticity rule(ProjectionConfig pc, double dt, String where) {
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
    static boolean negativeWeights(ProjectionConfig pc) {
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
     * The size of population {@code pc}: its own, or that of the earlier population its {@code size_of} names, among
     * {@code earlier} (by name, each sized by {@code sizeOf}).
     *
     * @throws ConfigException where its name is taken, {@code size_of} names no earlier population, or it is empty
     */
    static <T> long size(PopulationConfig pc, Map<String, T> earlier, ToLongFunction<T> sizeOf) {
        if (earlier.containsKey(pc.name())) {
            throw new ConfigException("populations: duplicate or reserved name '" + pc.name() + "'");
        }
        long size = pc.size();
        if (pc.sizeOf() != null) {
            T other = earlier.get(pc.sizeOf());
            if (other == null) {
                throw new ConfigException("populations." + pc.name() + ".size_of: no earlier population named '"
                        + pc.sizeOf() + "'");
            }
            size = sizeOf.applyAsLong(other);
        }
        if (size <= 0) {
            throw emptyPopulation(pc.name(), size);
        }
        return size;
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
