package io.somnus.experiment.stdp;

import io.somnus.experiment.config.ClassRuleConfig;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.ProjectionConfig;
import io.somnus.experiment.config.StdpRunConfig;
import io.somnus.synapse.Plasticity;
import io.somnus.synapse.Projection;
import java.io.DataOutput;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a researcher's own learning rule from its configuration ({@code rule: class}): loads {@code class_name} from
 * the class path (the launcher adds {@code SOMNUS_CLASSPATH} to it) and calls the class's one public constructor of
 * two parameters, {@code (P params, double dtMs)}: the section's {@code params} bound to {@code P} as every
 * configuration section is bound (a record of the rule's parameters, each component under its name with an
 * underscore before each capital, each one given and no other; or {@code Map<String, Object>} for the section as
 * written), and the run's {@code simulation.dt_ms}.
 * The constructor refuses a value by throwing {@link IllegalArgumentException}, whose message is shown with the field.
 * The rule gets no random generator: a rule that draws would make a seed give other numbers. Loading, checking and
 * binding are {@link UserClasses}', shared with {@link ClassNeurons}.
 */
public final class ClassRules {
    /** The system property the launcher sets to {@code SOMNUS_CLASSPATH}, so that a missing class names its entries. */
    static final String USER_CLASS_PATH = UserClasses.USER_CLASS_PATH;
    /** A rule class: a {@link Plasticity} built by {@code (PARAMS params, double dtMs)}. */
    private static final UserClasses.Kind RULE = new UserClasses.Kind(Plasticity.class, "learning rule", "rule",
            "Your own rule", List.of(), List.of(double.class), "(PARAMS params, double dtMs)");

    private ClassRules() { }

    /**
     * The rule {@code c} names, for a network stepping {@code dtMs}.
     *
     * @param where the plasticity section as the user addresses it, e.g. {@code projections.input_e.plasticity}
     * @throws ConfigException naming the field: the class not found (and where it was looked for), not a
     *                         {@link Plasticity}, without the constructor, or a parameter it refuses
     */
    public static Plasticity build(ClassRuleConfig c, double dtMs, String where) {
        return (Plasticity) UserClasses.build(RULE, c.className(), c.params(), where, List.of(), List.of(dtMs));
    }

    /** Whether rules of {@code type} write and read their state for a resume snapshot (override {@link Plasticity#writeState}). */
    static boolean keepsResumeSnapshot(Class<?> type) {
        return UserClasses.overrides(type, Plasticity.class, "writeState", Projection.class, DataOutput.class);
    }

    /**
     * Refuses, before a resume looks for its snapshot, a run whose rule of one's own keeps none (so that the run took
     * none): by the projection and the class, as {@link Plasticity#writeState} refuses.
     *
     * @throws ConfigException naming the projection's {@code class_name} and the class
     */
    public static void requireResumable(StdpRunConfig cfg) {
        for (ProjectionConfig pc : cfg.projections()) {
            if (pc.plasticity() instanceof ClassRuleConfig own) {
                String field = "projections." + pc.name() + ".plasticity.class_name";
                Class<?> type = UserClasses.load(RULE, own.className(), field);
                if (!keepsResumeSnapshot(type)) {
                    throw new ConfigException("this run cannot go on from a resume snapshot: the rule of projection "
                            + pc.name() + ", " + type.getName() + " (" + field + "), " + WITHOUT_SNAPSHOT
                            + ", so the run took none; run it again");
                }
            }
        }
    }

    /**
     * The classes of the rules of one's own that {@code cfg} names, by class name, in the order of their projections
     * (each once): what a run loads, for its provenance.
     *
     * @throws ConfigException naming the projection's {@code class_name}, for a class that cannot be loaded
     */
    public static Map<String, Class<?>> ruleClasses(StdpRunConfig cfg) {
        Map<String, Class<?>> out = new LinkedHashMap<>();
        for (ProjectionConfig pc : cfg.projections()) {
            if (pc.plasticity() instanceof ClassRuleConfig own && !out.containsKey(own.className())) {
                String field = "projections." + pc.name() + ".plasticity.class_name";
                out.put(own.className(), UserClasses.load(RULE, own.className(), field));
            }
        }
        return out;
    }

    /** Why a rule class keeps no resume snapshot, in the words of {@link Plasticity#writeState}'s refusal. */
    static final String WITHOUT_SNAPSHOT = "keeps no resume snapshot (it does not implement Plasticity.writeState and "
            + "readState)";
}
