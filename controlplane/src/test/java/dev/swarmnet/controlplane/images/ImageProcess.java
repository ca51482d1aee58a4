package dev.swarmnet.controlplane.images;

import dev.swarmnet.controlplane.model.ContainerSpec;
import dev.swarmnet.controlplane.runtime.ImageCatalog;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

/** Starts a built-in image as a real process on loopback, as the runtime would (minus the namespace). */
final class ImageProcess {

    private ImageProcess() {
    }

    static Process start(String image, Map<String, String> env, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(ImageCatalog.builtIn().argv(ContainerSpec.of(image)));
        builder.environment().putAll(env);
        builder.environment().put("BIND", "127.0.0.1");
        return builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** A port free on loopback a moment ago. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
