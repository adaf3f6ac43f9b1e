package dev.novalibvirt.core.xml.domain;

import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A disk's {@code <iotune>}: many optional numeric children ({@code total_bytes_sec}, {@code read_iops_sec},
 * {@code ..._max}, {@code ..._max_length}, {@code size_iops_sec}, {@code group_name}). They are kept as elements
 * and read or written by name, which keeps every child libvirt adds without a field per limit.
 */
@XmlRootElement(name = "iotune")
public class IoTune extends XmlNode {
    @XmlAnyElement private List<Object> content = new ArrayList<>();

    @Override
    protected List<Object> children() { return content; }

    /** A limit by element name, e.g. {@code total_bytes_sec}. */
    public OptionalLong get(String name) {
        return otherElement(name).map(e -> OptionalLong.of(Long.parseLong(e.getText())))
                .orElse(OptionalLong.empty());
    }

    /** Sets (or with null removes) a limit by element name, in place if it exists. */
    public IoTune set(String name, Long value) {
        for (int i = 0; i < content.size(); i++) {
            if (content.get(i) instanceof OtherElement e && name.equals(e.getLocalName())) {
                if (value == null) {
                    content.remove(i);
                } else {
                    e.setText(value.toString());
                }
                return this;
            }
        }
        if (value != null) {
            content.add(new OtherElement(name).setText(value.toString()));
        }
        return this;
    }

    /** All children as name to text, in document order. */
    public Map<String, String> asMap() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Object o : content) {
            if (o instanceof OtherElement e) {
                out.put(e.getLocalName(), e.getText());
            }
        }
        return out;
    }
}
