package io.somnus.experiment.config;

import com.fasterxml.jackson.annotation.JsonAlias;
import io.somnus.core.NumberText;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * One configuration field's domain: its kind, its range or choices, whether it may be null or left out, and what is
 * allowed in words ({@link #allowed()}) for errors and docs/fields.md. {@link FieldDomains} declares each field's.
 *
 * @param kind       the value's type
 * @param minInt     INTEGER: the smallest value allowed
 * @param maxInt     INTEGER: the largest value allowed
 * @param min        REAL: the lower bound ({@code -∞} for none)
 * @param minOpen    REAL: whether the lower bound itself is excluded
 * @param max        REAL: the upper bound ({@code +∞} for none)
 * @param maxOpen    REAL: whether the upper bound itself is excluded
 * @param choices    TEXT, TEXT_LIST: the values allowed (empty = any text)
 * @param ignoreCase whether choices match regardless of case (the SG enums)
 * @param nullable   whether {@code null} is allowed
 * @param optional   whether the field may be left out of its section
 * @param further    a condition checked where the field is used, in words ("" for none), e.g. that a delay is a
 *                   whole number of steps: it needs other fields, so {@code allowed()} only names it
 */
public record FieldDomain(Kind kind, long minInt, long maxInt, double min, boolean minOpen, double max, boolean maxOpen,
                          List<String> choices, boolean ignoreCase, boolean nullable, boolean optional,
                          String further) {
    /** What kind of value a field holds. */
    public enum Kind {
        /** a whole number, within {@code minInt … maxInt} */
        INTEGER,
        /** a real number, within {@code min … max} (each end open or closed) */
        REAL,
        /** {@code true} or {@code false} */
        BOOLEAN,
        /** a string, one of {@code choices} unless they are empty */
        TEXT,
        /** a list of strings, each one of {@code choices} unless they are empty */
        TEXT_LIST,
        /** a section of any fields, which the code that reads it checks (a rule class's {@code params}) */
        OPEN_SECTION
    }

    /** Copies the choices. */
    public FieldDomain {
        choices = List.copyOf(choices);
    }

    FieldDomain orNull() {
        return new FieldDomain(kind, minInt, maxInt, min, minOpen, max, maxOpen, choices, ignoreCase, true, optional,
                further);
    }

    FieldDomain ignoringCase() {
        return new FieldDomain(kind, minInt, maxInt, min, minOpen, max, maxOpen, choices, true, nullable, optional,
                further);
    }

    /** A list of values of this domain's choices. */
    FieldDomain asList() {
        return new FieldDomain(Kind.TEXT_LIST, minInt, maxInt, min, minOpen, max, maxOpen, choices, ignoreCase, nullable,
                optional, "");
    }

    FieldDomain further(String condition) {
        return new FieldDomain(kind, minInt, maxInt, min, minOpen, max, maxOpen, choices, ignoreCase, nullable, optional,
                condition);
    }

    FieldDomain optionalField() {
        return new FieldDomain(kind, minInt, maxInt, min, minOpen, max, maxOpen, choices, ignoreCase, nullable, true,
                further);
    }

    /**
     * What is allowed, in words: "an integer in [1, 100]", "an integer >= 1", "any integer", "a finite number > 0",
     * "one of a, b", with a further condition after a comma.
     */
    public String allowed() {
        String s = switch (kind) {
            case INTEGER -> integerRange();
            case REAL -> "a finite number" + realRange();
            case BOOLEAN -> "true or false";
            case TEXT -> choices.isEmpty() ? "text" : "one of " + String.join(", ", choices);
            case TEXT_LIST -> choices.isEmpty() ? "a list of names" : "a list of " + String.join(", ", choices);
            case OPEN_SECTION -> "a section of fields ({} for none)";
        };
        if (!further.isEmpty()) {
            s += ", " + further;
        }
        return nullable ? s + " (or null)" : s;
    }

    /**
     * An integer's range, an end that is its Java type's own ({@code int}'s or {@code long}'s least or greatest
     * value) left unsaid: it is no bound the field sets, and 9223372036854775807 read as one ("an integer >= 1").
     */
    private String integerRange() {
        boolean lo = ownMin();
        boolean hi = ownMax();
        if (lo && hi) {
            return "an integer in [" + minInt + ", " + maxInt + "]";
        }
        return lo ? "an integer >= " + minInt : hi ? "an integer <= " + maxInt : "any integer";
    }

    /** Whether the integer's least value is the field's own, not its type's. */
    private boolean ownMin() {
        return minInt != Long.MIN_VALUE && minInt != Integer.MIN_VALUE;
    }

    /** Whether the integer's greatest value is the field's own, not its type's. */
    private boolean ownMax() {
        return maxInt != Long.MAX_VALUE && maxInt != Integer.MAX_VALUE;
    }

    /**
     * Where integer {@code i} is out of range past an end that {@link #allowed()} leaves unsaid (its type's own),
     * that end in words, e.g. " (above 2147483647, the most it holds)"; "" otherwise. Without it, 99999999999
     * out of range of "an integer >= 1" read as if it were allowed.
     */
    String beyondType(BigInteger i) {
        if (!ownMax() && i.compareTo(BigInteger.valueOf(maxInt)) > 0) {
            return " (above " + maxInt + ", the most it holds)";
        }
        if (!ownMin() && i.compareTo(BigInteger.valueOf(minInt)) < 0) {
            return " (below " + minInt + ", the least it holds)";
        }
        return "";
    }

    private String realRange() {
        boolean lo = min != Double.NEGATIVE_INFINITY;
        boolean hi = max != Double.POSITIVE_INFINITY;
        if (lo && hi) {
            return " in " + (minOpen ? "(" : "[") + NumberText.of(min) + ", " + NumberText.of(max) + (maxOpen ? ")" : "]");
        }
        if (lo) {
            return (minOpen ? " > " : " >= ") + NumberText.of(min);
        }
        if (hi) {
            return (maxOpen ? " < " : " <= ") + NumberText.of(max);
        }
        return "";
    }

    // ------------------------------------------------------------------ the domains fields are declared with

    /** Any text. */
    static FieldDomain text() {
        return new FieldDomain(Kind.TEXT, 0, 0, 0, false, 0, false, List.of(), false, false, false, "");
    }

    /** The spellings of {@code type}'s constants and their {@link JsonAlias aliases}. */
    static FieldDomain enumText(Class<? extends Enum<?>> type) {
        List<String> accepted = new ArrayList<>();
        for (Enum<?> e : type.getEnumConstants()) {
            accepted.add(Choices.of(e));
            try {
                JsonAlias alias = type.getField(e.name()).getAnnotation(JsonAlias.class);
                if (alias != null) {
                    accepted.addAll(List.of(alias.value()));
                }
            } catch (NoSuchFieldException x) {
                throw new IllegalStateException(x);
            }
        }
        return new FieldDomain(Kind.TEXT, 0, 0, 0, false, 0, false, accepted, false, false, false, "");
    }

    /** A class's {@code params}: any fields, which the class checks. */
    static FieldDomain openSection() {
        return new FieldDomain(Kind.OPEN_SECTION, 0, 0, 0, false, 0, false, List.of(), false, false, false,
                "its fields those of the class's parameters");
    }

    /** True or false. */
    static FieldDomain bool() {
        return new FieldDomain(Kind.BOOLEAN, 0, 0, 0, false, 0, false, List.of(), false, false, false, "");
    }

    /** A whole number in [{@code min}, {@code max}]. */
    static FieldDomain integer(long min, long max) {
        return new FieldDomain(Kind.INTEGER, min, max, 0, false, 0, false, List.of(), false, false, false, "");
    }

    /** A Java int at least {@code min}. */
    static FieldDomain int32(long min) {
        return integer(min, Integer.MAX_VALUE);
    }

    /** Any finite number. */
    static FieldDomain real() {
        return realIn(Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false);
    }

    /** A finite number above {@code min} ({@code open}: not {@code min} itself). */
    static FieldDomain real(double min, boolean open) {
        return realIn(min, open, Double.POSITIVE_INFINITY, false);
    }

    /** A finite number between {@code min} and {@code max}, each end open or closed. */
    static FieldDomain realIn(double min, boolean minOpen, double max, boolean maxOpen) {
        return new FieldDomain(Kind.REAL, 0, 0, min, minOpen, max, maxOpen, List.of(), false, false, false, "");
    }
}
