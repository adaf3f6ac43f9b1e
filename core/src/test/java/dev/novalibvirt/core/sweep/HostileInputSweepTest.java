package dev.novalibvirt.core.sweep;

import static dev.novalibvirt.core.sweep.HostileInput.CEPHX_KEY;

import dev.novalibvirt.core.ceph.CephConf;
import dev.novalibvirt.core.ceph.ComponentVersion;
import dev.novalibvirt.core.ceph.HostCacheFacts;
import dev.novalibvirt.core.ceph.RbdCacheFacts;
import dev.novalibvirt.core.config.IniFile;
import dev.novalibvirt.core.config.NovaConfig;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.BlockDeviceMapping;
import dev.novalibvirt.core.driver.ImageMeta;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateData;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.driver.Vif;
import dev.novalibvirt.core.image.DiskCacheModes;
import dev.novalibvirt.core.image.InstanceDisk;
import dev.novalibvirt.core.image.MonitorEndpoint;
import dev.novalibvirt.core.sweep.HostileInput.Outcome;
import dev.novalibvirt.core.xml.DomainRewrite;
import dev.novalibvirt.core.xml.DomainXml;
import dev.novalibvirt.core.xml.Domains;
import dev.novalibvirt.core.xml.domain.DiskHost;
import dev.novalibvirt.core.xml.domain.Domain;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Issue 15 part 2 for {@code core}: bad inputs, hostile or careless, against every public entry point that takes
 * them. Each must be refused with a typed {@code NovaException} that names the field and shows no secret.
 */
class HostileInputSweepTest {
    private static final String UUID = "0b6f8a1e-4c2d-4e1f-9a3b-5c6d7e8f9a0b";
    private static final List<Outcome> OUTCOMES = Collections.synchronizedList(new ArrayList<>());

    private static final String TCP_SERIAL_DOMAIN = "<domain type='kvm'><name>instance-00000001</name>"
            + "<uuid>" + UUID + "</uuid><memory unit='KiB'>524288</memory><vcpu>1</vcpu>"
            + "<os><type arch='x86_64'>hvm</type></os><devices>"
            + "<disk type='network' device='disk'><driver name='qemu' type='raw'/>"
            + "<source protocol='rbd' name='vms/" + UUID + "_disk'><host name='198.18.0.21' port='6789'/></source>"
            + "<target dev='vda' bus='virtio'/></disk>"
            + "<serial type='tcp'><source mode='bind' host='198.18.0.11' service='10000'/>"
            + "<protocol type='raw'/><target port='%s'/></serial>"
            + "<graphics type='vnc' port='-1' listen='198.18.0.11'/></devices></domain>";

    private static Domain domain(String targetPort) {
        return DomainXml.parse(String.format(TCP_SERIAL_DOMAIN, targetPort));
    }

    private static NovaConfig conf(String text) {
        return NovaConfig.parse(text);
    }

    private static LibvirtLiveMigrateData md(String json) {
        return LibvirtLiveMigrateData.fromJson(json);
    }

    /** Every value record and parser of core.driver. */
    static HostileInput driver() {
        HostileInput s = new HostileInput("core.driver");
        s.add("Instance uuid null", "uuid", () -> new Instance(null, "instance-1", 512, 1, 1, null));
        s.add("Instance name null", "name", () -> new Instance(UUID, null, 512, 1, 1, null));
        s.add("Instance uuid with NUL", "uuid", () -> new Instance(UUID + "\0", "instance-1", 512, 1, 1, null));
        s.add("Instance uuid ../../etc", "uuid", () -> new Instance("../../etc", "instance-1", 512, 1, 1, null));
        s.add("Instance name ../../etc", "name", () -> new Instance(UUID, "../../etc", 512, 1, 1, null));
        s.add("Instance name with newline", "name", () -> new Instance(UUID, "inst\nance", 512, 1, 1, null));
        s.add("Instance imageRef ../../etc", "image", () -> new Instance(UUID, "instance-1", 512, 1, 1, "../../etc"));
        s.add("Instance imageRef ../../other@snap", "image",
                () -> new Instance(UUID, "instance-1", 512, 1, 1, "../../other@snap"));
        s.add("Instance imageRef with CR", "image", () -> new Instance(UUID, "instance-1", 512, 1, 1, "img\r1"));
        s.add("Instance memory -1", "memory", () -> new Instance(UUID, "instance-1", -1, 1, 1, null));
        s.add("Instance vcpus 0", "vcpus", () -> new Instance(UUID, "instance-1", 512, 0, 1, null));
        s.add("ImageMeta id null", "id", () -> new ImageMeta(null, "raw", null));
        s.add("ImageMeta id ../../etc", "id", () -> new ImageMeta("../../etc", "raw", null));
        s.add("ImageMeta id ../../other@snap", "id", () -> new ImageMeta("../../other@snap", "raw", null));
        s.add("ImageMeta id with NUL", "id", () -> new ImageMeta("img\0", "raw", null));
        s.add("ImageMeta diskFormat null", "diskFormat", () -> new ImageMeta("img-1", null, null));
        s.add("ImageMeta diskFormat raw;rm -rf /", "diskFormat", () -> new ImageMeta("img-1", "raw;rm -rf /", null));
        s.add("ImageMeta location rbd with ../../other@snap", "location",
                () -> new ImageMeta("img-1", "raw", "rbd://fsid/images/../../other@snap"));
        s.add("ImageMeta location rbd with newline", "location",
                () -> new ImageMeta("img-1", "raw", "rbd://fsid/images/img\n/snap"));
        s.add("ImageMeta location rbd with 3 parts", "location",
                () -> new ImageMeta("img-1", "raw", "rbd://fsid/images"));
        s.add("ImageMeta location with a key as userinfo", "location",
                () -> new ImageMeta("img-1", "raw", "http://admin:" + CEPHX_KEY + "@glance:9292/v2/images/img-1"));
        s.add("BlockDeviceInfo mapping null", "blockDeviceMapping", () -> new BlockDeviceInfo("/dev/vda", null));
        s.add("BlockDeviceInfo mapping with null element", "blockDeviceMapping",
                () -> new BlockDeviceInfo("/dev/vda", Arrays.asList((BlockDeviceMapping) null)));
        s.add("BlockDeviceInfo root /dev/../etc/passwd", "rootDeviceName",
                () -> new BlockDeviceInfo("/dev/../etc/passwd", List.of()));
        s.add("BlockDeviceInfo root with newline", "rootDeviceName", () -> new BlockDeviceInfo("vda\n", List.of()));
        s.add("BlockDeviceMapping mount ../../etc", "mount_device", () -> new BlockDeviceMapping("../../etc", null));
        s.add("BlockDeviceMapping mount null", "mount_device", () -> new BlockDeviceMapping(null, null));
        s.add("BlockDeviceMapping serial with NUL", "serial", () -> new BlockDeviceMapping("/dev/vdb", "vol\0"));
        s.add("BlockDeviceMapping serial ../../other@snap", "serial",
                () -> new BlockDeviceMapping("/dev/vdb", "../../other@snap"));
        s.add("Vif id null", "id", () -> new Vif(null, "52:54:00:aa:bb:cc", "br0", null));
        s.add("Vif mac null", "mac", () -> new Vif("p1", null, "br0", null));
        s.add("Vif mac zz", "mac", () -> new Vif("p1", "zz", "br0", null));
        s.add("Vif bridge br0;reboot", "bridge", () -> new Vif("p1", "52:54:00:aa:bb:cc", "br0;reboot", null));
        s.add("Vif id with newline", "id", () -> new Vif("p1\nx", "52:54:00:aa:bb:cc", "br0", null));
        s.add("NetworkInfo null", "vifs", () -> new NetworkInfo(null));
        s.add("NetworkInfo with null vif", "vifs", () -> new NetworkInfo(Arrays.asList((Vif) null)));
        s.add("migrate data JSON null", "json", () -> md(null));
        s.add("migrate data JSON with trailing garbage", "json", () -> md("{\"image_type\":\"rbd\"} garbage"));
        s.add("migrate data JSON two objects", "trailing data", () -> md("{}{}"));
        s.add("migrate data JSON literal null", "object", () -> md("null"));
        s.add("migrate data JSON array", "migrate data", () -> md("[]"));
        s.add("migrate data JSON duplicate filename", "filename",
                () -> md("{\"filename\":\"tmp1\",\"filename\":\"../../etc/passwd\"}"));
        s.add("migrate data filename ../../etc/passwd", "filename", () -> md("{\"filename\":\"../../etc/passwd\"}"));
        s.add("migrate data filename /etc/passwd", "filename", () -> md("{\"filename\":\"/etc/passwd\"}"));
        s.add("migrate data filename console.log", "filename", () -> md("{\"filename\":\"console.log\"}"));
        s.add("migrate data filename with NUL", "filename", () -> md("{\"filename\":\"tmp1\\u0000\"}"));
        s.add("migrate data filename a cephx key", "filename", () -> md("{\"filename\":\"" + CEPHX_KEY + "\"}"));
        s.add("migrate data filename via builder", "filename",
                () -> LibvirtLiveMigrateData.builder().filename("../x").build());
        s.add("migrate data instance_relative_path ../../etc", "instance_relative_path",
                () -> md("{\"instance_relative_path\":\"../../etc\"}"));
        s.add("migrate data instance_relative_path ../../other@snap", "instance_relative_path",
                () -> md("{\"instance_relative_path\":\"../../other@snap\"}"));
        s.add("migrate data instance_relative_path uuid/..", "instance_relative_path",
                () -> md("{\"instance_relative_path\":\"" + UUID + "/..\"}"));
        s.add("migrate data instance_relative_path with newline", "instance_relative_path",
                () -> md("{\"instance_relative_path\":\"" + UUID + "\\n\"}"));
        s.add("migrate data serial_listen_ports -1", "serial_listen_ports",
                () -> md("{\"serial_listen_ports\":[-1]}"));
        s.add("migrate data serial_listen_ports 70000", "serial_listen_ports",
                () -> md("{\"serial_listen_ports\":[70000]}"));
        s.add("migrate data serial_listen_ports null element", "serial_listen_ports",
                () -> md("{\"serial_listen_ports\":[null]}"));
        s.add("migrate data serial_listen_ports 1e20", "serial_listen_ports",
                () -> md("{\"serial_listen_ports\":[100000000000000000000]}"));
        s.add("migrate data disk_available_mb a cephx key", "disk_available_mb",
                () -> md("{\"disk_available_mb\":\"" + CEPHX_KEY + "\"}"));
        s.add("migrate data is_shared_instance_path a string", "is_shared_instance_path",
                () -> md("{\"is_shared_instance_path\":\"" + CEPHX_KEY + "\"}"));
        s.add("migrate data dst_instances_path relative", "dst_instances_path",
                () -> md("{\"dst_instances_path\":\"relative/instances\"}"));
        s.add("migrate data dst_instances_path /srv/../etc", "dst_instances_path",
                () -> md("{\"dst_instances_path\":\"/srv/../etc\"}"));
        s.add("migrate data dst_instances_path with newline", "dst_instances_path",
                () -> md("{\"dst_instances_path\":\"/srv/inst\\nances\"}"));
        s.add("migrate data target_connect_addr host;reboot", "target_connect_addr",
                () -> md("{\"target_connect_addr\":\"host;reboot\"}"));
        s.add("migrate data target_connect_addr -oProxyCommand", "target_connect_addr",
                () -> md("{\"target_connect_addr\":\"-oProxyCommand\"}"));
        s.add("migrate data target_connect_addr port 70000", "target_connect_addr",
                () -> md("{\"target_connect_addr\":\"198.18.0.12:70000\"}"));
        s.add("migrate data graphics_listen_addr_vnc with &&", "graphics_listen_addr_vnc",
                () -> md("{\"graphics_listen_addr_vnc\":\"0.0.0.0 && reboot\"}"));
        s.add("migrate data graphics_listen_addr_spice with space", "graphics_listen_addr_spice",
                () -> md("{\"graphics_listen_addr_spice\":\"a b\"}"));
        s.add("migrate data serial_listen_addr $(reboot)", "serial_listen_addr",
                () -> md("{\"serial_listen_addr\":\"$(reboot)\"}"));
        s.add("migrate data image_type with newline", "image_type", () -> md("{\"image_type\":\"rbd\\n\"}"));
        s.add("migrate data image_type ../rbd", "image_type", () -> md("{\"image_type\":\"../rbd\"}"));
        s.add("migrate data supported_perf_events cmt;reboot", "supported_perf_events",
                () -> md("{\"supported_perf_events\":[\"cmt;reboot\"]}"));
        s.add("migrate data vifs host with newline", "host",
                () -> md("{\"vifs\":[{\"port_id\":\"p1\",\"host\":\"h\\nb\"}]}"));
        s.add("migrate data bdms dev ../../etc", "dev", () -> md("{\"bdms\":[{\"serial\":\"v\",\"dev\":\"../../etc\"}]}"));
        s.add("migrate data dst_rbd_cache_facts without host", "host",
                () -> md("{\"dst_rbd_cache_facts\":{\"qemu\":\"7.2.0\"}}"));
        s.add("migrate data dst_rbd_cache_facts qemu huge", "qemu",
                () -> md("{\"dst_rbd_cache_facts\":{\"host\":\"b\",\"qemu\":\"99999999999.1.0\"}}")
                        .dstRbdCacheFacts().toHostCacheFacts());
        s.add("migrate data 2 MiB JSON", "migrate data",
                () -> md("{\"supported_perf_events\":[" + "\"cmt\",".repeat(350_000) + "\"cmt\"]}"));
        s.add("migrate data 10000-deep nesting", "migrate data", () -> md("[".repeat(10_000)));
        return s;
    }

    /** nova.conf parsing, interpolation and option checks. */
    static HostileInput config() {
        HostileInput s = new HostileInput("core.config");
        s.add("nova.conf text null", "nova.conf", () -> conf(null));
        s.add("live_migration_scheme tcp;rm -rf /", "live_migration_scheme",
                () -> conf("[libvirt]\nlive_migration_scheme = tcp;rm -rf /\n"));
        s.add("live_migration_scheme with space", "live_migration_scheme",
                () -> conf("[libvirt]\nlive_migration_scheme = tls x\n"));
        s.add("host with a space", "host", () -> conf("[DEFAULT]\nhost = host b\n"));
        s.add("host with ;", "host", () -> conf("[DEFAULT]\nhost = a;reboot\n"));
        s.add("host with &&", "host", () -> conf("[DEFAULT]\nhost = a&&reboot\n"));
        s.add("host -oProxyCommand", "host", () -> conf("[DEFAULT]\nhost = -oProxyCommand\n"));
        s.add("my_ip with &&", "my_ip", () -> conf("[DEFAULT]\nmy_ip = 198.18.0.1 && reboot\n"));
        s.add("live_migration_inbound_addr with a space", "live_migration_inbound_addr",
                () -> conf("[libvirt]\nlive_migration_inbound_addr = x y\n"));
        s.add("live_migration_inbound_addr port -1", "live_migration_inbound_addr",
                () -> conf("[libvirt]\nlive_migration_inbound_addr = 198.18.0.1:-1\n"));
        s.add("live_migration_inbound_addr port 70000", "live_migration_inbound_addr",
                () -> conf("[libvirt]\nlive_migration_inbound_addr = 198.18.0.1:70000\n"));
        s.add("live_migration_inbound_addr -oProxyCommand", "live_migration_inbound_addr",
                () -> conf("[libvirt]\nlive_migration_inbound_addr = -oProxyCommand\n"));
        s.add("live_migration_uri with a space", "live_migration_uri",
                () -> conf("[libvirt]\nlive_migration_uri = qemu+ssh://%s/system $(reboot)\n"));
        s.add("connection_uri with ;", "connection_uri", () -> conf("[libvirt]\nconnection_uri = qemu:///system;x\n"));
        s.add("instances_path relative", "instances_path", () -> conf("[DEFAULT]\ninstances_path = relative/instances\n"));
        s.add("instances_path with ..", "instances_path", () -> conf("[DEFAULT]\ninstances_path = /var/lib/../etc\n"));
        s.add("state_path relative (instances_path derived)", "instances_path",
                () -> conf("[DEFAULT]\nstate_path = relative\n"));
        s.add("instances_path with NUL", "instances_path", () -> conf("[DEFAULT]\ninstances_path = /srv/a\0b\n"));
        s.add("instances_path with a lone CR", "instances_path", () -> conf("[DEFAULT]\ninstances_path = /srv/a\rb\n"));
        s.add("images_rbd_ceph_conf relative", "images_rbd_ceph_conf",
                () -> conf("[libvirt]\nimages_type = rbd\nimages_rbd_ceph_conf = ceph.conf\n"));
        s.add("images_rbd_pool ../../etc", "images_rbd_pool",
                () -> conf("[libvirt]\nimages_type = rbd\nimages_rbd_pool = ../../etc\n"));
        s.add("images_rbd_pool pool@snap", "images_rbd_pool",
                () -> conf("[libvirt]\nimages_type = rbd\nimages_rbd_pool = vms@snap\n"));
        s.add("rbd_user with a space", "rbd_user", () -> conf("[libvirt]\nrbd_user = nova admin\n"));
        s.add("rbd_secret_uuid a cephx key", "rbd_secret_uuid", () -> conf("[libvirt]\nrbd_secret_uuid = " + CEPHX_KEY + "\n"));
        s.add("rbd_secret_uuid 1-1-1-1-1", "rbd_secret_uuid", () -> conf("[libvirt]\nrbd_secret_uuid = 1-1-1-1-1\n"));
        s.add("force_raw_images a cephx key", "force_raw_images", () -> conf("[DEFAULT]\nforce_raw_images = " + CEPHX_KEY + "\n"));
        s.add("rbd_connect_timeout a cephx key", "rbd_connect_timeout",
                () -> conf("[libvirt]\nrbd_connect_timeout = " + CEPHX_KEY + "\n"));
        s.add("live_migration_completion_timeout 99999999999", "live_migration_completion_timeout",
                () -> conf("[libvirt]\nlive_migration_completion_timeout = 99999999999\n"));
        s.add("live_migration_completion_timeout 2147483647", "live_migration_completion_timeout",
                () -> conf("[libvirt]\nlive_migration_completion_timeout = 2147483647\n"));
        s.add("live_migration_downtime 2147483647", "live_migration_downtime",
                () -> conf("[libvirt]\nlive_migration_downtime = 2147483647\n"));
        s.add("live_migration_downtime_delay 2147483647", "live_migration_downtime_delay",
                () -> conf("[libvirt]\nlive_migration_downtime_delay = 2147483647\n"));
        s.add("live_migration_downtime_steps 2147483647", "live_migration_downtime_steps",
                () -> conf("[libvirt]\nlive_migration_downtime_steps = 2147483647\n"));
        s.add("rbd_connect_timeout 2147483647", "rbd_connect_timeout",
                () -> conf("[libvirt]\nrbd_connect_timeout = 2147483647\n"));
        s.add("rbd_destroy_volume_retry_interval 2147483647", "rbd_destroy_volume_retry_interval",
                () -> conf("[libvirt]\nrbd_destroy_volume_retry_interval = 2147483647\n"));
        s.add("live_migration_parallel_connections 100000", "live_migration_parallel_connections",
                () -> conf("[libvirt]\nlive_migration_parallel_connections = 100000\n"));
        s.add("live_migration_bandwidth -1", "live_migration_bandwidth",
                () -> conf("[libvirt]\nlive_migration_bandwidth = -1\n"));
        s.add("live_migration_retry_count 2147483647", "live_migration_retry_count",
                () -> conf("[DEFAULT]\nlive_migration_retry_count = 2147483647\n"));
        s.add("[vnc] server_listen with ;", "server_listen", () -> conf("[vnc]\nserver_listen = 0.0.0.0;reboot\n"));
        s.add("[spice] server_listen with a space", "server_listen", () -> conf("[spice]\nserver_listen = a b\n"));
        s.add("[serial_console] proxyclient_address $(reboot)", "proxyclient_address",
                () -> conf("[serial_console]\nproxyclient_address = $(reboot)\n"));
        s.add("[serial_console] port_range 1:70000", "port_range", () -> conf("[serial_console]\nport_range = 1:70000\n"));
        s.add("[serial_console] port_range abc", "port_range", () -> conf("[serial_console]\nport_range = abc\n"));
        s.add("[serial_console] port_range 20000:10000", "port_range",
                () -> conf("[serial_console]\nport_range = 20000:10000\n"));
        s.add("disk_cachemodes entry a cephx key", "disk_cachemodes",
                () -> conf("[libvirt]\ndisk_cachemodes = " + CEPHX_KEY + "\n"));
        s.add("$a refers to itself", "interpolation", () -> conf("[DEFAULT]\nhost = $host\n"));
        s.add("$a and $b refer to each other", "interpolation", () -> conf("[DEFAULT]\na = $b\nb = $a\nhost = $a\n"));
        StringBuilder chain = new StringBuilder("[DEFAULT]\nv0 = xxxxxxxxxx\n");
        for (int i = 1; i <= 6; i++) {
            chain.append('v').append(i).append(" = ").append(("$v" + (i - 1)).repeat(10)).append('\n');
        }
        String chain7 = chain + "host = $v6\n";
        s.add("$interpolation expanding to 10^7 characters", "interpolation", () -> conf(chain7));
        StringBuilder chain9 = new StringBuilder("[DEFAULT]\nw0 = xxxxxxxxxx\n");
        for (int i = 1; i <= 8; i++) {
            chain9.append('w').append(i).append(" = ").append(("$w" + (i - 1)).repeat(10)).append('\n');
        }
        String chain9Text = chain9 + "host = $w8\n";
        s.add("$interpolation expanding to 10^9 characters", "interpolation", () -> conf(chain9Text));
        s.add("${ unterminated", "host", () -> conf("[DEFAULT]\nhost = ${state_path\n"));
        s.add("undefined $option", "undefined", () -> conf("[DEFAULT]\nhost = $nope\n"));
        s.add("section header unterminated", "line 1", () -> conf("[libvirt\n"));
        s.add("option outside any section", "section", () -> conf("host = a\n"));
        s.add("IniFile.parse(null)", "text", () -> IniFile.parse(null));
        s.add("IniFile.get(null section)", "section", () -> IniFile.parse("[DEFAULT]\na = b\n").get(null, "a"));
        s.add("NovaConfig.fromFile(null)", "file", () -> NovaConfig.fromFile(null));
        s.add("NovaConfig.fromFile(missing)", "nova.conf", () -> NovaConfig.fromFile(Path.of("/nonexistent/nova.conf")));
        s.add("NovaConfig.fromFile(a directory)", "/", () -> NovaConfig.fromFile(Path.of("/")));
        s.add("withInstancesPath(null)", "instances_path", () -> NovaConfig.defaultConfig().withInstancesPath(null));
        s.add("withInstancesPath(relative)", "instances_path",
                () -> NovaConfig.defaultConfig().withInstancesPath(Path.of("relative")));
        return s;
    }

    /** ceph.conf, versions and cache facts. */
    static HostileInput ceph() {
        HostileInput s = new HostileInput("core.ceph");
        s.add("CephConf.parse(null)", "text", () -> CephConf.parse(null));
        s.add("ceph.conf unterminated quote", "quote", () -> CephConf.parse("[global]\nmon host = \"a,b\n"));
        s.add("ceph.conf trailing backslash at the end", "backslash", () -> CephConf.parse("[global]\nmon host = a \\"));
        s.add("ceph.conf with NUL", "line 2", () -> CephConf.parse("[global]\nmon host = a\0b\n"));
        s.add("ceph.conf malformed section", "line 1", () -> CephConf.parse("[global\n"));
        s.add("ceph.conf option outside a section", "section", () -> CephConf.parse("key = " + CEPHX_KEY + "\n"));
        s.add("ceph.conf line without =", "line 2", () -> CephConf.parse("[client.nova]\nkeyring /etc/ceph/k\n"));
        s.add("ceph.conf boolean a cephx key", "rbd_cache", () -> CephConf.parseBoolean("rbd_cache", CEPHX_KEY));
        s.add("ceph.conf boolean for a key option", "key", () -> CephConf.parseBoolean("key", "not-a-boolean"));
        s.add("CephConf.lookup option null", "option", () -> CephConf.empty().lookup("client.nova", null));
        s.add("CephConf.read(missing)", "ceph.conf", () -> CephConf.read(Path.of("/nonexistent/ceph.conf")));
        s.add("CephConf.read(null)", "file", () -> CephConf.read(null));
        s.add("version 99999999999.1.0", "version", () -> ComponentVersion.parse("99999999999.1.0"));
        s.add("version null", "version", () -> ComponentVersion.parse(null));
        s.add("packed version Long.MAX_VALUE", "version", () -> ComponentVersion.fromPacked(Long.MAX_VALUE));
        s.add("RbdCacheFacts host null", "host", () -> new RbdCacheFacts(null, "7.2.0", null, "client.nova", null, null));
        s.add("RbdCacheFacts qemu null", "qemu", () -> new RbdCacheFacts("b", null, null, "client.nova", null, null));
        s.add("RbdCacheFacts qemu x", "qemu",
                () -> new RbdCacheFacts("b", "x", null, "client.nova", null, null).toHostCacheFacts());
        s.add("RbdCacheFacts setting with a newline", "setting",
                () -> new RbdCacheFacts("b", "7.2.0", null, "client.nova",
                        List.of(new RbdCacheFacts.ConfSetting("client", "rbd_cache", "true\n[global]")), null)
                        .toHostCacheFacts());
        s.add("RbdCacheFacts setting null value", "value", () -> new RbdCacheFacts.ConfSetting("client", "rbd_cache", null));
        s.add("RbdCacheFacts network_cache_mode bogus", "cache",
                () -> new RbdCacheFacts("b", "7.2.0", null, "client.nova", null, "bogus").incomingMode(null));
        s.add("HostCacheFacts host null", "host", () -> new HostCacheFacts(null, ComponentVersion.of(7, 2),
                ComponentVersion.of(16, 2), CephConf.empty(), "client.nova"));
        s.add("HostCacheFacts cephConf null", "cephConf", () -> new HostCacheFacts("b", ComponentVersion.of(7, 2),
                ComponentVersion.of(16, 2), null, "client.nova"));
        return s;
    }

    /** Image SPI value types. */
    static HostileInput image() {
        HostileInput s = new HostileInput("core.image");
        s.add("MonitorEndpoint host $(reboot)", "host", () -> new MonitorEndpoint("$(reboot)", 6789));
        s.add("MonitorEndpoint host with a space and -o", "host", () -> new MonitorEndpoint("mon1 -oX", 6789));
        s.add("MonitorEndpoint host null", "host", () -> new MonitorEndpoint(null, 6789));
        s.add("MonitorEndpoint port 70000", "port", () -> new MonitorEndpoint("mon1", 70000));
        s.add("MonitorEndpoint port -1", "port", () -> new MonitorEndpoint("mon1", -1));
        s.add("InstanceDisk uuid ../..", "uuid", () -> new InstanceDisk("../..", "disk"));
        s.add("InstanceDisk name ../../other@snap", "disk name", () -> new InstanceDisk(UUID, "../../other@snap"));
        s.add("InstanceDisk name null", "disk", () -> new InstanceDisk(UUID, null));
        s.add("InstanceDisk name with newline", "disk name", () -> new InstanceDisk(UUID, "disk\n"));
        s.add("DiskCacheModes.fromNovaConf(null)", "disk_cachemodes", () -> DiskCacheModes.fromNovaConf(null));
        s.add("DiskCacheModes entry a cephx key", "disk_cachemodes",
                () -> DiskCacheModes.fromNovaConf(List.of(CEPHX_KEY)));
        s.add("DiskCacheModes entry without =", "disk_cachemodes",
                () -> DiskCacheModes.fromNovaConf(List.of("network")));
        return s;
    }

    /** The XML rewriters. */
    static HostileInput xml() {
        HostileInput s = new HostileInput("core.xml");
        Domain ok = domain("0");
        s.add("tcpCharListen target port abc", "port", () -> Domains.withTcpCharListen(domain("abc"), "198.18.0.12",
                List.of(10001)));
        s.add("tcpCharListen target port -1", "port", () -> Domains.withTcpCharListen(domain("-1"), "198.18.0.12",
                List.of(10001)));
        s.add("tcpCharListen target port 99999999999", "port",
                () -> Domains.withTcpCharListen(domain("99999999999"), "198.18.0.12", List.of(10001)));
        s.add("tcpCharListen ports null", "ports", () -> Domains.withTcpCharListen(ok, "198.18.0.12", null));
        s.add("tcpCharListen port 70000", "port", () -> Domains.withTcpCharListen(ok, "198.18.0.12", List.of(70000)));
        s.add("tcpCharListen port null", "port",
                () -> Domains.withTcpCharListen(ok, "198.18.0.12", Arrays.asList((Integer) null)));
        s.add("tcpCharListen host $(reboot)", "host", () -> Domains.withTcpCharListen(ok, "$(reboot)", List.of(10001)));
        s.add("tcpCharListen host null", "host", () -> Domains.withTcpCharListen(ok, null, List.of(10001)));
        s.add("graphicsListen address with &&", "address",
                () -> Domains.withGraphicsListen(ok, "vnc", "0.0.0.0 && reboot"));
        s.add("graphicsListen address null", "address", () -> Domains.withGraphicsListen(ok, "vnc", null));
        s.add("imageRbdHosts host $(reboot)", "host",
                () -> Domains.withImageRbdHosts(ok, List.of(new DiskHost("$(reboot)", "6789"))));
        s.add("imageRbdHosts port abc", "port", () -> Domains.withImageRbdHosts(ok, List.of(new DiskHost("mon1", "abc"))));
        s.add("imageRbdHosts port 70000", "port",
                () -> Domains.withImageRbdHosts(ok, List.of(new DiskHost("mon1", "70000"))));
        s.add("imageRbdHosts null", "hosts", () -> Domains.withImageRbdHosts(ok, null));
        s.add("imageRbdHosts none (monmap without monitors)", "hosts", () -> Domains.withImageRbdHosts(ok, List.of()));
        s.add("diskHosts host with newline", "host",
                () -> Domains.withDiskHosts(ok, "vda", List.of(new DiskHost("mon1\nx", "6789"))));
        s.add("diskHosts dev null", "dev", () -> Domains.withDiskHosts(ok, null, List.of(new DiskHost("mon1", "6789"))));
        s.add("instanceDir to ../../etc", "dir", () -> Domains.withInstanceDir(ok, "/var/lib/nova/instances", "../../etc"));
        s.add("instanceDir to /srv/../etc", "dir", () -> Domains.withInstanceDir(ok, "/var/lib/nova/instances", "/srv/../etc"));
        s.add("instanceDir from null", "dir", () -> Domains.withInstanceDir(ok, null, "/srv"));
        s.add("instanceDir to with NUL", "dir", () -> Domains.withInstanceDir(ok, "/var/lib/nova/instances", "/srv\0"));
        s.add("withDisk null", "disk", () -> Domains.withDisk(ok, null));
        s.add("DomainRewrite.copyOf(null)", "domain", () -> DomainRewrite.copyOf(null));
        s.add("DomainRewrite.of(null)", "xml", () -> DomainRewrite.of(null));
        s.add("DomainRewrite used after result", "result", () -> {
            DomainRewrite r = DomainRewrite.copyOf(ok);
            r.result();
            r.graphicsListen("vnc", "198.18.0.12");
        }).leave("a programming error, not input: IllegalStateException is the contract (DomainRewriteTest)");
        s.add("DomainXml.parse(null)", "xml", () -> DomainXml.parse(null));
        s.add("DomainXml.parse unterminated", "domain", () -> DomainXml.parse("<domain"));
        s.add("DomainXml.parse with DOCTYPE entity", "domain",
                () -> DomainXml.parse("<!DOCTYPE d [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><domain>&x;</domain>"));
        return s;
    }

    @TestFactory
    Stream<DynamicTest> everyBadInputIsRefusedTypedAndClear() {
        return HostileInput.dynamicTests(OUTCOMES, driver(), config(), ceph(), image(), xml());
    }

    @AfterAll
    static void summary() throws IOException {
        HostileInput.report("core", OUTCOMES);
    }
}
