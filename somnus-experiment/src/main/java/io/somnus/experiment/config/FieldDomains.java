package io.somnus.experiment.config;

import static io.somnus.experiment.config.FieldDomain.bool;
import static io.somnus.experiment.config.FieldDomain.enumText;
import static io.somnus.experiment.config.FieldDomain.int32;
import static io.somnus.experiment.config.FieldDomain.integer;
import static io.somnus.experiment.config.FieldDomain.openSection;
import static io.somnus.experiment.config.FieldDomain.real;
import static io.somnus.experiment.config.FieldDomain.realIn;
import static io.somnus.experiment.config.FieldDomain.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.data.ResizeFilter;
import io.somnus.experiment.config.FieldDomain.Kind;
import io.somnus.plasticity.WeightDependence;
import io.somnus.sg.SgInputEncoding;
import io.somnus.sg.SgLoss;
import io.somnus.sg.SgSleepSchedule;
import io.somnus.sg.SgSurrogate;
import io.somnus.sleep.DecayTarget;
import io.somnus.sleep.SleepSettings;
import io.somnus.synapse.Receptor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The declared domain of every configuration field — its type, whether it must be an integer, its range, its
 * choices — in one place, checked on the resolved configuration tree before it is bound (presets, YAML files,
 * {@code --set} overrides and sweep files alike). Every real-valued field must be finite: NaN and ±Infinity
 * never reach a simulation. Cross-field rules (readout.main among readout.readouts, w_min ≤ w_max, …) stay in
 * {@link Validation} and the model factories.
 *
 * <p>Which fields a section has depends on the {@code model} (a field of the STDP-SNN is unknown in an SG-SNN
 * configuration and the reverse) and, in a plasticity section, on its {@code rule}: the fields of each variant are
 * declared {@code within} it, and the sections bind to the matching records ({@link StdpRunConfig},
 * {@link SgRunConfig}, {@link NearestPairConfig}, {@link TripletConfig}); docs/configuration.md says how to add a field.
 *
 * <p>Paths use {@code *} for an item of the {@code populations} and {@code projections} lists; messages name
 * the item as the user addresses it ({@code projections.input_e.weight}).
 *
 * <p>One field's domain and its words are a {@link FieldDomain}; {@link FieldDomainCheck} walks a tree against these,
 * and {@link FieldOwners} says whose a field of another model or rule is.
 */
public final class FieldDomains {
    static final Map<String, FieldDomain> FIELDS = new LinkedHashMap<>();
    /**
     * The variant a field belongs to, where it does not belong to every configuration: the discriminator field
     * (a schema path) and its value, e.g. {@code model = sg} or {@code projections.*.plasticity.rule = triplet}.
     */
    static final Map<String, List<Variant>> WHEN = new LinkedHashMap<>();
    /** Fields whose value picks which other fields a section has (and the record it binds to). */
    static final List<String> DISCRIMINATORS = List.of("model", "populations.*.model", "projections.*.plasticity.rule");
    /** Sections (objects) that may be null. */
    static final Set<String> NULLABLE_SECTIONS = Set.of("projections.*.plasticity");
    /** Sections whose keys are checked by the model they configure (neuron parameters, by NetworkFactory). */
    static final Set<String> OPEN_SECTIONS = Set.of("populations.*.params");
    /** Lists whose items are sections addressed by their {@code name}. */
    static final Set<String> ITEM_LISTS = Set.of("populations", "projections");

    /** Discriminator values: a field declared under them exists only where {@code path} has one of {@code values}. */
    record Variant(String path, List<String> values) {
        /** In words, as messages and docs/fields.md name it: "model stdp", "rule nearest_pair or all_to_all". */
        String words() {
            return path.substring(path.lastIndexOf('.') + 1) + " " + String.join(" or ", values);
        }

        boolean admits(String value) {
            return values.contains(value);
        }
    }

    /** The variants fields declared now belong to ({@link #within}). */
    private static List<Variant> scope = List.of();

    static {
        // ---------------------------------------------------------------- every model
        enumField("model", ModelKind.class);
        textField("preset");
        put("description", text().orNull().optionalField());
        // set by a changes file (preset: paper plus edits), whose runs are named after the file: the preset it changed;
        // a run's config.yaml holds it, so a whole configuration copied from one may too (RECORDED)
        put("base_preset", new FieldDomain(Kind.TEXT, 0, 0, 0, false, 0, false, Configs.PRESETS, false, false, true, "")
                .further("recorded from a changes file's preset, not written by hand").orNull());
        put("seed", integer(Long.MIN_VALUE, Long.MAX_VALUE));

        textField("dataset.name");
        put("dataset.dir", text().orNull());
        put("dataset.resize", int32(0));
        enumField("dataset.resize_filter", ResizeFilter.class);
        put("dataset.normalise_sum", real(0, false));
        enumField("dataset.sampling", DataSampling.class);
        put("dataset.allow_unverified", bool().optionalField());

        put("train.images", int32(1));
        put("train.epochs", int32(1));
        put("train.validation_images", int32(1));
        put("train.test_images", int32(1));

        // [0, 1): a fraction; up to 1 as the authors' ratio of wake (sleep.episode: ratio_of_wake, checked there)
        put("sleep.fraction", realIn(0, false, 1, false)
                .further("below 1 for the STDP-SNN unless sleep.episode is ratio_of_wake"));

        // both models; optional: absent is protocol standard, and protocol continual without a continual section
        // takes the STDP presets' (Configs.resolveTree), so that an SG-SNN configuration need not write them
        put("protocol", enumText(Protocol.class).optionalField());
        put("continual.tasks", int32(2).optionalField()); // one task has nothing to forget
        put("continual.classes_per_task", int32(1).optionalField());

        // ---------------------------------------------------------------- the STDP-SNN (StdpRunConfig)
        within("model", ModelKind.STDP, () -> {
            put("train.readout_images", int32(0));
            put("train.checkpoints", int32(1));
            put("train.plasticity", bool());
            put("train.eval_threads", int32(0));
            put("train.initial_weights", enumText(InitialWeights.class).optionalField());
            put("train.checkpoint_spikes", enumText(CheckpointSpikes.class).optionalField());

            put("simulation.dt_ms", real(0, true));
            put("simulation.steps_per_image", int32(1));
            put("simulation.integration", enumText(MembraneIntegration.class).orNull());
            put("simulation.reset_every_images", int32(0));
            enumField("simulation.spike_test", SpikeTest.class);
            put("simulation.wake_noise_std_mv", real(0, false));
            enumField("simulation.stream_start", StreamStart.class);
            enumField("simulation.stream_start_last_step", LastStepSpikes.class);
            enumField("simulation.stream_start_threshold", StreamStartThreshold.class);
            enumField("simulation.stream_first_step", StreamFirstStep.class);
            enumField("simulation.input_only_step", InputOnlyStep.class);

            enumField("encoding.kind", EncodingKind.class);
            put("encoding.max_rate_hz", real(0, false));
            put("encoding.intensity", real(0, false));
            put("encoding.min_spikes", int32(0));
            put("encoding.intensity_step", real(0, false));
            put("encoding.max_presentations", int32(1));
            put("encoding.latency_threshold", realIn(0, false, 1, false));

            textField("populations.*.name");
            enumField("populations.*.model", NeuronModel.class);
            // 0 only where size_of gives the size (NetworkFactory refuses an empty population by this domain's words)
            put("populations.*.size", int32(0).further("at least 1 unless size_of names the population whose size it "
                    + "takes"));
            put("populations.*.size_of", text().orNull());
            // the built-in models' parameters, or a neuron class's own (model: class), as a rule's
            within("populations.*.model", List.of(NeuronModel.CURRENT_LIF, NeuronModel.CONDUCTANCE_LIF), () -> {
                put("populations.*.defaults", enumText(NeuronDefaults.class).orNull());
                // neuron parameters: the union of the models' fields; which belong to which model is the model's to say
                // resistance: the current LIF divides by none, but R = 0 leaves V at rest whatever the input (and its
                // parameters record refuses it), so it is refused here in the form of every range
                for (String p : List.of("tau_membrane_ms", "tau_synapse_ms", "tau_adaptation_ms", "tau_excitatory_ms",
                        "tau_inhibitory_ms", "tau_theta_ms", "resistance")) {
                    put("populations.*.params." + p, real(0, true).optionalField());
                }
                for (String p : List.of("refractory_ms", "synaptic_gain")) {
                    put("populations.*.params." + p, real(0, false).optionalField());
                }
                for (String p : List.of("v_rest_mv", "v_reset_mv", "v_threshold_mv", "v_min_mv", "v_max_mv",
                        "adaptation_mv", "threshold_offset_mv", "e_excitatory_mv", "e_inhibitory_mv", "theta_plus_mv",
                        "theta_initial_mv")) {
                    put("populations.*.params." + p, real().optionalField());
                }
            });
            // a researcher's own neuron: its class checks its parameters (stdp/ClassNeurons names the field it refuses)
            within("populations.*.model", NeuronModel.CLASS, () -> {
                put("populations.*.class_name", text()
                        .further("a class on the class path extending io.somnus.neuron.Population"));
                put("populations.*.params", openSection());
            });

            textField("projections.*.name");
            textField("projections.*.pre");
            textField("projections.*.post");
            enumField("projections.*.receptor", Receptor.class);
            enumField("projections.*.connector", ConnectorKind.class);
            put("projections.*.p", realIn(0, false, 1, false));
            enumField("projections.*.init", WeightInit.class);
            put("projections.*.weight", real());
            put("projections.*.weight_low", real());
            put("projections.*.w_min", real().orNull());
            put("projections.*.w_max", real().orNull());
            put("projections.*.normalise", real(0, false));
            put("projections.*.drop_reciprocal_of", text().orNull());
            put("projections.*.delay_ms", real(0, true)
                    .further("a whole number of steps of simulation.dt_ms, shorter than a presentation").orNull()
                    .optionalField()); // null or absent: no delay beyond the step
            put("projections.*.delay_max_ms", real(0, true)
                    .further("a whole number of steps of simulation.dt_ms, at least delay_ms, shorter than a presentation")
                    .orNull().optionalField()); // null or absent: one delay for all synapses
            // a section of the rule's own fields (NearestPairConfig, TripletConfig, ...), or null for a static projection
            enumField("projections.*.plasticity.rule", PlasticityRule.class);
            // the pair rules share their fields, so that a configuration switches pairing by its rule alone
            within("projections.*.plasticity.rule", List.of(PlasticityRule.NEAREST_PAIR, PlasticityRule.ALL_TO_ALL), () -> {
                put("projections.*.plasticity.eta", real(0, false));
                put("projections.*.plasticity.a_plus", real(0, false));
                put("projections.*.plasticity.a_minus", real(0, false));
                put("projections.*.plasticity.tau_plus_ms", real(0, true));
                put("projections.*.plasticity.tau_minus_ms", real(0, true));
                put("projections.*.plasticity.sign", enumText(StdpSign.class).orNull().optionalField()); // absent: auto
            });
            within("projections.*.plasticity.rule", List.of(PlasticityRule.ALL_TO_ALL), () ->
                    put("projections.*.plasticity.weight_dependence",
                            enumText(WeightDependence.class).orNull().optionalField()));
            within("projections.*.plasticity.rule", PlasticityRule.TRIPLET, () -> {
                put("projections.*.plasticity.nu_pre", real(0, false));
                put("projections.*.plasticity.nu_post", real(0, false));
                put("projections.*.plasticity.tau_pre_ms", real(0, true));
                put("projections.*.plasticity.tau_post1_ms", real(0, true));
                put("projections.*.plasticity.tau_post2_ms", real(0, true));
                put("projections.*.plasticity.traces", enumText(TraceIntegration.class).orNull());
            });
            within("projections.*.plasticity.rule", PlasticityRule.SINCE_LAST_SPIKE, () -> {
                put("projections.*.plasticity.learning_rate", real(0, false));
                put("projections.*.plasticity.tau_ltp_ms", real(0, true));
                put("projections.*.plasticity.tau_ltd_ms", real(0, true));
            });
            // a researcher's own rule: its class checks its parameters (stdp/ClassRules names the field it refuses)
            within("projections.*.plasticity.rule", PlasticityRule.CLASS, () -> {
                put("projections.*.plasticity.class_name", text()
                        .further("a class on the class path implementing io.somnus.synapse.Plasticity"));
                put("projections.*.plasticity.params", openSection());
            });

            put("readout.population", text().further("the name of a population, or input (the input spikes "
                    + "themselves: the baseline of what the layers add)"));
            enumField("readout.main", ReadoutKind.class);
            put("readout.readouts", enumText(ReadoutKind.class).asList());
            put("readout.pca_variance", realIn(0, true, 1, false));
            enumField("readout.source", ReadoutSource.class);
            enumField("readout.validation_stream", ValidationStream.class);
            put("readout.phi", enumText(PhiDefinition.class).asList());

            put("sleep.wake_steps", integer(1, Long.MAX_VALUE));
            enumField("sleep.budget", SleepBudget.class);
            enumField("sleep.law", SleepLaw.class);
            put("sleep.lambda", realIn(0, true, 1, false));
            put("sleep.tau_sleep_ms", real(0, true));
            put("sleep.weight_noise", real(0, false));
            enumField("sleep.target", DecayTarget.class);
            put("sleep.target_magnitude", real(0, true));
            put("sleep.noise_std_mv", real(0, false));
            put("sleep.input_rate_hz", real(0, false));
            put("sleep.plasticity", bool());
            put("sleep.projections", new FieldDomain(Kind.TEXT_LIST, 0, 0, 0, false, 0, false, List.of(), false, true, false,
                    ""));
            put("sleep.decay_every_steps", int32(1));
            put("sleep.early_end_tolerance", real(0, false));
            put("sleep.trace_every_steps", int32(1));
            enumField("sleep.episode", SleepEpisode.class);
            put("sleep.max_episode_steps", integer(0, Long.MAX_VALUE));
            enumField("sleep.early_end", SleepSettings.EarlyEnd.class);
            put("sleep.keep_state", bool());
            enumField("sleep.wake_clock", WakeClock.class);
            enumField("sleep.last_wake_input", LastStepSpikes.class);
            enumField("sleep.delivery", SleepDelivery.class);
        });

        // ---------------------------------------------------------------- the SG-SNN (SgRunConfig, SgSection)
        within("model", ModelKind.SG, () -> {
            put("sg.hidden", int32(1));
            put("sg.depth", int32(1));
            put("sg.recurrent", bool());
            put("sg.beta", realIn(0, false, 1, false));
            put("sg.threshold", real(0, true));
            put("sg.detach_reset", bool());
            put("sg.steps", int32(1));
            put("sg.dt_ms", real(0, true));
            put("sg.encoding", enumText(SgInputEncoding.class).ignoringCase());
            put("sg.poisson_rate_hz", real(0, false));
            put("sg.surrogate", enumText(SgSurrogate.class).ignoringCase());
            put("sg.surrogate_slope", real(0, true));
            put("sg.loss", enumText(SgLoss.class).ignoringCase());
            put("sg.learning_rate", real(0, true));
            put("sg.adam_beta1", realIn(0, false, 1, true));
            put("sg.adam_beta2", realIn(0, false, 1, true));
            put("sg.adam_epsilon", real(0, true));
            put("sg.batch_size", int32(1));
            put("sg.drop_last", bool());
            put("sg.epochs", int32(1).optionalField()); // absent: train.epochs
            put("sg.sleep_schedule", enumText(SgSleepSchedule.class).ignoringCase());
            put("sg.sleep.iterations", int32(1));
            put("sg.sleep.steps_per_iteration", int32(1));
            put("sg.sleep.batch_copies", int32(1));
            put("sg.sleep.membrane_noise", real(0, false));
            put("sg.sleep.a_plus", real(0, false));
            put("sg.sleep.a_minus", real(0, false));
            put("sg.sleep.tau_ms", real(0, true));
            put("sg.sleep.learning_rate", real(0, false));
            put("sg.sleep.target", real(0, true));
            put("sg.sleep.lambda", realIn(0, true, 1, false));
        });
    }

    private FieldDomains() { }

    /** Every declared field path (with {@code *} for list items) of every model, in declaration order. */
    public static Set<String> paths() {
        return Collections.unmodifiableSet(FIELDS.keySet());
    }

    /** The declared field paths of one model's configuration (and of every plasticity rule), in declaration order. */
    public static List<String> paths(ModelKind model) {
        List<String> out = new ArrayList<>();
        for (String p : FIELDS.keySet()) {
            if (WHEN.getOrDefault(p, List.of()).stream()
                    .allMatch(v -> !v.path().equals("model") || v.admits(Choices.of(model)))) {
                out.add(p);
            }
        }
        return out;
    }

    /** The domain of a field path (with {@code *} for list items), or null if none is declared. */
    public static FieldDomain domain(String path) {
        return FIELDS.get(path);
    }

    /**
     * Fields that Somnus records and a user does not write: {@code base_preset}, the bundled preset a changes file
     * changed (its {@code preset:}). A whole configuration may hold it (a run's config.yaml does), a changes file or
     * {@code --set} may not; the lists of allowed fields in an unknown field's error leave it out.
     */
    public static final List<String> RECORDED = List.of("base_preset");

    /** {@code fields} without the {@link #RECORDED} ones: the fields an error offers a user to write. */
    static List<String> writable(Collection<String> fields) {
        return fields.stream().filter(f -> !RECORDED.contains(f)).toList();
    }

    /**
     * A copy of a resolved configuration without the nulls of optional fields that may be null (e.g.
     * {@code projections.*.delay_max_ms}): for those, null and absent are the same setting, so two configurations
     * that differ only so are one run ({@code SweepPlanner}'s duplicate check); the configuration itself, and its
     * hash, keep what was written.
     */
    public static ObjectNode withoutOptionalNulls(ObjectNode tree) {
        ObjectNode copy = tree.deepCopy();
        dropOptionalNulls(copy, "");
        return copy;
    }

    private static void dropOptionalNulls(JsonNode node, String path) {
        if (node instanceof ObjectNode o) {
            List<String> drop = new ArrayList<>();
            o.fields().forEachRemaining(e -> {
                String field = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                FieldDomain d = FIELDS.get(field);
                if (e.getValue().isNull() && d != null && d.optional() && d.nullable()) {
                    drop.add(e.getKey());
                } else {
                    dropOptionalNulls(e.getValue(), field);
                }
            });
            o.remove(drop);
        } else if (node instanceof ArrayNode a) {
            a.forEach(item -> dropOptionalNulls(item, path + ".*"));
        }
    }

    /** Whether {@code schemaPath} (list items as {@code *}) is a declared optional field. */
    static boolean isOptionalField(String schemaPath) {
        FieldDomain d = FIELDS.get(schemaPath);
        return d != null && d.optional();
    }

    /**
     * Checks every field of a resolved configuration tree against its domain; integral numbers given as
     * decimals ({@code 1e4}) are rewritten as integers, and a number given for a choice ({@code sign: +1}) as its
     * text, so that the tree records what is used. Which fields a section has depends on the {@code model} (and, in a
     * plasticity section, the {@code rule}): a field of another model is refused by name.
     *
     * @throws ConfigException naming the first bad field (as the user addresses it), its value and what is allowed
     */
    public static void check(ObjectNode tree) {
        FieldDomainCheck.section(tree, "", "", Map.of());
    }

    /**
     * The direct children (fields or sections) of a schema path, in declaration order, as far as the discriminators'
     * values ({@code variants}) admit them.
     */
    static List<String> childrenOf(String schema, Map<String, String> variants) {
        String prefix = schema.isEmpty() ? "" : schema + ".";
        Set<String> out = new LinkedHashSet<>();
        for (String p : FIELDS.keySet()) {
            if (p.startsWith(prefix) && admitted(p, variants)) {
                String rest = p.substring(prefix.length());
                int dot = rest.indexOf('.');
                String child = dot < 0 ? rest : rest.substring(0, dot);
                if (!child.equals("*")) {
                    out.add(child); // a list's items are reached through ITEM_LISTS
                }
            }
        }
        return new ArrayList<>(out);
    }

    static boolean admitted(String path, Map<String, String> variants) {
        for (Variant v : WHEN.getOrDefault(path, List.of())) {
            if (!v.admits(variants.get(v.path()))) {
                return false;
            }
        }
        return true;
    }

    static String join(String a, String b) {
        return a.isEmpty() ? b : a + "." + b;
    }

    // ------------------------------------------------------------------ declaring domains

    private static void put(String path, FieldDomain d) {
        if (FIELDS.put(path, d) != null) {
            throw new IllegalStateException("declared twice: " + path);
        }
        if (!scope.isEmpty()) {
            WHEN.put(path, scope);
        }
    }

    /** Declares, in {@code declarations}, fields that exist only where the discriminator {@code path} is {@code value}. */
    private static void within(String path, Enum<?> value, Runnable declarations) {
        within(path, List.of(value), declarations);
    }

    /** As {@link #within(String, Enum, Runnable)}, for fields shared by several values of the discriminator. */
    private static void within(String path, List<? extends Enum<?>> values, Runnable declarations) {
        List<Variant> outer = scope;
        List<Variant> inner = new ArrayList<>(outer);
        inner.add(new Variant(path, values.stream().map(Choices::of).toList()));
        scope = List.copyOf(inner);
        try {
            declarations.run();
        } finally {
            scope = outer;
        }
    }

    private static void textField(String path) {
        put(path, text());
    }

    /** A field holding one constant of {@code type}, spelled as {@link Choices} says. */
    private static void enumField(String path, Class<? extends Enum<?>> type) {
        put(path, enumText(type));
    }
}
