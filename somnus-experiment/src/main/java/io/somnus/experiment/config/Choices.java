package io.somnus.experiment.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a configuration enum is spelled in YAML: a constant's {@link JsonProperty} (e.g. {@code pca-logistic},
 * {@code +1}), or else its name in lower case ({@code NEAREST_PAIR} is {@code nearest_pair}). The same spellings are
 * the choices {@link FieldDomains} allows and lists in its messages, and what the mapper binds.
 */
public final class Choices {
    private Choices() { }

    /** The spellings of every constant of {@code type}, in declaration order. */
    public static List<String> of(Class<? extends Enum<?>> type) {
        List<String> out = new ArrayList<>();
        for (Enum<?> e : type.getEnumConstants()) {
            out.add(of(e));
        }
        return out;
    }

    /** The spelling of one constant. */
    public static String of(Enum<?> value) {
        try {
            JsonProperty p = value.getDeclaringClass().getField(value.name()).getAnnotation(JsonProperty.class);
            return p != null ? p.value() : value.name().toLowerCase(Locale.ROOT);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }
}
