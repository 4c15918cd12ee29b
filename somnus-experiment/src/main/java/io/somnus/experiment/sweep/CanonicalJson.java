package io.somnus.experiment.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.experiment.io.Mappers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * A JSON value written with object keys sorted at every level and no whitespace, so that equal
 * configurations give equal text and equal SHA-256 hashes whatever order their fields were built in.
 */
public final class CanonicalJson {
    private CanonicalJson() {}

    /** Compact JSON with sorted keys. */
    public static String write(JsonNode node) {
        try {
            return Mappers.JSON.writeValueAsString(sorted(node)); // sorted here, not by a mapper feature: trees too
        } catch (JsonProcessingException e) {
            throw new AssertionError("a JsonNode tree always serialises", e);
        }
    }

    /** Lower-case hex SHA-256 of the canonical JSON. */
    public static String hash(JsonNode node) {
        return sha256(write(node));
    }

    /** Lower-case hex SHA-256 of UTF-8 text. */
    public static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every Java platform has SHA-256", e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (String name : names) {
                out.set(name, sorted(node.get(name)));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (JsonNode item : node) {
                out.add(sorted(item));
            }
            return out;
        }
        return node;
    }
}
