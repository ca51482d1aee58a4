package dev.swarmnet.controlplane.cluster;

/**
 * An {@code ip:port} address as the cluster writes it ({@code [v6]:port} for IPv6). Immutable.
 */
record HostPort(String host, int port) {

    /** Parses {@code address}; throws {@link IllegalArgumentException} naming it if it is not {@code host:port}. */
    static HostPort parse(String address) {
        int colon = address == null ? -1 : address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new IllegalArgumentException("invalid address " + address + ": want ip:port");
        }
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid address " + address + ": want ip:port", e);
        }
        if (port < 1 || port > 0xffff) {
            throw new IllegalArgumentException("invalid address " + address + ": port out of range");
        }
        return new HostPort(host, port);
    }

    static String format(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
