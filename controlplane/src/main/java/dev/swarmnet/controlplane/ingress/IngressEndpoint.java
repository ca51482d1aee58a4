package dev.swarmnet.controlplane.ingress;

import dev.swarmnet.linux.InterfaceControl;
import dev.swarmnet.linux.Ioctl;
import dev.swarmnet.linux.LibC;
import dev.swarmnet.linux.LinuxException;
import dev.swarmnet.linux.TapDevice;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The node's own endpoint on the ingress network: a TAP in the daemon's network namespace
 * carrying the node's ingress address ({@code Node.attachments}), so the kernel routes the
 * ingress subnet through it into the data plane, which carries it over the overlay to any task.
 * The routing-mesh proxy connects to task ingress addresses and the kernel does the rest.
 *
 * <p>Made with {@code TUNSETIFF} in the current namespace (the native module's
 * {@link TapDevice} wants a named namespace, and the daemon's own may have none), no virtio-net
 * header, MAC {@code 02:42:} + address bytes like a task's. The TAP lives as long as its file
 * descriptor: closing it (or the daemon dying) removes the link and its route.
 *
 * <p>Thread: any; not shared.
 */
public final class IngressEndpoint implements AutoCloseable {
    private static final int IFREQ_SIZE = 40;
    private static final int IFNAMSIZ = 16;

    private final int fd;
    private final String name;
    private final String cidr;
    private boolean closed;

    private IngressEndpoint(int fd, String name, String cidr) {
        this.fd = fd;
        this.name = name;
        this.cidr = cidr;
    }

    /** The TAP name for node {@code nodeId}: {@code swn-in-} and the id's first 8 characters. */
    public static String linkName(String nodeId) {
        Objects.requireNonNull(nodeId, "nodeId");
        return "swn-in-" + nodeId.substring(0, Math.min(8, nodeId.length()));
    }

    /**
     * Creates TAP {@code name} (at most 15 characters) with {@code cidr} ({@code 10.0.0.2/24})
     * and {@code mtu}, up, in the current network namespace.
     *
     * @throws IOException naming the link when the kernel refuses (name taken, no /dev/net/tun)
     */
    public static IngressEndpoint create(String name, String cidr, int mtu) throws IOException {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(cidr, "cidr");
        if (name.isEmpty() || name.length() >= IFNAMSIZ) {
            throw new IllegalArgumentException("link name must be 1-15 characters: '" + name + "'");
        }
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("ingress address must be ip/prefix, not '" + cidr + "'");
        }
        InetAddress parsed = InetAddress.getByName(cidr.substring(0, slash));
        if (!(parsed instanceof Inet4Address address) || cidr.indexOf(':') >= 0) {
            throw new IllegalArgumentException("ingress address must be IPv4: '" + cidr + "'");
        }
        int prefix = Integer.parseInt(cidr.substring(slash + 1));
        int fd = LibC.open("/dev/net/tun", LibC.O_RDWR | LibC.O_NONBLOCK | LibC.O_CLOEXEC, 0);
        try {
            Pointer request = Memory.allocateDirect(Runtime.getSystemRuntime(), IFREQ_SIZE, true);
            byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
            request.put(0, bytes, 0, bytes.length);
            request.putShort(IFNAMSIZ, (short) (TapDevice.IFF_TAP | TapDevice.IFF_NO_PI));
            LibC.ioctl(fd, Ioctl.TUNSETIFF, "\"" + name + "\"", request);
            byte[] ip = address.getAddress();
            try (InterfaceControl links = InterfaceControl.openInCurrentNamespace()) {
                links.setMtu(name, mtu);
                links.setMac(name, new byte[]{0x02, 0x42, ip[0], ip[1], ip[2], ip[3]});
                links.setUp(name);
                links.setIpv4(name, address, prefix);
            }
            return new IngressEndpoint(fd, name, cidr);
        } catch (LinuxException | RuntimeException e) {
            try {
                LibC.close(fd);
            } catch (LinuxException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** The frame fd to attach to the data plane (non-blocking, no virtio-net header). */
    public int fd() {
        return fd;
    }

    /** The link name. */
    public String name() {
        return name;
    }

    /** Its address with prefix ({@code 10.0.0.2/24}). */
    public String cidr() {
        return cidr;
    }

    /** Closes the fd: the kernel removes the link and its route. Idempotent. */
    @Override
    public synchronized void close() throws LinuxException {
        if (!closed) {
            closed = true;
            LibC.close(fd);
        }
    }

    @Override
    public String toString() {
        return name + " " + cidr;
    }
}
