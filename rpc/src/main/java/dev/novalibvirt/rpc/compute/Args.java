package dev.novalibvirt.rpc.compute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.novalibvirt.rpc.MalformedMessage;
import dev.novalibvirt.rpc.codec.ContractJson;

/** A message's {@code args}: built in the order given (Python keeps kwargs order), read with typed checks. */
final class Args {
    private final ObjectNode node;

    private Args(ObjectNode node) {
        this.node = node;
    }

    static Args build() {
        return new Args(JsonNodeFactory.instance.objectNode());
    }

    static Args read(ObjectNode node) {
        return new Args(node);
    }

    Args put(String name, Object value) {
        node.set(name, ContractJson.encode(value));
        return this;
    }

    ObjectNode json() {
        return node;
    }

    /** A value that must be present (it may be JSON null only when the contract allows null). */
    <T> T get(String name, Class<T> type) {
        if (!node.has(name)) {
            throw new MalformedMessage("args." + name + " is missing");
        }
        return ContractJson.decode(node.get(name), type, "args." + name);
    }

    <T> T required(String name, Class<T> type) {
        T value = get(name, type);
        if (value == null) {
            throw new MalformedMessage("args." + name + " is null");
        }
        return value;
    }

    boolean bool(String name) {
        JsonNode v = node.get(name);
        if (v == null || !v.isBoolean()) {
            throw new MalformedMessage("args." + name + " is not a boolean");
        }
        return v.booleanValue();
    }

    String text(String name) {
        JsonNode v = node.get(name);
        if (v == null || !v.isTextual()) {
            throw new MalformedMessage("args." + name + " is not a string");
        }
        return v.textValue();
    }
}
