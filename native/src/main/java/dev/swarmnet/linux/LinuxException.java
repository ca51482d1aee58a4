package dev.swarmnet.linux;

import java.io.IOException;

/**
 * A failed Linux call. The message always names the call with its argument and errno's text:
 * {@code ioctl(TUNSETIFF, "swn0") failed: Operation not permitted (EPERM)}.
 *
 * <p>Checked, as an {@link IOException}: every failure here is an environment condition (missing
 * capability, a name already taken, a namespace gone) that the caller must decide about — clean
 * up, retry, or report — and none of these calls sits on the per-packet path.
 *
 * <p>A few arguments the kernel could never accept (an interface name longer than 15 bytes) are
 * refused before the call; the exception then carries the errno the kernel would have returned
 * and says that the call was not made.
 */
public class LinuxException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String call;
    private final int errno;

    /**
     * @param call the call as the message should show it, e.g. {@code open("/dev/net/tun")}
     * @param errno the errno the call left
     */
    public LinuxException(String call, int errno) {
        super(call + " failed: " + Errno.describe(errno));
        this.call = call;
        this.errno = errno;
    }

    private LinuxException(String call, int errno, String reason) {
        super(call + " failed: " + Errno.describe(errno) + "; " + reason);
        this.call = call;
        this.errno = errno;
    }

    /** A call refused before it was made because the kernel would fail it with {@code errno}. */
    static LinuxException refused(String call, int errno, String reason) {
        return new LinuxException(call, errno, reason + ", refused before the call");
    }

    /** The call and its argument, e.g. {@code setns("/var/run/netns/web", CLONE_NEWNET)}. */
    public String call() {
        return call;
    }

    /** The errno value, see {@link Errno}. */
    public int errno() {
        return errno;
    }
}
