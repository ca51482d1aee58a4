package dev.swarmnet.controlplane.ingress;

import java.util.Locale;

/**
 * A published port of the routing mesh: a protocol and a port number that every node opens.
 * Immutable value; any thread.
 *
 * @param protocol {@code tcp} or {@code udp}
 * @param port     the published port, 1-65535
 */
public record MeshPort(String protocol, int port) implements Comparable<MeshPort> {
    public MeshPort {
        protocol = protocol == null ? "" : protocol.toLowerCase(Locale.ROOT);
        if (!protocol.equals("tcp") && !protocol.equals("udp")) {
            throw new IllegalArgumentException("published port protocol must be tcp or udp, not '" + protocol + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("published port out of range 1-65535: " + port);
        }
    }

    /** Whether this is a UDP port. */
    public boolean udp() {
        return protocol.equals("udp");
    }

    @Override
    public int compareTo(MeshPort other) {
        int byPort = Integer.compare(port, other.port);
        return byPort != 0 ? byPort : protocol.compareTo(other.protocol);
    }

    @Override
    public String toString() {
        return port + "/" + protocol;
    }
}
