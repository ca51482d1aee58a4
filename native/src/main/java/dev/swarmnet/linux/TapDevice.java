package dev.swarmnet.linux;

import java.net.Inet4Address;
import java.util.concurrent.atomic.AtomicInteger;
import jnr.ffi.Pointer;

/**
 * A TAP device created inside a network namespace, and the non-blocking fd through which the
 * data plane reads and writes its Ethernet frames (one {@code read}/{@code write} is one frame).
 *
 * <p>The device is created by a thread that has entered the namespace, so it is born there and
 * never appears in the root namespace. It is not persistent: closing the fd destroys it, and
 * deleting the namespace destroys it too (reads then fail with EFAULT, writes with EBADFD).
 *
 * <p>The fd is {@code O_NONBLOCK | O_CLOEXEC}. Hand it to exactly one event loop; closing it does
 * not wake a thread blocked in {@code read}, so cancel the loop's registration first, then
 * {@link #close()}. Creation and configuration methods may be called from any thread except an
 * event loop (they start a thread and wait for it).
 */
public final class TapDevice implements AutoCloseable {

    /** {@code linux/if_tun.h} flags for {@link Ioctl#TUNSETIFF}. */
    public static final int IFF_TAP = 0x0002;
    public static final int IFF_NO_PI = 0x1000;
    public static final int IFF_VNET_HDR = 0x4000;

    /** {@code TUN_F_*} offloads for {@link #setOffloads(int)}. */
    public static final int TUN_F_CSUM = 0x01;
    public static final int TUN_F_TSO4 = 0x02;
    public static final int TUN_F_TSO6 = 0x04;
    public static final int TUN_F_USO4 = 0x20;
    public static final int TUN_F_USO6 = 0x40;

    /** Size of the {@code virtio_net_hdr_v1} prefix when the vnet header is on. */
    public static final int VNET_HEADER_SIZE = 12;

    static final String TUN_PATH = "/dev/net/tun";

    private final AtomicInteger fd;
    private final String name;
    private final NetworkNamespace namespace;
    private final boolean vnetHeader;

    private TapDevice(int fd, String name, NetworkNamespace namespace, boolean vnetHeader) {
        this.fd = new AtomicInteger(fd);
        this.name = name;
        this.namespace = namespace;
        this.vnetHeader = vnetHeader;
    }

    /**
     * Creates the TAP inside {@code namespace}, sets its MTU, MAC and txqueuelen, and brings it up.
     *
     * @throws LinuxException e.g. {@code ioctl(TUNSETIFF, "swn0") failed: Device or resource busy
     *     (EBUSY)} when another fd holds a TAP of that name; nothing is left behind on failure
     */
    public static TapDevice create(NetworkNamespace namespace, TapConfig config) throws LinuxException {
        return namespace.call(() -> {
            int fd = LibC.open(TUN_PATH, LibC.O_RDWR | LibC.O_NONBLOCK | LibC.O_CLOEXEC, 0);
            try {
                String name = attach(fd, config);
                try (InterfaceControl links = InterfaceControl.openInCurrentNamespace()) {
                    links.setMtu(name, config.mtu());
                    byte[] mac = config.mac();
                    if (mac != null) {
                        links.setMac(name, mac);
                    }
                    links.setTxQueueLength(name, config.txQueueLength());
                    links.setUp(name);
                }
                return new TapDevice(fd, name, namespace, config.vnetHeader());
            } catch (LinuxException | RuntimeException | Error e) {
                try {
                    LibC.close(fd);
                } catch (LinuxException closeFailure) {
                    e.addSuppressed(closeFailure);
                }
                throw e;
            }
        });
    }

    /** TUNSETIFF (and TUNSETVNETHDRSZ); returns the name the kernel gave the device. */
    private static String attach(int fd, TapConfig config) throws LinuxException {
        String subject = LibC.quote(config.name());
        IfReq req = IfReq.forName(config.name(), "ioctl(" + Ioctl.TUNSETIFF + ", " + subject + ")");
        req.flags(IFF_TAP | IFF_NO_PI | (config.vnetHeader() ? IFF_VNET_HDR : 0));
        LibC.ioctl(fd, Ioctl.TUNSETIFF, subject, req.pointer());
        String name = req.name();
        if (config.vnetHeader()) {
            Pointer size = LibC.allocate(Integer.BYTES);
            size.putInt(0, VNET_HEADER_SIZE);
            LibC.ioctl(fd, Ioctl.TUNSETVNETHDRSZ, LibC.quote(name) + ", " + VNET_HEADER_SIZE, size);
        }
        return name;
    }

    /** The frame fd: {@code O_RDWR | O_NONBLOCK | O_CLOEXEC}. */
    public int fd() {
        int current = fd.get();
        if (current < 0) {
            throw new IllegalStateException("TAP " + name + " is closed");
        }
        return current;
    }

    /** The device name inside {@link #namespace()}. */
    public String name() {
        return name;
    }

    /** The namespace the device lives in; this device does not own (close) it. */
    public NetworkNamespace namespace() {
        return namespace;
    }

    /** Whether frames carry a {@value #VNET_HEADER_SIZE}-byte virtio-net header. */
    public boolean vnetHeader() {
        return vnetHeader;
    }

    /**
     * Tells the kernel which offloads the reader handles ({@code TUN_F_*}); with any of them on it
     * may hand over partially checksummed frames and segmentation super-frames. Needs the vnet
     * header.
     */
    public void setOffloads(int tunFlags) throws LinuxException {
        if (!vnetHeader) {
            throw new IllegalStateException("TAP " + name + " has no vnet header; offloads need one");
        }
        LibC.ioctl(fd(), Ioctl.TUNSETOFFLOAD, LibC.quote(name) + ", 0x" + Integer.toHexString(tunFlags), tunFlags);
    }

    /**
     * Sets the device's IPv4 address and prefix inside its namespace; see
     * {@link InterfaceControl#setIpv4}. For the default route use
     * {@link NetworkNamespace#replaceDefaultRoute}.
     */
    public void assignIpv4(Inet4Address address, int prefixLength) throws LinuxException {
        try (InterfaceControl links = namespace.openInterfaceControl()) {
            links.setIpv4(name, address, prefixLength);
        }
    }

    /** Closes the fd, which destroys the device. Idempotent. */
    @Override
    public void close() throws LinuxException {
        int current = fd.getAndSet(-1);
        if (current >= 0) {
            LibC.close(current);
        }
    }

    @Override
    public String toString() {
        return "TAP " + name + " in " + namespace;
    }
}
