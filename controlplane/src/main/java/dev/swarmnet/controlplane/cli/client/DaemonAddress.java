package dev.swarmnet.controlplane.cli.client;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the daemon's API listens, written as Docker writes {@code DOCKER_HOST}:
 * {@code unix:///path/to.sock} or {@code tcp://host:port}. Immutable.
 *
 * @param uri    the address as the user should see it in messages
 * @param family {@code UNIX} or {@code INET}
 * @param socket the address to connect to
 */
public record DaemonAddress(String uri, StandardProtocolFamily family, SocketAddress socket) {

    /** The daemon's default socket, {@code unix:///run/swarmnet/swarmnet.sock}. */
    public static final String DEFAULT = "unix:///run/swarmnet/swarmnet.sock";

    /** Docker's plain-TCP port, used when a {@code tcp://} address names none. */
    static final int DEFAULT_TCP_PORT = 2375;

    /**
     * Parses an address.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    public static DaemonAddress parse(String text) {
        if (text.startsWith("unix://")) {
            String path = text.substring("unix://".length());
            if (path.isEmpty()) {
                throw new IllegalArgumentException("invalid host '" + text + "': the unix socket path is empty");
            }
            return new DaemonAddress(text, StandardProtocolFamily.UNIX, UnixDomainSocketAddress.of(Path.of(path)));
        }
        if (text.startsWith("tcp://")) {
            String rest = text.substring("tcp://".length());
            if (rest.endsWith("/")) {
                rest = rest.substring(0, rest.length() - 1);
            }
            int bracket = rest.startsWith("[") ? rest.indexOf(']') : -1;
            int colon = rest.indexOf(':', Math.max(bracket, 0));
            if (bracket < 0 && colon >= 0 && rest.indexOf(':', colon + 1) >= 0) {
                throw new IllegalArgumentException("invalid host '" + text + "': put an IPv6 address in brackets");
            }
            String host = colon < 0 ? rest : rest.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            if (host.isEmpty()) {
                throw new IllegalArgumentException("invalid host '" + text + "': no host name");
            }
            int port = DEFAULT_TCP_PORT;
            if (colon >= 0) {
                try {
                    port = Integer.parseInt(rest.substring(colon + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("invalid host '" + text + "': bad port");
                }
                if (port < 1 || port > 65535) {
                    throw new IllegalArgumentException("invalid host '" + text + "': port out of range");
                }
            }
            return new DaemonAddress(text, StandardProtocolFamily.INET, new InetSocketAddress(host, port));
        }
        throw new IllegalArgumentException("invalid host '" + text + "': use unix:///path or tcp://host:port");
    }

    /**
     * The address to use: the {@code --host} option if given, else {@code SWARMNET_HOST}, else
     * {@code DOCKER_HOST}, else {@link #DEFAULT}.
     */
    public static DaemonAddress choose(String option, Map<String, String> environment) {
        for (String candidate : new String[] {option, environment.get("SWARMNET_HOST"),
                environment.get("DOCKER_HOST")}) {
            if (candidate != null && !candidate.isBlank()) {
                return parse(candidate.trim());
            }
        }
        return parse(DEFAULT);
    }

    /** The {@code Host} header: Docker's placeholder for unix sockets, host:port for TCP. */
    String hostHeader() {
        if (socket instanceof InetSocketAddress inet) {
            return inet.getHostString() + ":" + inet.getPort();
        }
        return "api.moby.localhost";
    }

    @Override
    public String toString() {
        return uri;
    }
}
