package dev.novalibvirt.cli.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A site's conformance config as an operator writes it, with its ceph.conf and keyring, in a test's directory. */
public final class SiteConfigs {
    public static final String SECRET_UUID = "457eb676-33da-42ec-9a8c-9293d545c337";
    /** The broker's password in {@link #agentText}'s transport_url: no report, message or output may show it. */
    public static final String BROKER_PASSWORD = "Br0ker-pa55word";
    public static final String TRANSPORT_URL = "rabbit://nova:" + BROKER_PASSWORD + "@198.18.0.1:5672/";

    private SiteConfigs() {
    }

    /** The config text; {@code replace} pairs edit it ({@code "uri = qemu+tcp://198.18.0.12/system", "uri = x"}). */
    public static String text(Path dir, String... replace) {
        String text = String.join("\n",
                "# two compute hosts of the site",
                "[site]",
                "name = lab",
                "[host1]",
                "name = host-a",
                "uri = qemu+tcp://198.18.0.11/system",
                "address = 198.18.0.11",
                "instances_path = /var/lib/nova/instances",
                "[host2]",
                "name = host-b",
                "uri = qemu+tcp://198.18.0.12/system",
                "address = 198.18.0.12",
                "[ceph]",
                "conf = " + dir.resolve("ceph.conf"),
                "keyring = " + dir.resolve("ceph.client.nova.keyring"),
                "user = nova",
                "pool = vms",
                "images_pool = images",
                "secret_uuid = " + SECRET_UUID,
                "[image]",
                "id = 0b6e2ab7-5ac8-4b5c-8d36-3a6a3bb2a0f1",
                "[guest]",
                "virt_type = qemu",
                "cache_mode = writeback",
                "memory_mb = 64",
                "");
        for (int i = 0; i + 1 < replace.length; i += 2) {
            text = text.replace(replace[i], replace[i + 1]);
        }
        return text;
    }

    /**
     * The same site with both hosts reached through their agents ({@code agent = true}, no uri, address or
     * instances_path: the agents' own nova.conf has them) on {@link #TRANSPORT_URL}; {@code replace} as for
     * {@link #text}.
     */
    public static String agentText(Path dir, String... replace) {
        String text = text(dir)
                .replace("[site]\n", "[DEFAULT]\ntransport_url = " + TRANSPORT_URL + "\n[site]\n")
                .replace("uri = qemu+tcp://198.18.0.11/system\naddress = 198.18.0.11\n"
                        + "instances_path = /var/lib/nova/instances\n", "agent = true\n")
                .replace("uri = qemu+tcp://198.18.0.12/system\naddress = 198.18.0.12\n", "agent = true\n");
        for (int i = 0; i + 1 < replace.length; i += 2) {
            text = text.replace(replace[i], replace[i + 1]);
        }
        return text;
    }

    /** Writes the ceph.conf, the keyring and the config ({@link #text}) into {@code dir}; returns the config. */
    public static Path write(Path dir, String... replace) {
        return writeText(dir, text(dir, replace));
    }

    /** As {@link #write}, the config being {@link #agentText}. */
    public static Path writeAgents(Path dir, String... replace) {
        return writeText(dir, agentText(dir, replace));
    }

    private static Path writeText(Path dir, String config) {
        try {
            Files.writeString(dir.resolve("ceph.conf"), "[global]\nmon host = 198.18.0.1,198.18.0.2\n");
            Files.writeString(dir.resolve("ceph.client.nova.keyring"),
                    "[client.nova]\n\tkey = AQBzb21lIGZha2Uga2V5IGZvciB0ZXN0cyEhIQ==\n");
            return Files.writeString(dir.resolve("site.conf"), config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
