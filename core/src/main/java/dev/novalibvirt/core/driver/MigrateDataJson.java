package dev.novalibvirt.core.driver;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.novalibvirt.core.exception.InvalidInput;
import dev.novalibvirt.core.exception.NovaException;
import dev.novalibvirt.core.validation.Checks;
import java.util.stream.Collectors;

/**
 * {@link LibvirtLiveMigrateData} as JSON: strict on what a peer sends (no trailing data, duplicate or coerced
 * fields, bounded size and nesting), and refusals that name the field, never its value (it may be a secret).
 */
final class MigrateDataJson {
    private static final JsonMapper JSON = JsonMapper.builder()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
            .configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true)
            .configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false)
            .build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(32).maxStringLength(LibvirtLiveMigrateData.MAX_JSON_CHARS).maxNumberLength(20).build());
    }

    private MigrateDataJson() {
    }

    static String write(LibvirtLiveMigrateData md) {
        try {
            return JSON.writeValueAsString(md);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("LibvirtLiveMigrateData is always serialisable", e);
        }
    }

    static LibvirtLiveMigrateData read(String json) {
        Checks.required(json, "migrate data json");
        if (json.length() > LibvirtLiveMigrateData.MAX_JSON_CHARS) {
            throw new InvalidInput("migrate data json is " + json.length() + " characters long, more than "
                    + LibvirtLiveMigrateData.MAX_JSON_CHARS);
        }
        LibvirtLiveMigrateData md;
        try {
            md = JSON.readValue(json, LibvirtLiveMigrateData.class);
        } catch (JsonProcessingException e) {
            throw refused(e);
        }
        if (md == null) {
            throw new InvalidInput("migrate data json is null, not an object of LibvirtLiveMigrateData fields");
        }
        return md;
    }

    /** Why Jackson refused, in words that name the field and where, never the value (it may be a secret). */
    private static InvalidInput refused(JsonProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NovaException) {
                return new InvalidInput(t.getMessage().replaceFirst("^Invalid input received: ", ""));
            }
        }
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + " column " + e.getLocation().getColumnNr();
        String field = "";
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            field = " in field " + m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
        }
        String what;
        if (e instanceof StreamConstraintsException) {
            what = "exceeds the size or nesting limits";
        } else if (e instanceof JsonParseException) {
            String m = String.valueOf(e.getOriginalMessage());
            what = m.startsWith("Duplicate field") ? "has a duplicate field " + m.replaceAll("^Duplicate field '([A-Za-z0-9_]{1,64})'.*", "$1")
                    : "is not well-formed JSON";
        } else if (String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
            what = "has trailing data after the object";
        } else {
            what = "has a value of the wrong type (an object of LibvirtLiveMigrateData fields was expected)";
        }
        return new InvalidInput("migrate data json " + what + field + where);
    }
}
