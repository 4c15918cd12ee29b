package io.somnus.experiment.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A projection's learning rule ({@code projections.*.plasticity}): the section's {@code rule} picks the record, and
 * the section holds that rule's fields only. A new rule is a constant of {@link PlasticityRule}, a record here (named
 * in {@code permits} and {@link JsonSubTypes}), its fields in {@link FieldDomains} and its case in
 * {@code stdp/NetworkFactory}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "rule")
@JsonSubTypes({
        @JsonSubTypes.Type(value = NearestPairConfig.class, name = "nearest_pair"),
        @JsonSubTypes.Type(value = TripletConfig.class, name = "triplet"),
        @JsonSubTypes.Type(value = SinceLastSpikeConfig.class, name = "since_last_spike"),
        @JsonSubTypes.Type(value = AllToAllConfig.class, name = "all_to_all"),
        @JsonSubTypes.Type(value = ClassRuleConfig.class, name = "class")})
public sealed interface PlasticityConfig permits NearestPairConfig, TripletConfig, SinceLastSpikeConfig, AllToAllConfig,
        ClassRuleConfig {
    /** The rule this section configures. */
    PlasticityRule rule();
}
