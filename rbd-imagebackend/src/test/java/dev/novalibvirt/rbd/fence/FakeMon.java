package dev.novalibvirt.rbd.fence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A monitor that keeps an in-memory blocklist, answering the three commands CephBlocklist sends. */
final class FakeMon implements MonCommand {
    private static final ObjectMapper JSON = new ObjectMapper();
    final Map<String, Double> blocklist = new LinkedHashMap<>();
    final List<String> commands = new ArrayList<>();

    @Override
    public String execute(Map<String, Object> command) {
        try {
            String jsonCommand = JSON.writeValueAsString(command);
            commands.add(jsonCommand);
            JsonNode c = JSON.readTree(jsonCommand);
            switch (c.get("prefix").asText()) {
                case "osd blocklist" -> {
                    if (c.get("blocklistop").asText().equals("add")) {
                        blocklist.put(c.get("addr").asText(), c.get("expire").asDouble());
                    } else {
                        blocklist.remove(c.get("addr").asText());
                    }
                    return "";
                }
                case "osd blocklist ls" -> {
                    var arr = JSON.createArrayNode();
                    blocklist.keySet().forEach(a -> arr.addObject().put("addr", a).put("until", "2026-11-21T09:00:00"));
                    return arr.toString();
                }
                default -> throw new FenceException("unknown command " + jsonCommand);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
