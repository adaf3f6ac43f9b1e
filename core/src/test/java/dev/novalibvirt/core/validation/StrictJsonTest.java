package dev.novalibvirt.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.novalibvirt.core.exception.InvalidInput;
import org.junit.jupiter.api.Test;

/** The strict reader behind connection_info and block_device_info: refusals name the field, never the value. */
class StrictJsonTest {
    private static final String KEY = "AQBvXqRkAAAAABAAq7c6cS0N3iB4sH5zUqk6Yw==";
    private static final StrictJson JSON = StrictJson.upTo(100);

    private static JsonNode tree(String json) {
        return JSON.tree(json, "doc", length -> "doc json is " + length + " characters, more than 100");
    }

    @Test
    void aDocumentIsReadAndFieldsItDoesNotKnowAreLeftAlone() {
        JsonNode node = tree("{\"name\": \"vol\", \"on\": true, \"index\": 3, \"later\": [1]}");
        assertThat(StrictJson.text(node, "name", "doc")).isEqualTo("vol");
        assertThat(StrictJson.bool(node, "on", "doc")).isTrue();
        assertThat(StrictJson.integer(node, "index", "doc")).isEqualTo(3);
    }

    @Test
    void absentAndNullFieldsAreNullOrFalse() {
        JsonNode node = tree("{\"name\": null}");
        assertThat(StrictJson.text(node, "name", "doc")).isNull();
        assertThat(StrictJson.bool(node, "on", "doc")).isFalse();
        assertThat(StrictJson.integer(node, "index", "doc")).isNull();
    }

    @Test
    void aMissingOrOversizedDocumentIsRefusedBeforeItIsParsed() {
        assertThatThrownBy(() -> tree(null)).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("doc json is required");
        assertThatThrownBy(() -> tree("[" + "1,".repeat(60) + "1]")).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("doc json is 123 characters, more than 100");
    }

    @Test
    void aDuplicateFieldOrTrailingDataIsRefusedSayingWhereNotWhat() {
        assertThatThrownBy(() -> tree("{\"k\": \"" + KEY + "\", \"k\": 1}")).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("doc json is not well-formed JSON").hasMessageContaining("at line 1 column")
                .hasMessageNotContaining(KEY.substring(0, 12));
        assertThatThrownBy(() -> tree("{} {}")).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("trailing data");
    }

    @Test
    void aFieldOfAnotherTypeIsRefusedNamingIt() {
        JsonNode node = tree("{\"name\": 1, \"on\": \"" + KEY + "\", \"index\": 1.5}");
        assertThatThrownBy(() -> StrictJson.text(node, "name", "doc")).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("doc.name must be a string");
        assertThatThrownBy(() -> StrictJson.bool(node, "on", "doc")).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("doc.on must be true or false").hasMessageNotContaining(KEY.substring(0, 12));
        assertThatThrownBy(() -> StrictJson.integer(node, "index", "doc")).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("doc.index must be an integer or null");
    }

    @Test
    void whatIsWrittenReadsBack() {
        var node = JSON.newObject().put("name", "vol").put("on", true);
        assertThat(tree(JSON.write(node))).isEqualTo(node);
    }
}
