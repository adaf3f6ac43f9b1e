package dev.novalibvirt.core.xml.domain;

import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;

/** A lease's {@code <target path offset/>}. */
@XmlRootElement(name = "target")
public class LeaseTarget extends XmlNode {
    @XmlAttribute private String path;
    @XmlAttribute private String offset;
    @XmlAnyElement private List<Object> content = new ArrayList<>();

    public LeaseTarget() {
    }

    @Override
    protected List<Object> children() { return content; }

    public String getPath() { return path; }
    public LeaseTarget setPath(String path) { this.path = path; return this; }

    public String getOffset() { return offset; }
    public LeaseTarget setOffset(String offset) { this.offset = offset; return this; }
}
