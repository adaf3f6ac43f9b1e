package dev.novalibvirt.conformance.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The capture's byte search, without tcpdump: a pcap file is just bytes to it. */
class LabCaptureTest {
    @TempDir
    Path dir;

    @Test
    void aNeedleIsFoundAcrossTheBoundaryOfTwoChunksAndCountedOnce() throws Exception {
        byte[] data = new byte[(1 << 20) + 100];
        byte[] needle = "nlabmark-0123".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(needle, 0, data, (1 << 20) - 5, needle.length);   // straddles the first 1 MiB chunk
        System.arraycopy(needle, 0, data, 10, needle.length);
        Path f = Files.write(dir.resolve("x.pcap"), data);
        assertThat(LabCapture.scan(f, needle.length, (b, i) -> {
            for (int j = 0; j < needle.length; j++) {
                if (b[i + j] != needle[j]) {
                    return false;
                }
            }
            return true;
        })).isEqualTo(2);
    }

    @Test
    void aTlsClientHelloHeaderIsRecognisedAndNoisyLookalikesAreNot() throws Exception {
        // record: handshake, TLS 1.0 framing, length 0x0200; ClientHello of 0x0001fc bytes, client version 3.3
        byte[] hello = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03};
        byte[] lookalike = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x00, 0x10, 0x03, 0x03};
        byte[] data = new byte[64];
        System.arraycopy(hello, 0, data, 3, hello.length);
        System.arraycopy(lookalike, 0, data, 30, lookalike.length);
        Path f = Files.write(dir.resolve("hello.pcap"), data);
        assertThat(LabCapture.scan(f, 11, (b, i) -> b[i] == 0x16)).isEqualTo(2);
        assertThat(LabCapture.of(f).countTlsClientHellos()).isEqualTo(1);
    }
}
