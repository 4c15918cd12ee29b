package io.somnus.experiment.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.core.NumberText;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Walks a configuration tree against the domains {@link FieldDomains} declares: which fields each section has (by the
 * discriminators' values on the way down), and each value's type, range and choice. Messages name the field as the
 * user addresses it, the value and what is allowed.
 */
final class FieldDomainCheck {
    private FieldDomainCheck() { }

    /**
     * @param variants the discriminators' values on the way here (schema path → value)
     */
    static void section(ObjectNode node, String schema, String user, Map<String, String> variants) {
        Map<String, String> here = new LinkedHashMap<>(variants);
        for (String d : FieldDomains.DISCRIMINATORS) {
            int dot = d.lastIndexOf('.');
            if ((dot < 0 ? "" : d.substring(0, dot)).equals(schema)) {
                String key = d.substring(dot + 1);
                JsonNode v = node.get(key);
                if (v == null) {
                    throw new ConfigException("configuration field '" + FieldDomains.join(user, key) + "' is missing; allowed: "
                            + FieldDomains.FIELDS.get(d).allowed());
                }
                value(node, key, v, d, FieldDomains.join(user, key), here);
                here.put(d, node.get(key).asText());
            }
        }
        List<String> known = FieldDomains.childrenOf(schema, here);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            String childSchema = FieldDomains.join(schema, key);
            String childUser = FieldDomains.join(user, key);
            if (!known.contains(key)) {
                if (FieldDomains.OPEN_SECTIONS.contains(schema)) {
                    continue; // the neuron model names its own parameters (NetworkFactory)
                }
                throw new ConfigException("unknown configuration field '" + childUser + "'; allowed"
                        + (user.isEmpty() ? " at the top level" : " under " + user) + variantNote(schema, here) + ": "
                        + String.join(", ", schema.isEmpty() ? FieldDomains.writable(known) : known)
                        + FieldOwners.note(childSchema));
            }
            if (!FieldDomains.DISCRIMINATORS.contains(childSchema)) {
                value(node, key, e.getValue(), childSchema, childUser, here);
            }
        }
        if (!FieldDomains.OPEN_SECTIONS.contains(schema)) {
            for (String key : known) {
                String childSchema = FieldDomains.join(schema, key);
                FieldDomain d = declared(childSchema, here);
                if (!node.has(key) && !(d != null ? d.optional() : optionalSection(childSchema, here))) {
                    throw new ConfigException("configuration field '" + FieldDomains.join(user, key) + "' is missing"
                            + (d == null ? " (a section)" : "; allowed: " + d.allowed()));
                }
            }
        }
    }

    /**
     * The domain of the field at {@code schema} where the discriminators' values admit it, else null (a section): a path
     * may be a field in one variant and a section in another ({@code populations.*.params}, an open section for model
     * class, the built-in models' numbers otherwise).
     */
    private static FieldDomain declared(String schema, Map<String, String> variants) {
        return FieldDomains.admitted(schema, variants) ? FieldDomains.FIELDS.get(schema) : null;
    }

    /** Whether a section may be left out: every field its configuration declares in it is optional ({@code continual}). */
    private static boolean optionalSection(String schema, Map<String, String> variants) {
        List<String> children = FieldDomains.childrenOf(schema, variants);
        for (String child : children) {
            FieldDomain d = declared(FieldDomains.join(schema, child), variants);
            if (d == null ? !optionalSection(FieldDomains.join(schema, child), variants) : !d.optional()) {
                return false;
            }
        }
        return !children.isEmpty();
    }

    /** " for model sg" where the fields a section allows depend on a discriminator's value; "" otherwise. */
    private static String variantNote(String schema, Map<String, String> variants) {
        String prefix = schema.isEmpty() ? "" : schema + ".";
        Set<String> deciding = new LinkedHashSet<>();
        for (Map.Entry<String, List<FieldDomains.Variant>> e : FieldDomains.WHEN.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                e.getValue().forEach(v -> deciding.add(v.path()));
            }
        }
        List<String> notes = new ArrayList<>();
        for (String d : deciding) {
            if (variants.containsKey(d)) {
                notes.add(d.substring(d.lastIndexOf('.') + 1) + " " + variants.get(d));
            }
        }
        return notes.isEmpty() ? "" : " for " + String.join(", ", notes);
    }

    private static void value(ObjectNode parent, String key, JsonNode v, String schema, String user,
                              Map<String, String> variants) {
        FieldDomain d = declared(schema, variants);
        if (d != null) {
            JsonNode fixed = leaf(v, d, user);
            if (fixed != v) {
                parent.set(key, fixed);
            }
            return;
        }
        // a section or a list of sections
        if (FieldDomains.ITEM_LISTS.contains(schema)) {
            if (!(v instanceof ArrayNode a)) {
                throw new ConfigException("configuration field '" + user + "' must be a list of sections (each with a name), got "
                        + shown(v));
            }
            for (int i = 0; i < a.size(); i++) {
                JsonNode item = a.get(i);
                String name = item.hasNonNull("name") ? item.get("name").asText() : Integer.toString(i);
                if (!(item instanceof ObjectNode o)) {
                    throw new ConfigException("configuration field '" + user + "." + name + "' must be a section of fields, got "
                            + shown(item));
                }
                section(o, schema + ".*", user + "." + name, variants);
            }
            return;
        }
        if (v == null || v.isNull()) {
            if (FieldDomains.NULLABLE_SECTIONS.contains(schema)) {
                return;
            }
            throw new ConfigException("configuration field '" + user + "' is a section and cannot be null; its fields: "
                    + String.join(", ", FieldDomains.childrenOf(schema, variants)));
        }
        if (!(v instanceof ObjectNode o)) {
            throw new ConfigException("configuration field '" + user + "' is a section with fields "
                    + String.join(", ", FieldDomains.childrenOf(schema, variants)) + ", not a value (got " + shown(v) + ")");
        }
        section(o, schema, user, variants);
    }

    /** The checked value: {@code v} itself, or an integer node where an integral decimal was given. */
    private static JsonNode leaf(JsonNode v, FieldDomain d, String field) {
        if (v == null || v.isNull()) {
            if (d.nullable()) {
                return v;
            }
            throw bad(field, "null", "no value", d);
        }
        switch (d.kind()) {
            case BOOLEAN -> {
                if (!v.isBoolean()) {
                    throw bad(field, shown(v), "not true or false", d);
                }
                return v;
            }
            case TEXT -> {
                if (!v.isValueNode()) {
                    throw bad(field, shown(v), "not a single value", d);
                }
                checkChoice(field, v.asText(), d);
                // a choice that YAML read as a number (sign: +1) binds by its text
                return v.isTextual() || d.choices().isEmpty() ? v : JsonNodeFactory.instance.textNode(v.asText());
            }
            case OPEN_SECTION -> {
                if (!v.isObject()) {
                    throw bad(field, shown(v), "not a section of fields", d);
                }
                return v;
            }
            case TEXT_LIST -> {
                if (!v.isArray()) {
                    throw bad(field, shown(v), "not a list", d);
                }
                for (JsonNode item : v) {
                    if (!item.isValueNode() || item.isNull()) {
                        throw bad(field, shown(v), "holds " + shown(item), d);
                    }
                    checkChoice(field, item.asText(), d);
                }
                return v;
            }
            case INTEGER -> {
                BigDecimal n = number(v);
                if (n == null) {
                    throw bad(field, shown(v), isNonFinite(v) ? "not a finite number" : "not an integer", d);
                }
                BigInteger i;
                try {
                    i = n.toBigIntegerExact();
                } catch (ArithmeticException e) {
                    throw bad(field, shown(v), "not an integer", d);
                }
                if (i.compareTo(BigInteger.valueOf(d.minInt())) < 0 || i.compareTo(BigInteger.valueOf(d.maxInt())) > 0) {
                    throw bad(field, i.toString(), "out of range" + d.beyondType(i), d);
                }
                return v.isIntegralNumber() ? v : JsonNodeFactory.instance.numberNode(i.longValueExact());
            }
            case REAL -> {
                if (isNonFinite(v)) {
                    throw bad(field, shown(v), "not a finite number", d);
                }
                BigDecimal n = number(v);
                if (n == null) {
                    throw bad(field, shown(v), "not a number", d);
                }
                double x = n.doubleValue();
                if (!Double.isFinite(x)) {
                    throw bad(field, shown(v), "not a finite number", d);
                }
                boolean below = d.minOpen() ? !(x > d.min()) : !(x >= d.min());
                boolean above = d.maxOpen() ? !(x < d.max()) : !(x <= d.max());
                if (below || above) {
                    throw bad(field, shown(v), "out of range", d);
                }
                return v.isTextual() ? JsonNodeFactory.instance.numberNode(x) : v;
            }
            default -> throw new AssertionError(d.kind());
        }
    }

    private static void checkChoice(String field, String text, FieldDomain d) {
        if (d.choices().isEmpty()) {
            return;
        }
        for (String c : d.choices()) {
            if (d.ignoreCase() ? c.equalsIgnoreCase(text) : c.equals(text)) {
                return;
            }
        }
        throw bad(field, "'" + text + "'", "not allowed", d);
    }

    /** A number node or a text that reads as a finite number; null otherwise. */
    private static BigDecimal number(JsonNode v) {
        if (v.isNumber()) {
            if (v.isDouble() || v.isFloat()) {
                double x = v.doubleValue();
                return Double.isFinite(x) ? BigDecimal.valueOf(x) : null;
            }
            return v.decimalValue();
        }
        if (v.isTextual()) {
            try {
                return new BigDecimal(v.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static boolean isNonFinite(JsonNode v) {
        if (v.isNumber()) {
            return (v.isDouble() || v.isFloat()) && !Double.isFinite(v.doubleValue());
        }
        if (v.isTextual()) {
            String t = v.asText().trim().toLowerCase(Locale.ROOT);
            return List.of("nan", ".nan", "inf", "+inf", "-inf", ".inf", "+.inf", "-.inf", "infinity", "+infinity",
                    "-infinity").contains(t);
        }
        return false;
    }

    private static ConfigException bad(String field, String value, String problem, FieldDomain d) {
        return new ConfigException(field + " = " + value + ": " + problem + "; allowed: " + d.allowed());
    }

    private static String shown(JsonNode v) {
        if (v == null || v.isNull()) {
            return "null";
        }
        if (v.isObject()) {
            return "a section {" + String.join(", ", iterable(v.fieldNames())) + "}";
        }
        if (v.isArray()) {
            return "a list " + v;
        }
        if (v.isDouble() || v.isFloat()) {
            return NumberText.of(v.doubleValue());
        }
        return v.isTextual() && v.asText().isEmpty() ? "''" : v.asText();
    }

    private static List<String> iterable(Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
