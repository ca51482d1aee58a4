package dev.swarmnet.controlplane.state;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Syntax checks for the addresses commands carry: {@code ip:port} and IPv4 CIDR blocks. */
final class AddressSyntax {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern HOST_PORT = Pattern.compile("(.+):(\\d{1,5})");
    private static final Pattern CIDR = Pattern.compile("(.+)/(\\d{1,2})");

    private AddressSyntax() {
    }

    /** {@code a.b.c.d:port} or {@code [v6]:port}, port 1–65535. */
    static boolean isHostPort(String address) {
        if (address == null) {
            return false;
        }
        Matcher m = HOST_PORT.matcher(address);
        if (!m.matches()) {
            return false;
        }
        int port = Integer.parseInt(m.group(2));
        String host = m.group(1);
        boolean hostOk = isIpv4(host) || (host.startsWith("[") && host.endsWith("]") && host.length() > 3
                && host.substring(1, host.length() - 1).matches("[0-9a-fA-F:.]+") && host.contains(":"));
        return hostOk && port >= 1 && port <= 65_535;
    }

    /** The prefix length of an IPv4 CIDR block such as {@code 10.0.0.0/8}, or -1 if it is not one. */
    static int ipv4PrefixLength(String cidr) {
        if (cidr == null) {
            return -1;
        }
        Matcher m = CIDR.matcher(cidr);
        if (!m.matches() || !isIpv4(m.group(1))) {
            return -1;
        }
        int length = Integer.parseInt(m.group(2));
        return length <= 32 ? length : -1;
    }

    static boolean isIpv4(String host) {
        Matcher m = IPV4.matcher(host);
        if (!m.matches()) {
            return false;
        }
        for (int i = 1; i <= 4; i++) {
            if (Integer.parseInt(m.group(i)) > 255) {
                return false;
            }
        }
        return true;
    }
}
