package dev.swarmnet.controlplane.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Set;

/**
 * A {@code -p/--publish} value as a Docker {@code PortConfig}: the short form
 * {@code [published:]target[/protocol]} (always {@code ingress}) or the long form
 * {@code mode=ingress,target=80,published=8080,protocol=tcp}. Pure.
 */
public final class PortSpec {

    private static final Set<String> PROTOCOLS = Set.of("tcp", "udp", "sctp");
    private static final Set<String> MODES = Set.of("ingress", "host");

    private PortSpec() {
    }

    /**
     * The PortConfig in Go's field order: Protocol, TargetPort, PublishedPort (absent when the
     * server is to choose), PublishMode.
     *
     * @throws IllegalArgumentException naming what is wrong with {@code value}
     */
    public static ObjectNode parse(String value) {
        return value.contains("=") ? parseLong(value) : parseShort(value);
    }

    private static ObjectNode parseShort(String value) {
        String ports = value;
        String protocol = "tcp";
        int slash = value.indexOf('/');
        if (slash >= 0) {
            ports = value.substring(0, slash);
            protocol = value.substring(slash + 1).toLowerCase(Locale.ROOT);
        }
        String[] parts = ports.split(":", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("invalid argument \"" + value + "\" for \"-p, --publish\" flag: "
                    + "hostip is not supported");
        }
        int target = port(parts[parts.length - 1], value);
        Integer published = parts.length == 2 && !parts[0].isEmpty() ? port(parts[0], value) : null;
        return config(protocol, target, published, "ingress", value);
    }

    private static ObjectNode parseLong(String value) {
        String protocol = "tcp";
        String mode = "ingress";
        Integer target = null;
        Integer published = null;
        for (String field : value.split(",")) {
            int equals = field.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("invalid field '" + field + "' must be a key=value pair");
            }
            String key = field.substring(0, equals).toLowerCase(Locale.ROOT).trim();
            String v = field.substring(equals + 1).trim();
            switch (key) {
                case "protocol" -> protocol = v.toLowerCase(Locale.ROOT);
                case "mode" -> mode = v.toLowerCase(Locale.ROOT);
                case "target" -> target = port(v, value);
                case "published" -> published = port(v, value);
                default -> throw new IllegalArgumentException("invalid field key " + key);
            }
        }
        if (target == null) {
            throw new IllegalArgumentException("missing mandatory field \"target\"");
        }
        if (!MODES.contains(mode)) {
            throw new IllegalArgumentException("invalid publish mode value (" + mode + "): must be either \"ingress\" "
                    + "or \"host\"");
        }
        return config(protocol, target, published, mode, value);
    }

    private static ObjectNode config(String protocol, int target, Integer published, String mode, String value) {
        if (!PROTOCOLS.contains(protocol)) {
            throw new IllegalArgumentException("invalid protocol '" + protocol + "' in \"" + value
                    + "\": use tcp, udp or sctp");
        }
        ObjectNode port = ApiClient.json().createObjectNode();
        port.put("Protocol", protocol);
        port.put("TargetPort", target);
        if (published != null) {
            port.put("PublishedPort", published);
        }
        port.put("PublishMode", mode);
        return port;
    }

    private static int port(String text, String value) {
        try {
            int port = Integer.parseInt(text.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("invalid port '" + text + "' in \"" + value + "\"");
    }

    /** {@code published:target/protocol/mode}, the key Docker sorts published ports by. */
    static String sortKey(JsonNode port) {
        return port.path("PublishedPort").asLong(0) + ":" + port.path("TargetPort").asLong(0) + "/"
                + port.path("Protocol").asText("tcp") + "/" + port.path("PublishMode").asText("ingress");
    }
}
