package dev.swarmnet.controlplane.api;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where and how the API listens. Immutable.
 *
 * @param unixSocket          the unix socket path, or {@code null} for none
 * @param tcp                 the TCP address, or {@code null} for none
 * @param allowNonLoopbackTcp the API has no authentication: a non-loopback {@code tcp} address
 *                            is refused unless this is set
 * @param maxRequestBytes     the largest request body accepted (413 above)
 * @param idleTimeout         an idle connection with no request in flight is closed after this
 * @param workerThreads       threads that run endpoints (backend calls may block)
 */
public record ApiServerConfig(Path unixSocket, InetSocketAddress tcp, boolean allowNonLoopbackTcp,
                              int maxRequestBytes, Duration idleTimeout, int workerThreads) {

    /** {@code /run/swarmnet/swarmnet.sock}. */
    public static final Path DEFAULT_UNIX_SOCKET = Path.of("/run/swarmnet/swarmnet.sock");

    /** {@code 127.0.0.1:2375}, Docker's plain-TCP port on loopback. */
    public static final InetSocketAddress DEFAULT_TCP = new InetSocketAddress("127.0.0.1", 2375);

    public ApiServerConfig {
        if (unixSocket == null && tcp == null) {
            throw new IllegalArgumentException("the API needs a unix socket or a TCP address to listen on");
        }
        if (tcp != null && !allowNonLoopbackTcp && (tcp.isUnresolved() || !tcp.getAddress().isLoopbackAddress())) {
            throw new IllegalArgumentException("refusing to serve the API on " + tcp.getHostString() + ":"
                    + tcp.getPort() + ": it is not a loopback address and the API has no authentication; "
                    + "allow non-loopback TCP explicitly to do this");
        }
        if (maxRequestBytes < 1024) {
            throw new IllegalArgumentException("maxRequestBytes must be at least 1024, not " + maxRequestBytes);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive, not " + idleTimeout);
        }
        if (workerThreads < 1) {
            throw new IllegalArgumentException("workerThreads must be at least 1, not " + workerThreads);
        }
    }

    /** The unix socket at the default path only, 1 MiB requests, 2 minutes idle, 4 workers. */
    public static ApiServerConfig defaults() {
        return unixSocket(DEFAULT_UNIX_SOCKET);
    }

    /** The given unix socket only, with default limits. */
    public static ApiServerConfig unixSocket(Path path) {
        return new ApiServerConfig(path, null, false, 1 << 20, Duration.ofMinutes(2), 4);
    }

    /** The same, also listening on TCP. */
    public ApiServerConfig withTcp(InetSocketAddress address, boolean allowNonLoopback) {
        return new ApiServerConfig(unixSocket, address, allowNonLoopback, maxRequestBytes, idleTimeout, workerThreads);
    }

    /** The same with another request size limit. */
    public ApiServerConfig withMaxRequestBytes(int bytes) {
        return new ApiServerConfig(unixSocket, tcp, allowNonLoopbackTcp, bytes, idleTimeout, workerThreads);
    }

    /** The same with another idle timeout. */
    public ApiServerConfig withIdleTimeout(Duration timeout) {
        return new ApiServerConfig(unixSocket, tcp, allowNonLoopbackTcp, maxRequestBytes, timeout, workerThreads);
    }
}
