package dev.novalibvirt.conformance.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.conformance.lab.LabEnv;
import dev.novalibvirt.conformance.lab.LabExtension;
import dev.novalibvirt.rpc.MessageDeliveryFailure;
import dev.novalibvirt.rpc.TlsHandshakeFailure;
import dev.novalibvirt.rpc.config.RpcOptions;
import dev.novalibvirt.rpc.transport.AmqpTransport;
import dev.novalibvirt.rpc.transport.Transport;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The wire over the lab broker's amqps listener (5671), configured as oslo.messaging is: {@code rabbit://} on the TLS
 * port with {@code [oslo_messaging_rabbit] ssl = true} and the lab CA; the listener wants a client certificate of
 * that CA, so the controller's is given. Without one, or trusting another CA, the connection fails with a typed
 * error that names neither the password nor any key.
 */
@ExtendWith(LabExtension.class)
class AmqpsIT {

    /** nova.conf of a controller talking amqps to the lab broker; {@code extra} goes into [oslo_messaging_rabbit]. */
    private static RpcOptions options(LabEnv env, String extra) throws IOException {
        String url = Files.readString(env.path("RABBIT_TRANSPORT_URL_FILE")).strip()
                .replace(":" + env.get("RABBIT_PORT") + "/", ":" + env.get("RABBIT_TLS_PORT") + "/");
        return RpcOptions.parse("[DEFAULT]\nhost = it-amqps\ntransport_url = " + url + "\n[oslo_messaging_rabbit]\n"
                + "ssl = true\n" + extra);
    }

    private static String password(LabEnv env) throws IOException {
        return Files.readString(env.path("RABBIT_PASSWORD_FILE")).strip();
    }

    @Test
    void aMessageGoesOverAmqpsWithTheLabCaAndTheControllersCertificate(LabEnv env) throws Exception {
        RpcOptions o = options(env, "ssl_ca_file = " + env.get("RABBIT_SSL_CA_FILE") + "\nssl_cert_file = "
                + env.get("RABBIT_SSL_CERT_FILE") + "\nssl_key_file = " + env.get("RABBIT_SSL_KEY_FILE") + "\n");
        assertThat(o.transportUrl().hosts().get(0).port()).isEqualTo(Integer.parseInt(env.get("RABBIT_TLS_PORT")));
        try (AmqpTransport t = AmqpTransport.connect(o.transportUrl(), o.rabbit(), "it-amqps")) {
            assertThat(t.isOpen()).isTrue();
            BlockingQueue<String> got = new ArrayBlockingQueue<>(1);
            String queue = "it-amqps-" + System.nanoTime();
            Transport.Subscription s = t.declareReplyQueue(queue, got::offer);
            try {
                t.directSend(queue, "{\"hello\": \"over tls\"}");
                assertThat(got.poll(10, TimeUnit.SECONDS)).isEqualTo("{\"hello\": \"over tls\"}");
            } finally {
                s.close();
            }
        }
    }

    @Test
    void withoutAClientCertificateTheBrokerRefusesTheConnection(LabEnv env) throws Exception {
        RpcOptions o = options(env, "ssl_ca_file = " + env.get("RABBIT_SSL_CA_FILE") + "\n");
        // With TLS 1.3 the client's side of the handshake is over before the broker checks for a certificate, so
        // the refusal reaches the client as a reset of the connection (MessageDeliveryFailure), not always as a
        // handshake failure (its subclass TlsHandshakeFailure); either way no connection is made.
        assertThatThrownBy(() -> AmqpTransport.connect(o.transportUrl(), o.rabbit(), "it-amqps-nocert").close())
                .isInstanceOf(MessageDeliveryFailure.class).hasMessageNotContaining(password(env));
    }

    @Test
    void aBrokerOfAnotherCaIsNotTrusted(LabEnv env) throws Exception {
        // the foreign CA's certificate as the only trusted CA: the lab broker's certificate does not chain to it
        String foreignCa = env.path("PKI_FOREIGN_DIR").getParent().resolve("foreign-ca/cacert.pem").toString();
        RpcOptions o = options(env, "ssl_ca_file = " + foreignCa + "\nssl_cert_file = "
                + env.get("RABBIT_SSL_CERT_FILE") + "\nssl_key_file = " + env.get("RABBIT_SSL_KEY_FILE") + "\n");
        assertThatThrownBy(() -> AmqpTransport.connect(o.transportUrl(), o.rabbit(), "it-amqps-foreign").close())
                .isInstanceOf(TlsHandshakeFailure.class).hasMessageNotContaining(password(env));
    }
}
