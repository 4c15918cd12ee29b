package io.somnus.experiment.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A whole run's configuration, as written in a preset file (YAML, snake_case keys): one record per model, picked by
 * the {@code model} field, holding only the fields that model reads. Every field can be overridden with
 * {@code --set dotted.key=value}; list items with a {@code name} are addressed by it (e.g.
 * {@code projections.input_e.plasticity.eta}). The fields every model shares are the methods of this interface.
 *
 * <p>Code that depends on the model dispatches with {@link #match}, so that a new model (a constant of
 * {@link ModelKind}, a record in {@code permits} and {@link JsonSubTypes}, a method of {@link Cases}) does not compile
 * until every such place handles it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "model")
@JsonSubTypes({
        @JsonSubTypes.Type(value = StdpRunConfig.class, name = "stdp"),
        @JsonSubTypes.Type(value = SgRunConfig.class, name = "sg")})
public sealed interface RunConfig permits StdpRunConfig, SgRunConfig {
    /** What to do with each model's configuration. */
    interface Cases<T> {
        /** The case of an STDP-SNN configuration. */
        T stdp(StdpRunConfig c);

        /** The case of an SG-SNN configuration. */
        T sg(SgRunConfig c);
    }

    /** The model ({@code stdp} or {@code sg}). */
    ModelKind model();

    /** The preset this configuration came from. */
    String preset();

    /** One line on what the preset is (may be null). */
    String description();

    /**
     * The bundled preset a changes file changed ({@code preset: paper} plus edits; {@link #preset()} is then the
     * file's name); null for a bundled preset or a whole configuration of one's own.
     */
    String basePreset();

    /** The run's seed; every random stream is split from it. */
    long seed();

    /** The {@code dataset} section: which dataset, its preprocessing and how its images are sampled. */
    DatasetConfig dataset();

    /** The {@code train} section: images per split and passes over the training images. */
    TrainConfig train();

    /** {@code protocol}: every class from the start, or classes task by task; {@code standard} where absent. */
    Protocol protocol();

    /**
     * {@code continual}: the tasks of the continual protocol; null where the configuration has no such section (then
     * its protocol is standard: {@link Configs#resolveTree} gives a continual protocol the section).
     */
    ContinualConfig continual();

    /** The tasks when the protocol is continual, else null. */
    default ContinualConfig continualTasks() {
        return protocol() == Protocol.CONTINUAL ? continual() : null;
    }

    /** The sleep fraction f ({@code sleep.fraction}); what it means is the model's ({@link SleepConfig}, {@link SgRunConfig}). */
    double sleepFraction();

    /** The case of {@code cases} for this configuration's model. */
    <T> T match(Cases<T> cases);
}
