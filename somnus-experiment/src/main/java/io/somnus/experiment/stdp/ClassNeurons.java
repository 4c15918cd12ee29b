package io.somnus.experiment.stdp;

import io.somnus.experiment.config.Choices;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.MembraneIntegration;
import io.somnus.experiment.config.NeuronModel;
import io.somnus.experiment.config.PopulationConfig;
import io.somnus.experiment.config.ProjectionConfig;
import io.somnus.experiment.config.SpikeTest;
import io.somnus.experiment.config.StdpRunConfig;
import io.somnus.experiment.config.StreamStart;
import io.somnus.experiment.config.ValidationStream;
import io.somnus.experiment.config.WeightInit;
import io.somnus.network.Network;
import io.somnus.neuron.Population;
import io.somnus.synapse.Receptor;
import java.io.DataInput;
import java.io.DataOutput;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a researcher's own neuron model from its configuration ({@code populations.*: {model: class, class_name,
 * params}}): loads {@code class_name} from the class path (the launcher adds {@code SOMNUS_CLASSPATH} to it), a public
 * non-abstract subclass of {@link Population}, and calls its one public constructor of three parameters,
 * {@code (String name, int size, P params)}: the population's name and size (after {@code size_of}) and the
 * section's {@code params} bound to {@code P} as a rule class's are ({@link UserClasses}: a record of the model's
 * parameters, or {@code Map<String, Object>}). The step reaches the model as the built-in ones get it: in
 * {@link Population#checkTimeStep} when the network is built, and in every {@link Population#integrate}, with the
 * run's noise stream (sleep's membrane noise, {@code simulation.wake_noise_std_mv}); a model that draws only from that
 * stream, and only when its σ is above 0, gives a seed the same numbers.
 */
public final class ClassNeurons {
    /** A neuron class: a {@link Population} built by {@code (String name, int size, PARAMS params)}. */
    private static final UserClasses.Kind NEURON = new UserClasses.Kind(Population.class, "neuron model", "neuron",
            "Your own neuron", List.of(String.class, int.class), List.of(), "(String name, int size, PARAMS params)");

    /** Why a neuron class keeps no resume snapshot. */
    static final String WITHOUT_SNAPSHOT = "keeps no resume snapshot (it does not override Population.writeState and "
            + "readState)";

    private ClassNeurons() { }

    /**
     * The population {@code pc} names, of {@code size} neurons, checked against the step {@code dtMs}.
     *
     * @throws ConfigException naming the field: the class not found (and where it was looked for), not a
     *                         {@link Population}, abstract, without the constructor, a parameter it refuses or a step
     *                         it cannot integrate ({@code populations.NAME.params}), or a population built with another
     *                         name or size than it was given
     */
    public static Population build(PopulationConfig pc, int size, double dtMs) {
        String where = "populations." + pc.name();
        Population p = (Population) UserClasses.build(NEURON, pc.className(), pc.params(), where,
                List.of(pc.name(), size), List.of());
        if (!p.name().equals(pc.name()) || p.size() != size) {
            throw new ConfigException(where + ".class_name = " + pc.className() + ": built population '" + p.name()
                    + "' of " + p.size() + " neurons when given '" + pc.name() + "' and " + size + "; its constructor "
                    + "passes the name and size it is given to Population's");
        }
        try {
            p.checkTimeStep(dtMs);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where + ".params: " + e.getMessage() + " (simulation.dt_ms = " + dtMs + " ms)");
        }
        return p;
    }

    /**
     * Refuses, before anything runs, the choices only the built-in neurons implement: the authors' spike test, their
     * carried batch start and carried validation stream (which set the current LIF's membrane, current and adaptation).
     *
     * @throws ConfigException naming the choice's field and the population
     */
    static void refuseBuiltInChoices(StdpRunConfig cfg, PopulationConfig pc) {
        String own = "population " + pc.name() + " is a neuron of one's own, " + pc.className();
        if (cfg.simulation().spikeTest() == SpikeTest.ABOVE_PREVIOUS_CLIPPED) {
            throw new ConfigException("simulation.spike_test: " + Choices.of(SpikeTest.ABOVE_PREVIOUS_CLIPPED)
                    + " is the current LIF's (the authors' code); " + own + ", which spikes by its own test (use "
                    + Choices.of(SpikeTest.AT_OR_ABOVE) + ")");
        }
        if (cfg.simulation().streamStart() == StreamStart.CARRIED_V_ZERO) {
            throw new ConfigException("simulation.stream_start: " + Choices.of(StreamStart.CARRIED_V_ZERO) + " is the "
                    + "authors' current-LIF batch start; " + own + " (use " + Choices.of(StreamStart.REST) + ")");
        }
        if (cfg.readout().validationStream() == ValidationStream.CARRIED) {
            throw new ConfigException("readout.validation_stream: " + Choices.of(ValidationStream.CARRIED) + " carries "
                    + "the current-LIF neurons' current and adaptation; " + own + " (use "
                    + Choices.of(ValidationStream.REST) + ")");
        }
    }

    /**
     * Refuses, before anything runs, {@code simulation.integration: euler} for a run whose every population (but the
     * input) is a neuron of one's own: that field chooses the built-in models' membrane update, and a class integrates
     * as it does, so it would change nothing the user asked for. {@code exponential} (the presets' but paper-code's) and
     * null say no more than the default. With a built-in population beside the class, the field is that one's.
     *
     * @throws ConfigException naming the field and the populations
     */
    static void refuseBuiltInIntegration(StdpRunConfig cfg) {
        if (cfg.simulation().integration() == MembraneIntegration.EULER) {
            List<String> names = cfg.populations().stream().map(PopulationConfig::name).toList();
            throw new ConfigException("simulation.integration: " + Choices.of(MembraneIntegration.EULER) + " chooses "
                    + "the built-in neurons' membrane update, and every population of this run, " + names + ", is a "
                    + "neuron of one's own, which integrates itself; it would change nothing (use "
                    + Choices.of(MembraneIntegration.EXPONENTIAL) + ")");
        }
    }

    /**
     * Refuses, before anything runs, an inhibitory projection {@code pc} whose positive weights would excite
     * {@code post}, a population of one's own whose receptors add into one current (as {@code Projection} refuses it
     * when the network is built); nothing for a built-in or absent {@code post}.
     *
     * @throws ConfigException naming the projection's weights
     */
    static void refuseExcitingInhibition(ProjectionConfig pc, Population post) {
        boolean uniform = pc.init() == WeightInit.UNIFORM;
        double high = uniform ? Math.max(pc.weightLow(), pc.weight()) : pc.weight();
        if (post != null && post.receptorsShareOneCurrent() && pc.receptor() == Receptor.INHIBITORY
                && high > 0 && (pc.wMax() == null || pc.wMax() > 0)) {
            throw new ConfigException("projections." + pc.name() + (uniform ? ".weight_low, weight" : ".weight")
                    + ": positive, but the projection is inhibitory onto population " + post.name() + ", "
                    + post.getClass().getName() + ", whose receptors add into one current (receptorsShareOneCurrent), "
                    + "where a positive weight would excite; allowed: weights <= 0 (and w_max <= 0)");
        }
    }

    /** Whether populations of {@code type} write and read their own state for a resume snapshot. */
    static boolean keepsResumeSnapshot(Class<?> type) {
        return UserClasses.overrides(type, Population.class, "writeState", DataOutput.class)
                && UserClasses.overrides(type, Population.class, "readState", DataInput.class);
    }

    /**
     * Why {@code net}, built from {@code cfg}, keeps no resume snapshot for its neurons: "the neuron model (CLASS) of
     * population NAME keeps no resume snapshot (...)" for the first population of model class whose class does not
     * write its own state; null when every one does.
     */
    static String populationWithoutSnapshot(StdpRunConfig cfg, Network net) {
        for (PopulationConfig pc : cfg.populations()) {
            if (pc.model() == NeuronModel.CLASS) {
                Class<?> type = net.population(pc.name()).getClass();
                if (!keepsResumeSnapshot(type)) {
                    return "the neuron model (" + type.getName() + ") of population " + pc.name() + " " + WITHOUT_SNAPSHOT;
                }
            }
        }
        return null;
    }

    /**
     * Refuses, before a resume looks for its snapshot, a run whose neuron of one's own keeps none (so that the run took
     * none), by the population and the class.
     *
     * @throws ConfigException naming the population's {@code class_name} and the class
     */
    public static void requireResumable(StdpRunConfig cfg) {
        for (PopulationConfig pc : cfg.populations()) {
            if (pc.model() == NeuronModel.CLASS) {
                String field = "populations." + pc.name() + ".class_name";
                Class<?> type = UserClasses.load(NEURON, pc.className(), field);
                if (!keepsResumeSnapshot(type)) {
                    throw new ConfigException("this run cannot go on from a resume snapshot: the neuron model of "
                            + "population " + pc.name() + ", " + type.getName() + " (" + field + "), " + WITHOUT_SNAPSHOT
                            + ", so the run took none; run it again");
                }
            }
        }
    }

    /**
     * The classes of the neuron models of one's own that {@code cfg} names, by class name, in the order of their
     * populations (each once): what a run loads, for its provenance.
     *
     * @throws ConfigException naming the population's {@code class_name}, for a class that cannot be loaded
     */
    public static Map<String, Class<?>> neuronClasses(StdpRunConfig cfg) {
        Map<String, Class<?>> out = new LinkedHashMap<>();
        for (PopulationConfig pc : cfg.populations()) {
            if (pc.model() == NeuronModel.CLASS && !out.containsKey(pc.className())) {
                String field = "populations." + pc.name() + ".class_name";
                out.put(pc.className(), UserClasses.load(NEURON, pc.className(), field));
            }
        }
        return out;
    }
}
