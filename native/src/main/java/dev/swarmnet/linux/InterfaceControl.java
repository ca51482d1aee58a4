package dev.swarmnet.linux;

import java.net.Inet4Address;

/**
 * Configures interfaces of one network namespace with {@code SIOCSIF*} ioctls on an
 * {@code AF_INET} datagram socket that lives in that namespace.
 *
 * <p>A socket belongs to the namespace of the thread that created it, for its whole life, so
 * {@link #openInCurrentNamespace()} must run inside the namespace ({@link NetworkNamespace#call}
 * or {@link NetworkNamespace#openInterfaceControl()}); after that any one thread at a time may
 * use it, and its ioctls act on that namespace whatever namespace the calling thread is in.
 * Close it: an open socket keeps a deleted namespace's links alive.
 */
public final class InterfaceControl implements AutoCloseable {

    /** {@code IFF_UP}, {@code linux/if.h}. */
    public static final int IFF_UP = 0x1;

    private final int socket;
    private boolean closed;

    private InterfaceControl(int socket) {
        this.socket = socket;
    }

    /** Opens the control socket in the calling thread's network namespace. */
    public static InterfaceControl openInCurrentNamespace() throws LinuxException {
        return new InterfaceControl(LibC.socket(LibC.AF_INET, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0));
    }

    public void setMtu(String ifname, int mtu) throws LinuxException {
        ioctl(Ioctl.SIOCSIFMTU, ifname, request(Ioctl.SIOCSIFMTU, ifname).intValue(mtu));
    }

    public int mtu(String ifname) throws LinuxException {
        return ioctl(Ioctl.SIOCGIFMTU, ifname, request(Ioctl.SIOCGIFMTU, ifname)).intValue();
    }

    /** Sets the Ethernet address; {@code mac} is 6 bytes. */
    public void setMac(String ifname, byte[] mac) throws LinuxException {
        if (mac.length != IfReq.MAC_LENGTH) {
            throw new IllegalArgumentException("a MAC address has 6 bytes, not " + mac.length);
        }
        ioctl(Ioctl.SIOCSIFHWADDR, ifname, request(Ioctl.SIOCSIFHWADDR, ifname).mac(mac));
    }

    public byte[] mac(String ifname) throws LinuxException {
        return ioctl(Ioctl.SIOCGIFHWADDR, ifname, request(Ioctl.SIOCGIFHWADDR, ifname)).mac();
    }

    /** Sets the transmit queue length ({@code ip link set NAME txqueuelen N}). */
    public void setTxQueueLength(String ifname, int length) throws LinuxException {
        ioctl(Ioctl.SIOCSIFTXQLEN, ifname, request(Ioctl.SIOCSIFTXQLEN, ifname).intValue(length));
    }

    public int txQueueLength(String ifname) throws LinuxException {
        return ioctl(Ioctl.SIOCGIFTXQLEN, ifname, request(Ioctl.SIOCGIFTXQLEN, ifname)).intValue();
    }

    public int index(String ifname) throws LinuxException {
        return ioctl(Ioctl.SIOCGIFINDEX, ifname, request(Ioctl.SIOCGIFINDEX, ifname)).intValue();
    }

    /** The interface flags ({@code IFF_*}) as an unsigned 16-bit value. */
    public int flags(String ifname) throws LinuxException {
        return ioctl(Ioctl.SIOCGIFFLAGS, ifname, request(Ioctl.SIOCGIFFLAGS, ifname)).flags() & 0xffff;
    }

    /** Brings the interface up ({@code ip link set NAME up}), keeping its other flags. */
    public void setUp(String ifname) throws LinuxException {
        int flags = flags(ifname);
        ioctl(Ioctl.SIOCSIFFLAGS, ifname, request(Ioctl.SIOCSIFFLAGS, ifname).flags(flags | IFF_UP));
    }

    /**
     * Sets the interface's primary IPv4 address and prefix ({@code SIOCSIFADDR}, then
     * {@code SIOCSIFNETMASK}), which also installs the connected route once the link is up.
     * Replaces an address set this way before; it does not add a second one.
     */
    public void setIpv4(String ifname, Inet4Address address, int prefixLength) throws LinuxException {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("IPv4 prefix length " + prefixLength + " is not in 0..32");
        }
        int mask = prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
        byte[] maskBytes = {(byte) (mask >>> 24), (byte) (mask >>> 16), (byte) (mask >>> 8), (byte) mask};
        String subject = LibC.quote(ifname) + ", " + address.getHostAddress();
        LibC.ioctl(checkOpen(), Ioctl.SIOCSIFADDR, subject,
            request(Ioctl.SIOCSIFADDR, ifname).ipv4(address.getAddress()).pointer());
        LibC.ioctl(checkOpen(), Ioctl.SIOCSIFNETMASK, LibC.quote(ifname) + ", /" + prefixLength,
            request(Ioctl.SIOCSIFNETMASK, ifname).ipv4(maskBytes).pointer());
    }

    /** Closes the socket; idempotent. */
    @Override
    public void close() throws LinuxException {
        if (!closed) {
            closed = true;
            LibC.close(socket);
        }
    }

    private static IfReq request(Ioctl request, String ifname) throws LinuxException {
        return IfReq.forName(ifname, "ioctl(" + request + ", " + LibC.quote(ifname) + ")");
    }

    private IfReq ioctl(Ioctl request, String ifname, IfReq req) throws LinuxException {
        LibC.ioctl(checkOpen(), request, LibC.quote(ifname), req.pointer());
        return req;
    }

    private int checkOpen() {
        if (closed) {
            throw new IllegalStateException("interface control socket is closed");
        }
        return socket;
    }
}
