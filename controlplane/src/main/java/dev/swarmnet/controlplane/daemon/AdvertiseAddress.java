package dev.swarmnet.controlplane.daemon;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The address this node tells the others to reach it at ({@code --advertise-addr}), chosen as
 * moby's {@code daemon/cluster/listen_addr.go} does, plus the rule that an explicit IP
 * must belong to one of this host's interfaces. Pure: the interfaces are passed in.
 *
 * <ul>
 *   <li>Given as an interface name: that interface's one IPv4 address (else its one IPv6
 *       address); several of a family is refused.</li>
 *   <li>Given as an IP: it must be assigned to an interface (loopback included, so
 *       {@code 127.0.0.1} works for one-machine tests); {@code 0.0.0.0} is refused.</li>
 *   <li>Not given: the one usable address of the host, skipping interfaces that are down and
 *       loopback and link-local addresses; two candidates on different interfaces is moby's
 *       "could not choose an IP address to advertise" error naming both. Unlike moby, which
 *       looks only at netlink links of type {@code device}, every up interface counts (the JDK
 *       does not tell link types), so veths and bridges are candidates too.</li>
 * </ul>
 * The port is the one given with the address, else the cluster listen port.
 */
public final class AdvertiseAddress {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    /** moby's {@code errBadAdvertiseAddr}. */
    static final String BAD_ADDRESS =
            "advertise address must be a non-zero IP address or network interface (with optional port number)";
    /** moby's {@code errNoIP}. */
    static final String NO_IP = "could not find the system's IP address";

    private AdvertiseAddress() {
    }

    /** A chosen advertise address: an IP literal and a port. */
    public record Chosen(String ip, int port) {
        /** {@code ip:port}, with brackets around an IPv6 address. */
        public String hostPort() {
            return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port;
        }
    }

    /**
     * Chooses the advertise address.
     *
     * @param requested  what the user gave ({@code IP}, {@code IP:PORT}, {@code IFACE},
     *                   {@code IFACE:PORT}), or empty/null for automatic choice
     * @param listenPort the cluster port, used when {@code requested} carries none
     * @param interfaces this host's interfaces
     */
    public static Chosen choose(String requested, int listenPort, List<HostInterface> interfaces)
            throws AdvertiseAddressException {
        if (requested == null || requested.isBlank()) {
            return new Chosen(literal(systemAddress(interfaces)), listenPort);
        }
        String host = requested.trim();
        int port = listenPort;
        int colon = host.lastIndexOf(':');
        if (host.startsWith("[") && host.contains("]")) {
            int close = host.indexOf(']');
            if (close + 1 < host.length()) {
                if (host.charAt(close + 1) != ':') {
                    throw new AdvertiseAddressException(BAD_ADDRESS);
                }
                port = port(host.substring(close + 2));
            }
            host = host.substring(1, close);
        } else if (colon >= 0 && host.indexOf(':') == colon) {
            port = port(host.substring(colon + 1));
            host = host.substring(0, colon);
        }
        for (HostInterface candidate : interfaces) {
            if (candidate.name().equals(host)) {
                return new Chosen(literal(interfaceAddress(candidate)), port);
            }
        }
        InetAddress ip = parseLiteral(host);
        if (ip == null || ip.isAnyLocalAddress()) {
            throw new AdvertiseAddressException(BAD_ADDRESS);
        }
        for (HostInterface candidate : interfaces) {
            if (candidate.addresses().contains(ip)) {
                return new Chosen(literal(ip), port);
            }
        }
        throw new AdvertiseAddressException("advertise address " + host + " is not an address of any interface of "
                + "this host (" + describe(interfaces) + ")");
    }

    /** moby's {@code resolveInterfaceAddr}: the interface's one IPv4 address, else its one IPv6 address. */
    private static InetAddress interfaceAddress(HostInterface candidate) throws AdvertiseAddressException {
        InetAddress v4 = null;
        InetAddress v6 = null;
        for (InetAddress address : candidate.addresses()) {
            if (address instanceof Inet4Address) {
                if (v4 != null) {
                    throw new AdvertiseAddressException("interface " + candidate.name()
                            + " has more than one IPv4 address (" + literal(v4) + " and " + literal(address) + ")");
                }
                v4 = address;
            } else if (address instanceof Inet6Address && !address.isLinkLocalAddress()) {
                if (v6 != null) {
                    throw new AdvertiseAddressException("interface " + candidate.name()
                            + " has more than one IPv6 address (" + literal(v6) + " and " + literal(address) + ")");
                }
                v6 = address;
            }
        }
        if (v4 != null) {
            return v4;
        }
        if (v6 != null) {
            return v6;
        }
        throw new AdvertiseAddressException("interface " + candidate.name() + " has no usable IPv4 or IPv6 address");
    }

    /** moby's {@code resolveSystemAddr} (Linux): the host's only usable address. */
    private static InetAddress systemAddress(List<HostInterface> interfaces) throws AdvertiseAddressException {
        InetAddress chosen = null;
        String chosenInterface = null;
        for (HostInterface candidate : interfaces) {
            if (!candidate.up()) {
                continue;
            }
            InetAddress v4 = null;
            InetAddress v6 = null;
            for (InetAddress address : candidate.addresses()) {
                if (address.isLoopbackAddress() || address.isLinkLocalAddress()) {
                    continue;
                }
                boolean isV4 = address instanceof Inet4Address;
                InetAddress previous = isV4 ? v4 : v6;
                if (previous != null) {
                    throw new AdvertiseAddressException("could not choose an IP address to advertise since this "
                            + "system has multiple addresses on interface " + candidate.name() + " ("
                            + literal(previous) + " and " + literal(address) + ")");
                }
                if (isV4) {
                    v4 = address;
                } else {
                    v6 = address;
                }
            }
            InetAddress usable = v4 != null ? v4 : v6;
            if (usable == null) {
                continue;
            }
            if (chosen != null) {
                throw new AdvertiseAddressException("could not choose an IP address to advertise since this system "
                        + "has multiple addresses on different interfaces (" + literal(chosen) + " on "
                        + chosenInterface + " and " + literal(usable) + " on " + candidate.name() + ")");
            }
            chosen = usable;
            chosenInterface = candidate.name();
        }
        if (chosen == null) {
            throw new AdvertiseAddressException(NO_IP);
        }
        return chosen;
    }

    private static int port(String text) throws AdvertiseAddressException {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 0xffff) {
                return port;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new AdvertiseAddressException("invalid advertise port " + text + ": want 1-65535");
    }

    /** An IP literal, never a DNS lookup; {@code null} if {@code host} is not one. */
    private static InetAddress parseLiteral(String host) {
        if (!IPV4.matcher(host).matches() && !IPV6.matcher(host).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** The address as Go prints it: IPv6 in RFC 5952 form (longest zero run as {@code ::}), no scope. */
    static String literal(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] bytes = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    private static String describe(List<HostInterface> interfaces) {
        List<String> parts = new ArrayList<>();
        for (HostInterface candidate : interfaces) {
            for (InetAddress address : candidate.addresses()) {
                parts.add(literal(address) + " on " + candidate.name());
            }
        }
        return parts.isEmpty() ? "it has no addresses" : "its addresses: " + String.join(", ", parts);
    }
}
