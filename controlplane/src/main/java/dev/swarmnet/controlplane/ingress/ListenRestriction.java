package dev.swarmnet.controlplane.ingress;

import dev.swarmnet.dataplane.program.Network;
import dev.swarmnet.dataplane.wire.Ipv4;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Which of a node's addresses a service's published ports listen on: the service label
 * {@value #LABEL}{@code =CIDR[,CIDR...]} (a bare address is a /32), for the long-standing request
 * to publish a swarm port on one interface or address only (moby/moby#26696). On every node the
 * mesh listens on the addresses the node's {@code ingress.listen} allows (all of the node's
 * IPv4 addresses when it allows any) that lie inside one of the blocks: {@code 127.0.0.1} keeps a
 * port on each node's loopback (for a local reverse proxy), {@code 10.0.0.0/8} on its private
 * side. A node with no such address does not open the port, and says why.
 *
 * <p>A label that does not parse restricts the port to nowhere ({@link #problem()} says why):
 * a listen restriction fails closed. The API refuses such a label before it reaches the
 * cluster, so that only happens to labels written some other way. Pure and immutable.
 */
public final class ListenRestriction {
    /** The service label. */
    public static final String LABEL = "swarmnet.ingress.listen";
    /** No label: every address the node allows. */
    public static final ListenRestriction ANYWHERE = new ListenRestriction("", new int[0], new int[0], null);

    private final String text;
    private final int[] networks;
    private final int[] prefixes;
    private final String problem;

    private ListenRestriction(String text, int[] networks, int[] prefixes, String problem) {
        this.text = text;
        this.networks = networks;
        this.prefixes = prefixes;
        this.problem = problem;
    }

    /**
     * The restriction a label value gives: {@link #ANYWHERE} for null or blank; a restriction to
     * nowhere, with its {@link #problem()}, for a value that does not parse.
     */
    public static ListenRestriction ofLabel(String label) {
        try {
            return parse(label);
        } catch (IllegalArgumentException e) {
            return new ListenRestriction(label.strip(), new int[0], new int[0], e.getMessage());
        }
    }

    /**
     * Parses a label value: comma-separated IPv4 addresses or CIDR blocks; null or blank is
     * {@link #ANYWHERE}.
     *
     * @throws IllegalArgumentException naming the part that is not an IPv4 address or block
     */
    public static ListenRestriction parse(String label) {
        if (label == null || label.isBlank()) {
            return ANYWHERE;
        }
        String[] parts = label.split(",", -1);
        int[] networks = new int[parts.length];
        int[] prefixes = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].strip();
            int slash = part.indexOf('/');
            try {
                int address = Ipv4.parse(slash < 0 ? part : part.substring(0, slash));
                int prefix = slash < 0 ? 32 : Integer.parseInt(part.substring(slash + 1));
                if (prefix < 0 || prefix > 32) {
                    throw new IllegalArgumentException("prefix length " + prefix);
                }
                networks[i] = address & Network.mask(prefix);
                prefixes[i] = prefix;
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(LABEL + "=" + label.strip() + ": '" + part
                        + "' is not an IPv4 address or CIDR block (a.b.c.d or a.b.c.d/n, comma-separated)");
            }
        }
        return new ListenRestriction(label.strip(), networks, prefixes, null);
    }

    /** Whether this is no restriction at all. */
    public boolean anywhere() {
        return problem == null && networks.length == 0;
    }

    /** Why the label restricts the port to nowhere, or null when it parsed. */
    public String problem() {
        return problem;
    }

    /** Whether a port may listen on {@code address} (never, for an IPv6 address under a restriction). */
    public boolean allows(InetAddress address) {
        if (anywhere()) {
            return true;
        }
        if (!(address instanceof Inet4Address)) {
            return false;
        }
        byte[] b = address.getAddress();
        int value = (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
        for (int i = 0; i < networks.length; i++) {
            if ((value & Network.mask(prefixes[i])) == networks[i]) {
                return true;
            }
        }
        return false;
    }

    /**
     * The addresses to listen on: each of the node's {@code configured} addresses that this
     * allows, a wildcard one standing for the node's own addresses ({@code local}, asked only
     * when needed). Without a restriction, {@code configured} unchanged.
     */
    public List<InetAddress> select(List<InetAddress> configured, Supplier<List<InetAddress>> local) {
        if (anywhere()) {
            return configured;
        }
        Set<InetAddress> chosen = new LinkedHashSet<>();
        List<InetAddress> own = null;
        for (InetAddress address : configured) {
            if (address.isAnyLocalAddress()) {
                if (own == null) {
                    own = local.get();
                }
                own.stream().filter(this::allows).forEach(chosen::add);
            } else if (allows(address)) {
                chosen.add(address);
            }
        }
        return new ArrayList<>(chosen);
    }

    /** Equal when written the same (the blocks and any problem follow from the text). */
    @Override
    public boolean equals(Object o) {
        return o instanceof ListenRestriction other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** The label as written ({@code ""} for none). */
    @Override
    public String toString() {
        return text;
    }
}
