package dev.novalibvirt.rpc.compute;

import static dev.novalibvirt.rpc.Samples.INSTANCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.novalibvirt.rpc.TestBroker;
import dev.novalibvirt.rpc.codec.ContractJson;
import dev.novalibvirt.rpc.config.RabbitOptions;
import dev.novalibvirt.rpc.transport.AmqpTransport;
import dev.novalibvirt.rpc.transport.Transport;
import dev.novalibvirt.rpc.wire.IdSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Golden check across languages: a call published by Python's kombu in oslo's shapes (src/test/resources/oslo/call.py:
 * the 2.0 envelope through kombu's JSON serializer, reply queue with oslo's arguments) reaches a Java agent, is
 * decoded and run, and the reply the agent sends is what the Python caller reads. Skipped without a broker or without
 * python3-kombu.
 */
class OsloPythonBrokerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @SuppressWarnings("try")   // the subscription only has to stay open while Python calls
    void aCallPublishedByKombuInOslosShapeIsServedAndAnswered() throws Exception {
        assumeThat(TestBroker.configured()).as("a broker named by -D" + TestBroker.PROPERTY).isTrue();
        assumeThat(kombuAvailable()).as("python3 with kombu (Debian's python3-kombu)").isTrue();
        String host = "py-" + IdSource.random().next().substring(0, 8);
        RecordingDriver driver = new RecordingDriver(host);
        ExecutorService workers = Executors.newCachedThreadPool();
        ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor();
        Path script = Files.createTempFile("oslo-call", ".py");
        try (InputStream in = getClass().getResourceAsStream("/oslo/call.py");
             AmqpTransport transport = AmqpTransport.connect(TestBroker.url(), RabbitOptions.defaults(), "it-py");
             Transport.Subscription s = new AgentDispatcher(driver, transport, workers, beats, IdSource.random())
                     .serve()) {
            Files.write(script, in.readAllBytes());
            Process p = new ProcessBuilder("/usr/bin/python3", script.toString(),
                    TestBroker.urlFile().orElseThrow().toString(), host, "get_info").start();
            p.getOutputStream().write(("{\"instance\": " + ContractJson.encode(INSTANCE) + "}")
                    .getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(err).isZero();
            List<String> lines = out.lines().toList();
            JsonNode reply = JSON.readTree(lines.get(lines.size() - 1));
            assertThat(reply.path("failure").isNull()).as(out).isTrue();
            assertThat(reply.path("ending").asBoolean()).isTrue();
            assertThat(reply.path("result").path("state").asInt()).isEqualTo(1);
            assertThat(reply.path("_unique_id").asText()).hasSize(32);
            assertThat(driver.calls()).extracting(RecordingDriver.Call::method).containsExactly("getInfo");
            assertThat(driver.calls().get(0).args()).containsExactly(INSTANCE);
        } finally {
            Files.deleteIfExists(script);
            workers.shutdownNow();
            beats.shutdownNow();
        }
    }

    private static boolean kombuAvailable() {
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import kombu").start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
