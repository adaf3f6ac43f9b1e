package dev.novalibvirt.core.xml.domain;

import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElementRef;
import jakarta.xml.bind.annotation.XmlElementRefs;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.List;

/** libvirt's {@code <video>} device; the model is {@link VideoModel}. */
@XmlRootElement(name = "video")
public class Video extends XmlNode {

    @XmlElementRefs({
        @XmlElementRef(type = VideoModel.class),
        @XmlElementRef(type = Alias.class),
        @XmlElementRef(type = Address.class)
    })
    @XmlAnyElement
    private List<Object> content = new ArrayList<>();

    public Video() {
    }

    @Override
    protected List<Object> children() { return content; }

    public String getAlias() { Alias a = child(Alias.class); return a == null ? null : a.getName(); }
    public Video setAlias(String alias) { setChild(Alias.class, alias == null ? null : new Alias(alias)); return this; }
    public Address getAddress() { return child(Address.class); }
    public Video setAddress(Address address) { setChild(Address.class, address); return this; }

    public VideoModel getModel() { return child(VideoModel.class); }
    public Video setModel(VideoModel model) { setChild(VideoModel.class, model); return this; }

    @Override
    protected List<String> childOrder() { return List.of("driver", "model", "alias", "address"); }
}
