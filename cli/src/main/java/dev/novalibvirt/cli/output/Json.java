package dev.novalibvirt.cli.output;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The {@code --json} document, one per run, on stdout:
 * <pre>
 * {"command": "cache-check", "exit_code": 0, "result": {...}}                          success
 * {"command": "cache-check", "exit_code": 1, "error": {"type": "...", "message": "..."}}   failure
 * </pre>
 * Field names are snake_case; a field is always present ({@code null} when it has no value).
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.ALWAYS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Json() {
    }

    /** The error part of a failed run: the exception's simple class name (Nova's name) and its one-line message. */
    public record Error(String type, String message) {
    }

    /** The document of a successful run. */
    @JsonPropertyOrder({"command", "exit_code", "result"})
    public record Success(String command, int exitCode, Report result) {
    }

    /** The document of a failed run. */
    @JsonPropertyOrder({"command", "exit_code", "error"})
    public record Failure(String command, int exitCode, Error error) {
    }

    public static String success(String command, Report result) {
        return write(new Success(command, result.exitCode(), result));
    }

    public static String failure(String command, int exitCode, String type, String message) {
        return write(new Failure(command, exitCode, new Error(type, message)));
    }

    static String write(Object document) {
        try {
            return Redactor.clean(MAPPER.writeValueAsString(document)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the JSON report: " + e.getOriginalMessage(), e);
        }
    }
}
