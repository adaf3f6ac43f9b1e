package dev.novalibvirt.core.xml.domain;

import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;

/** The {@code <source>} of a serial/console/channel: path (pty, file, unix), append (file), mode, host and service (tcp, udp). */
@XmlRootElement(name = "source")
public class CharSource extends XmlNode {
    @XmlAttribute private String mode;
    @XmlAttribute private String path;
    @XmlAttribute private String append;
    @XmlAttribute private String host;
    @XmlAttribute private String service;
    @XmlAttribute private String tls;
    @XmlAnyElement private List<Object> content = new ArrayList<>();

    public CharSource() {
    }

    @Override
    protected List<Object> children() { return content; }

    public String getMode() { return mode; }
    public CharSource setMode(String mode) { this.mode = mode; return this; }

    public String getPath() { return path; }
    public CharSource setPath(String path) { this.path = path; return this; }

    public String getAppend() { return append; }
    public CharSource setAppend(String append) { this.append = append; return this; }

    public String getHost() { return host; }
    public CharSource setHost(String host) { this.host = host; return this; }

    public String getService() { return service; }
    public CharSource setService(String service) { this.service = service; return this; }

    public String getTls() { return tls; }
    public CharSource setTls(String tls) { this.tls = tls; return this; }
}
