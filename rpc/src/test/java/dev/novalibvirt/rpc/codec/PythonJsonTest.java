package dev.novalibvirt.rpc.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Expected texts are what CPython's {@code json.dumps} prints for the same values. */
class PythonJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void separatorsAndLiteralsAreJsonDumpsDefaults() throws Exception {
        assertThat(PythonJson.dumps(JSON.readTree("{\"a\":[1,true,null,\"x\"],\"b\":{}}")))
                .isEqualTo("{\"a\": [1, true, null, \"x\"], \"b\": {}}");
    }

    @Test
    void escapesAreEnsureAsciis() throws Exception {
        // json.dumps({"s": "\u00e9\n\t\x01\x7f\U0001F600\"\\/"})
        String value = "\u00e9\n\t\u0001\u007f\uD83D\uDE00\"\\/";
        assertThat(PythonJson.dumps(JSON.createObjectNode().put("s", value)))
                .isEqualTo("{\"s\": \"\\u00e9\\n\\t\\u0001\\u007f\\ud83d\\ude00\\\"\\\\/\"}");
    }

    @Test
    void nonAsciiKeysAreEscapedToo() {
        assertThat(PythonJson.dumps(JSON.createObjectNode().put("cl\u00e9", 1))).isEqualTo("{\"cl\\u00e9\": 1}");
    }
}
