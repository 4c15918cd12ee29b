package io.somnus.experiment.io;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The project's two Jackson mappers, configured once: every JSON and YAML file Somnus reads or writes (configurations,
 * sweep files, summaries, ledgers, statistics) goes through one of them, so that they all follow the same rules.
 *
 * <ul>
 *   <li>snake_case property names, as every file is written ({@code train.validation_images} binds
 *       {@code validationImages});</li>
 *   <li>a property no record declares, and {@code null} for a primitive, are errors, not silently dropped;</li>
 *   <li>a key written twice in one object is an error, not "the last one wins";</li>
 *   <li>enum values match regardless of case (the declared spellings, e.g. {@code arctan} for
 *       {@link io.somnus.sg.SgSurrogate#ARCTAN}; the configuration's own exact-case rules are checked before binding,
 *       by {@link io.somnus.experiment.config.FieldDomains}).</li>
 * </ul>
 *
 * Both are thread-safe once built; never reconfigure them (build a copy with {@code rebuild()} where a file needs
 * other rules).
 */
public final class Mappers {
    /** JSON: summaries, provenance, timings, ledger settings, statistics. */
    public static final JsonMapper JSON = configure(JsonMapper.builder()).build();

    /** YAML: presets, configuration files, sweep files; written without the {@code ---} marker and quotes where possible. */
    public static final YAMLMapper YAML = configure(YAMLMapper.builder(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build())).build();

    private Mappers() { }

    private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B configure(B b) {
        return b.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                // an enum's ordinal is no way to name a value (YAML reads `sign: +1` as the number 1)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }
}
