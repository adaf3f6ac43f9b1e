package dev.novalibvirt.core.xml.domain;

import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElementRef;
import jakarta.xml.bind.annotation.XmlElementRefs;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;

/**
 * A domain's {@code <cpu mode match check migratable>}, Nova's {@code LibvirtConfigGuestCPU}: model (with
 * fallback), vendor, topology, features. NUMA cells, cache and the rest are kept in place as elements.
 */
@XmlRootElement(name = "cpu")
public class Cpu extends XmlNode {
    private static final List<String> ORDER =
            List.of("model", "vendor", "topology", "cache", "maxphysaddr", "feature", "numa");

    @XmlAttribute private String mode;
    @XmlAttribute private String match;
    @XmlAttribute private String check;
    @XmlAttribute private String migratable;

    @XmlElementRefs({
        @XmlElementRef(type = Cpu.Model.class),
        @XmlElementRef(type = Cpu.Vendor.class),
        @XmlElementRef(type = Cpu.Topology.class),
        @XmlElementRef(type = Cpu.Feature.class)
    })
    @XmlAnyElement
    private List<Object> content = new ArrayList<>();

    public Cpu() {
    }

    public Cpu(String mode) {
        this.mode = mode;
    }

    @Override
    protected List<Object> children() { return content; }

    @Override
    protected List<String> childOrder() { return ORDER; }

    /** host-model, host-passthrough, custom, maximum. */
    public String getMode() { return mode; }
    public Cpu setMode(String mode) { this.mode = mode; return this; }
    public String getMatch() { return match; }
    public Cpu setMatch(String match) { this.match = match; return this; }
    public String getCheck() { return check; }
    public Cpu setCheck(String check) { this.check = check; return this; }
    public String getMigratable() { return migratable; }
    public Cpu setMigratable(String migratable) { this.migratable = migratable; return this; }
    public Model getModel() { return child(Model.class); }
    public Cpu setModel(Model model) { setChild(Model.class, model); return this; }
    public String getVendor() { Vendor v = child(Vendor.class); return v == null ? null : v.getValue(); }
    public Cpu setVendor(String vendor) { setChild(Vendor.class, vendor == null ? null : new Vendor(vendor)); return this; }
    public Topology getTopology() { return child(Topology.class); }
    public Cpu setTopology(Topology topology) { setChild(Topology.class, topology); return this; }
    public List<Feature> getFeatures() { return childList(Feature.class); }
    public Cpu addFeature(Feature feature) { addChild(feature); return this; }

    /** {@code <model fallback vendor_id>name</model>}. */
    @XmlRootElement(name = "model")
    public static class Model extends TextNode {
        @XmlAttribute private String fallback;

        public Model() {
        }

        public Model(String name) {
            super(name);
        }

        public String getFallback() { return fallback; }
        public Model setFallback(String fallback) { this.fallback = fallback; return this; }
    }

    /** {@code <vendor>}. */
    @XmlRootElement(name = "vendor")
    public static class Vendor extends TextNode {
        public Vendor() {
        }

        public Vendor(String v) {
            super(v);
        }
    }

    /** {@code <topology sockets dies clusters cores threads/>}. */
    @XmlRootElement(name = "topology")
    public static class Topology extends XmlNode {
        @XmlAttribute private String sockets;
        @XmlAttribute private String dies;
        @XmlAttribute private String clusters;
        @XmlAttribute private String cores;
        @XmlAttribute private String threads;
        @XmlAnyElement private List<Object> content = new ArrayList<>();

        public Topology() {
        }

        public Topology(int sockets, int cores, int threads) {
            this.sockets = Integer.toString(sockets);
            this.cores = Integer.toString(cores);
            this.threads = Integer.toString(threads);
        }

        @Override
        protected List<Object> children() { return content; }

        public Integer getSockets() { return toInt(sockets); }
        public Integer getDies() { return toInt(dies); }
        public Integer getClusters() { return toInt(clusters); }
        public Integer getCores() { return toInt(cores); }
        public Integer getThreads() { return toInt(threads); }
    }

    /** {@code <feature policy name/>}: policy force, require, optional, disable, forbid. */
    @XmlRootElement(name = "feature")
    public static class Feature extends XmlNode {
        @XmlAttribute private String policy;
        @XmlAttribute private String name;
        @XmlAnyElement private List<Object> content = new ArrayList<>();

        public Feature() {
        }

        public Feature(String policy, String name) {
            this.policy = policy;
            this.name = name;
        }

        @Override
        protected List<Object> children() { return content; }

        public String getPolicy() { return policy; }
        public String getName() { return name; }
    }
}
