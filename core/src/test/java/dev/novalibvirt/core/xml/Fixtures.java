package dev.novalibvirt.core.xml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the hand-written XML cases under {@code src/test/resources/xml}. */
public final class Fixtures {
    private Fixtures() {
    }

    public static String xml(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/xml/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
