package dev.swarmnet.controlplane.daemon;

import dev.swarmnet.linux.NetworkNamespace;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** An HTTP/1.0 client for the namespace tests: one GET from inside a namespace the test made. */
final class NamespaceHttp {
    private NamespaceHttp() {
    }

    /** One GET of {@code /} from inside {@code namespace}: the whole response; fails on any error (5 s timeouts). */
    static String get(String namespace, String ip, int port) throws Exception {
        try (NetworkNamespace ns = NetworkNamespace.open(namespace)) {
            return ns.call(() -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(ip, port), 5_000);
                    socket.setSoTimeout(5_000);
                    socket.getOutputStream().write(("GET / HTTP/1.0\r\nHost: " + ip + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                }
            });
        }
    }
}
