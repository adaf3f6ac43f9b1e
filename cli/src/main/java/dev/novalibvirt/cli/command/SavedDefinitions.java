package dev.novalibvirt.cli.command;

import dev.novalibvirt.cli.config.CliUsageException;
import dev.novalibvirt.cli.port.GuestDefinition;
import dev.novalibvirt.core.xml.DomainXml;
import dev.novalibvirt.core.xml.domain.Domain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code evacuate --definitions DIR}: a dead host's guests from domain XML files saved off it (a copy of its
 * {@code /etc/libvirt/qemu/*.xml}, or {@code virsh dumpxml} output), for when its libvirtd does not answer. Each is
 * taken as running (the host died with it), in file-name order.
 */
final class SavedDefinitions {
    private SavedDefinitions() {
    }

    /** @throws CliUsageException naming {@code --definitions} when DIR has no readable domain XML */
    static List<GuestDefinition> read(Path dir) {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".xml")).sorted().toList();
        } catch (IOException e) {
            throw new CliUsageException("cannot read --definitions " + dir + ": " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new CliUsageException("--definitions " + dir + " has no *.xml domain definitions");
        }
        List<GuestDefinition> guests = new ArrayList<>();
        for (Path f : files) {
            try {
                String xml = Files.readString(f, StandardCharsets.UTF_8);
                Domain d = DomainXml.parse(xml);
                if (d.getName() == null || d.getUuid() == null) {
                    throw new CliUsageException("--definitions " + f + ": a domain needs a <name> and a <uuid>");
                }
                guests.add(new GuestDefinition(d.getName(), d.getUuid(), true, true, xml, xml, null));
            } catch (IOException e) {
                throw new CliUsageException("cannot read --definitions " + f + ": " + e.getMessage());
            }
        }
        return List.copyOf(guests);
    }
}
