package dev.swarmnet.linux;

/**
 * The ioctl requests this module issues, with their numbers, so that a failure can name the
 * request ({@code ioctl(TUNSETIFF, "swn0") failed: ...}).
 *
 * <p>Numbers are those of {@code linux/if_tun.h}, {@code linux/sockios.h} and {@code linux/nsfs.h},
 * identical on x86-64 and arm64.
 */
public enum Ioctl {
    /** Attach the tun fd to a new or existing TUN/TAP device; arg {@code struct ifreq *}. */
    TUNSETIFF(0x400454caL),
    /** Size of the virtio-net header on a TAP opened with {@code IFF_VNET_HDR}; arg {@code int *}. */
    TUNSETVNETHDRSZ(0x400454d8L),
    /** Offloads the reader accepts ({@code TUN_F_*}); arg passed by value. */
    TUNSETOFFLOAD(0x400454d0L),
    SIOCGIFFLAGS(0x8913L),
    SIOCSIFFLAGS(0x8914L),
    SIOCSIFADDR(0x8916L),
    SIOCSIFNETMASK(0x891cL),
    SIOCGIFMTU(0x8921L),
    SIOCSIFMTU(0x8922L),
    SIOCSIFHWADDR(0x8924L),
    SIOCGIFHWADDR(0x8927L),
    SIOCGIFINDEX(0x8933L),
    SIOCGIFTXQLEN(0x8942L),
    SIOCSIFTXQLEN(0x8943L),
    /** Namespace type of an nsfs fd ({@code CLONE_NEW*}), returned as the result; no arg. */
    NS_GET_NSTYPE(0xb703L);

    private final long request;

    Ioctl(long request) {
        this.request = request;
    }

    /** The request number passed to {@code ioctl(2)}. */
    public long request() {
        return request;
    }
}
