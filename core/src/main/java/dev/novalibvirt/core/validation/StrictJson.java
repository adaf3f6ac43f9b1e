package dev.novalibvirt.core.validation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.novalibvirt.core.exception.InvalidInput;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * Strict reading of a JSON document from a peer, as a tree: bounded size and nesting, no duplicate field, no trailing
 * data; fields the reader does not know are ignored, as Nova ignores them. Each refusal is an {@link InvalidInput}
 * that names the document or field and what was expected, never the value (it may hold a secret).
 */
public final class StrictJson {
    private final JsonMapper mapper;
    private final int maxChars;

    private StrictJson(int maxChars) {
        this.maxChars = maxChars;
        this.mapper = JsonMapper.builder()
                .configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true)
                .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
                .build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(16).maxStringLength(maxChars).maxNumberLength(20).build());
    }

    /** A reader of documents of at most {@code maxChars} characters. */
    public static StrictJson upTo(int maxChars) {
        return new StrictJson(maxChars);
    }

    /**
     * The tree of {@code json}, checked for presence and size before Jackson sees it.
     *
     * @param what    the document's name in refusals, e.g. {@code connection_info}
     * @param tooLong the refusal's message for a document longer than the reader's bound, given its length
     * @throws InvalidInput when it is null, too long or not well-formed (only where it broke is said)
     */
    public JsonNode tree(String json, String what, IntFunction<String> tooLong) {
        Checks.required(json, what + " json");
        if (json.length() > maxChars) {
            throw new InvalidInput(tooLong.apply(json.length()));
        }
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the input; say only where it broke
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + " column " + e.getLocation().getColumnNr();
            throw new InvalidInput(what + " json is not well-formed JSON (or has a duplicate field or trailing "
                    + "data)" + where);
        }
    }

    /** A fresh object node to write a document into ({@link #write}). */
    public ObjectNode newObject() {
        return mapper.createObjectNode();
    }

    /** {@code node} as JSON text. */
    public String write(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of JSON nodes is always serialisable", e);
        }
    }

    /**
     * Field {@code name} of {@code node} as a string, null when absent or null.
     *
     * @param where the node's name in refusals ({@code <where>.<name> must be a string})
     */
    public static String text(JsonNode node, String name, String where) {
        JsonNode v = field(node, name, where, JsonNode::isTextual, "a string");
        return v == null ? null : v.textValue();
    }

    /** Field {@code name} of {@code node} as a boolean, false when absent or null. */
    public static boolean bool(JsonNode node, String name, String where) {
        JsonNode v = field(node, name, where, JsonNode::isBoolean, "true or false");
        return v != null && v.booleanValue();
    }

    /** Field {@code name} of {@code node} as an int, null when absent or null. */
    public static Integer integer(JsonNode node, String name, String where) {
        JsonNode v = field(node, name, where, n -> n.isIntegralNumber() && n.canConvertToInt(), "an integer or null");
        return v == null ? null : v.intValue();
    }

    /** The field's node, null when absent or JSON null; refused unless {@code ok}, saying it must be {@code expected}. */
    private static JsonNode field(JsonNode node, String name, String where, Predicate<JsonNode> ok, String expected) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!ok.test(v)) {
            throw new InvalidInput(where + "." + name + " must be " + expected);
        }
        return v;
    }
}
