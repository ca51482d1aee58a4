package dev.swarmnet.controlplane.daemon;

import dev.swarmnet.controlplane.api.ApiServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/** Configurations of whole daemons run inside a test's JVM, each in its own temporary directory. */
final class LocalDaemons {

    private LocalDaemons() {
    }

    /**
     * A daemon without an agent: data in {@code dir/data}, the API on {@code dir/run/api.sock},
     * Raft and cluster ports free on loopback now.
     */
    static DaemonConfig config(Path dir, String hostname) throws IOException {
        Path socket = dir.resolve("run").resolve("api.sock");
        Files.createDirectories(socket.getParent());
        return new DaemonConfig(dir.resolve("data"), ApiServerConfig.unixSocket(socket), freePort(), freePort(),
                hostname);
    }

    /** A TCP port nothing listens on at the moment, on loopback. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
