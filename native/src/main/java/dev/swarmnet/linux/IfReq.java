package dev.swarmnet.linux;

import java.nio.charset.StandardCharsets;
import jnr.ffi.Pointer;

/**
 * Flyweight over a {@code struct ifreq} ({@code linux/if.h}) in native memory, for the
 * interface ioctls. Layout on 64-bit Linux, 40 bytes:
 *
 * <pre>
 *  0             16                                          40
 *  +-------------+-------------------------------------------+
 *  | ifr_name    | union, one of:                            |
 *  | [IFNAMSIZ], |   short ifr_flags                         |
 *  | NUL-ended   |   int ifr_mtu / ifr_qlen / ifr_ifindex    |
 *  |             |   sockaddr_in: family(2) port(2) addr(4)  |
 *  |             |   sockaddr hwaddr: family(2) mac(6)       |
 *  +-------------+-------------------------------------------+
 * </pre>
 *
 * <p>Multi-byte union fields are in host byte order except {@code in_addr} and the port, which are
 * in network order. Confined to the thread that uses it.
 */
final class IfReq {

    /** {@code IFNAMSIZ}: the name buffer, including its terminating NUL. */
    static final int IFNAMSIZ = 16;
    static final int SIZE = 40;

    private static final int NAME_OFFSET = 0;
    private static final int UNION_OFFSET = 16;
    private static final int SA_FAMILY_OFFSET = UNION_OFFSET;
    private static final int SIN_ADDR_OFFSET = UNION_OFFSET + 4;
    private static final int HWADDR_OFFSET = UNION_OFFSET + 2;

    static final int ARPHRD_ETHER = 1;
    static final int MAC_LENGTH = 6;

    private final Pointer memory = LibC.allocate(SIZE);

    private IfReq() {
    }

    /**
     * A zeroed ifreq naming {@code name}.
     *
     * @param call the call the name is meant for, named in the exception if the name is too long
     * @throws LinuxException EINVAL, refused before the call, if the name does not fit in IFNAMSIZ
     */
    static IfReq forName(String name, String call) throws LinuxException {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length >= IFNAMSIZ) {
            throw LinuxException.refused(call, Errno.EINVAL,
                "interface names are at most " + (IFNAMSIZ - 1) + " bytes, this one has " + bytes.length);
        }
        IfReq req = new IfReq();
        req.memory.put(NAME_OFFSET, bytes, 0, bytes.length);
        return req;
    }

    Pointer pointer() {
        return memory;
    }

    /** The name, as the kernel may have rewritten it (e.g. {@code tap%d} becomes {@code tap0}). */
    String name() {
        byte[] bytes = new byte[IFNAMSIZ];
        memory.get(NAME_OFFSET, bytes, 0, IFNAMSIZ);
        int length = 0;
        while (length < IFNAMSIZ && bytes[length] != 0) {
            length++;
        }
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    short flags() {
        return memory.getShort(UNION_OFFSET);
    }

    IfReq flags(int flags) {
        memory.putShort(UNION_OFFSET, (short) flags);
        return this;
    }

    /** The int member of the union: {@code ifr_mtu}, {@code ifr_qlen} or {@code ifr_ifindex}. */
    int intValue() {
        return memory.getInt(UNION_OFFSET);
    }

    IfReq intValue(int value) {
        memory.putInt(UNION_OFFSET, value);
        return this;
    }

    /** {@code ifr_addr} as a {@code sockaddr_in} with port 0; {@code address} in network order. */
    IfReq ipv4(byte[] address) {
        memory.putShort(SA_FAMILY_OFFSET, (short) LibC.AF_INET);
        memory.put(SIN_ADDR_OFFSET, address, 0, 4);
        return this;
    }

    /** {@code ifr_hwaddr} as an Ethernet address. */
    IfReq mac(byte[] mac) {
        memory.putShort(SA_FAMILY_OFFSET, (short) ARPHRD_ETHER);
        memory.put(HWADDR_OFFSET, mac, 0, MAC_LENGTH);
        return this;
    }

    byte[] mac() {
        byte[] mac = new byte[MAC_LENGTH];
        memory.get(HWADDR_OFFSET, mac, 0, MAC_LENGTH);
        return mac;
    }
}
