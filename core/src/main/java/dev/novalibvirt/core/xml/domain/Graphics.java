package dev.novalibvirt.core.xml.domain;

import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElementRef;
import jakarta.xml.bind.annotation.XmlElementRefs;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;

/**
 * libvirt's {@code <graphics>} (vnc, spice, ...), Nova's {@code LibvirtConfigGuestGraphics}. The listen address
 * appears twice in what libvirt emits: the {@code listen} attribute and {@code <listen type='address'
 * address='...'/>} children; migration must rewrite both ({@link #setListenAddress}).
 */
@XmlRootElement(name = "graphics")
public class Graphics extends XmlNode {
    @XmlAttribute private String type;
    @XmlAttribute private String port;
    @XmlAttribute private String autoport;
    @XmlAttribute private String websocket;
    @XmlAttribute private String tlsPort;
    @XmlAttribute private String defaultMode;
    @XmlAttribute private String listen;
    @XmlAttribute private String passwd;
    @XmlAttribute private String passwdValidTo;
    @XmlAttribute private String keymap;
    @XmlAttribute private String sharePolicy;
    @XmlAttribute private String connected;

    @XmlElementRefs({@XmlElementRef(type = GraphicsListen.class)})
    @XmlAnyElement
    private List<Object> content = new ArrayList<>();

    public Graphics() {
    }

    public Graphics(String type) {
        this.type = type;
    }

    /** A vnc display listening on {@code address} with an automatic port, as Nova configures it. */
    public static Graphics vnc(String address) {
        Graphics g = new Graphics("vnc");
        g.autoport = "yes";
        g.listen = address;
        g.addListen(new GraphicsListen().setType("address").setAddress(address));
        return g;
    }

    @Override
    protected List<Object> children() { return content; }

    @Override
    protected List<String> childOrder() { return List.of("listen"); }

    public String getType() { return type; }
    public Graphics setType(String type) { this.type = type; return this; }
    public Integer getPort() { return toInt(port); }
    public Graphics setPort(Integer port) { this.port = str(port); return this; }
    public Boolean getAutoport() { return yesNo(autoport); }
    public Graphics setAutoport(Boolean autoport) { this.autoport = yesNo(autoport); return this; }
    public String getWebsocket() { return websocket; }
    public Graphics setWebsocket(String websocket) { this.websocket = websocket; return this; }
    public String getTlsPort() { return tlsPort; }
    public Graphics setTlsPort(String tlsPort) { this.tlsPort = tlsPort; return this; }
    public String getDefaultMode() { return defaultMode; }
    public Graphics setDefaultMode(String defaultMode) { this.defaultMode = defaultMode; return this; }
    /** The {@code listen} attribute (legacy form of the first address listen). */
    public String getListen() { return listen; }
    public Graphics setListen(String listen) { this.listen = listen; return this; }
    public String getPasswd() { return passwd; }
    public Graphics setPasswd(String passwd) { this.passwd = passwd; return this; }
    public String getPasswdValidTo() { return passwdValidTo; }
    public Graphics setPasswdValidTo(String passwdValidTo) { this.passwdValidTo = passwdValidTo; return this; }
    public String getKeymap() { return keymap; }
    public Graphics setKeymap(String keymap) { this.keymap = keymap; return this; }
    public String getSharePolicy() { return sharePolicy; }
    public Graphics setSharePolicy(String sharePolicy) { this.sharePolicy = sharePolicy; return this; }
    public String getConnected() { return connected; }
    public Graphics setConnected(String connected) { this.connected = connected; return this; }

    /** The {@code <listen>} children in order (copy). */
    public List<GraphicsListen> getListens() { return childList(GraphicsListen.class); }
    public Graphics setListens(List<GraphicsListen> listens) { setChildList(GraphicsListen.class, listens); return this; }
    public Graphics addListen(GraphicsListen l) { addChild(l); return this; }

    /**
     * Points this display at {@code address}: sets the {@code listen} attribute when present (or when there are
     * no listen children) and the address of every {@code <listen type='address'>} child, as Nova's
     * {@code _update_graphics_xml} does. Listen children of other types (network, socket, none) are untouched.
     */
    public Graphics setListenAddress(String address) {
        List<GraphicsListen> listens = getListens();
        if (listen != null || listens.isEmpty()) {
            listen = address;
        }
        for (GraphicsListen l : listens) {
            if ("address".equals(l.getType())) {
                l.setAddress(address);
            }
        }
        return this;
    }
}
