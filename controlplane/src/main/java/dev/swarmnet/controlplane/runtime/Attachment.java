package dev.swarmnet.controlplane.runtime;

import java.net.Inet4Address;
import java.util.Objects;

/**
 * One network interface of a task: a TAP named {@code interfaceName} inside the task's namespace
 * with its IPv4 address, MAC and MTU. The first attachment's gateway is the task's default route
 * and DNS server.
 *
 * @param interfaceName {@code eth0}, {@code eth1}, ... (at most 15 bytes)
 * @param address       the task's address on the network
 * @param prefixLength  the network's prefix length
 * @param gateway       the network's gateway ({@code .1}), answered by the data plane
 * @param mtu           the link MTU (1450 on overlays)
 */
public record Attachment(String interfaceName, Inet4Address address, int prefixLength, Inet4Address gateway,
                         int mtu) {
    /** Longest Linux interface name (IFNAMSIZ - 1). */
    public static final int MAX_NAME_LENGTH = 15;

    public Attachment {
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(gateway, "gateway");
        if (interfaceName.isEmpty() || interfaceName.length() > MAX_NAME_LENGTH || interfaceName.contains("/")
                || interfaceName.contains("%") || interfaceName.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("interface name \"" + interfaceName
                + "\" is not a Linux link name (1.." + MAX_NAME_LENGTH + " characters, no '/', '%' or spaces)");
        }
        if (prefixLength < 1 || prefixLength > 30) {
            throw new IllegalArgumentException("prefix length /" + prefixLength + " of " + interfaceName
                + " leaves no room for a gateway and a task (1..30)");
        }
        if (mtu < 68 || mtu > 65535) {
            throw new IllegalArgumentException("MTU " + mtu + " of " + interfaceName + " is not in 68..65535");
        }
    }

    /** {@code eth<index>}: the Docker name of a task's index-th network. */
    public static String interfaceName(int index) {
        return "eth" + index;
    }

    /** The endpoint MAC Docker uses: {@code 02:42:} followed by the four address bytes. */
    public byte[] mac() {
        byte[] ip = address.getAddress();
        return new byte[] {0x02, 0x42, ip[0], ip[1], ip[2], ip[3]};
    }

    /** {@link #mac()} as {@code 02:42:0a:00:01:05}. */
    public String macText() {
        StringBuilder text = new StringBuilder(17);
        for (byte b : mac()) {
            if (text.length() > 0) {
                text.append(':');
            }
            text.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return text.toString();
    }

    /** {@code address/prefix}, as {@code ip addr} shows it. */
    public String cidr() {
        return address.getHostAddress() + "/" + prefixLength;
    }
}
