package dev.novalibvirt.rpc.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Writes JSON text byte for byte as Python's {@code json.dumps} with its defaults (what oslo's {@code jsonutils.dumps}
 * and kombu use): {@code ", "} and {@code ": "} separators, keys in insertion order, every non-ASCII character as a
 * lowercase {@code \\uXXXX} escape ({@code ensure_ascii=True}). So a message built here equals the one oslo.messaging
 * would build, not merely an equivalent one, which keeps golden tests and broker-side captures comparable.
 */
public final class PythonJson {
    // Not JsonWriteFeature.ESCAPE_NON_ASCII: with it Jackson escapes non-ASCII itself and never asks PythonEscapes.
    private static final ObjectWriter WRITER = JsonMapper.builder().build()
            .writer(new PythonSeparators())
            .with(new PythonEscapes());

    private PythonJson() {
    }

    /** The text of {@code node} as Python's {@code json.dumps(node)}. */
    public static String dumps(JsonNode node) {
        try {
            return WRITER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree is always writable", e);
        }
    }

    /** A mapper for reading (reading has no dialect). */
    static ObjectMapper reader() {
        return new ObjectMapper();
    }

    /** Python's item and key separators, without line breaks. */
    private static final class PythonSeparators extends MinimalPrettyPrinter {
        private static final long serialVersionUID = 1L;

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws java.io.IOException {
            g.writeRaw(": ");
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws java.io.IOException {
            g.writeRaw(", ");
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws java.io.IOException {
            g.writeRaw(", ");
        }
    }

    /**
     * Python escapes everything outside space..tilde: control characters (other than the five short forms), DEL and
     * non-ASCII, with lowercase hex; Jackson's own escapes would use uppercase and leave DEL and non-ASCII alone.
     */
    private static final class PythonEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii = pythonAscii();

        private static int[] pythonAscii() {
            int[] codes = CharacterEscapes.standardAsciiEscapesForJSON();
            for (int c = 0; c < 32; c++) {
                if (codes[c] == CharacterEscapes.ESCAPE_STANDARD) {
                    codes[c] = CharacterEscapes.ESCAPE_CUSTOM;
                }
            }
            codes[0x7f] = CharacterEscapes.ESCAPE_CUSTOM;
            return codes;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            // Java strings are UTF-16, so a character beyond U+FFFF arrives as two surrogates, as Python writes it.
            return new SerializedString(String.format("\\u%04x", ch));
        }
    }
}
