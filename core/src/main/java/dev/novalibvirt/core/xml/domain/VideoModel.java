package dev.novalibvirt.core.xml.domain;

import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;

/** A video device's {@code <model type vram heads primary .../>}. */
@XmlRootElement(name = "model")
public class VideoModel extends XmlNode {
    @XmlAttribute private String type;
    @XmlAttribute private String vram;
    @XmlAttribute private String vgamem;
    @XmlAttribute private String heads;
    @XmlAttribute private String primary;
    @XmlAttribute private String ram;
    @XmlAttribute private String vram64;
    @XmlAnyElement private List<Object> content = new ArrayList<>();

    public VideoModel() {
    }

    @Override
    protected List<Object> children() { return content; }

    public String getType() { return type; }
    public VideoModel setType(String type) { this.type = type; return this; }

    public String getVram() { return vram; }
    public VideoModel setVram(String vram) { this.vram = vram; return this; }

    public String getVgamem() { return vgamem; }
    public VideoModel setVgamem(String vgamem) { this.vgamem = vgamem; return this; }

    public String getHeads() { return heads; }
    public VideoModel setHeads(String heads) { this.heads = heads; return this; }

    public String getPrimary() { return primary; }
    public VideoModel setPrimary(String primary) { this.primary = primary; return this; }

    public String getRam() { return ram; }
    public VideoModel setRam(String ram) { this.ram = ram; return this; }

    public String getVram64() { return vram64; }
    public VideoModel setVram64(String vram64) { this.vram64 = vram64; return this; }
}
