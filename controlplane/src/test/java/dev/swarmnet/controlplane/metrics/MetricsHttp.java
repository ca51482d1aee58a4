package dev.swarmnet.controlplane.metrics;

import dev.swarmnet.linux.NetworkNamespace;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP/1.0 request on a plain socket, for tests: from this thread, or from inside a network
 * namespace (the socket is made on a thread that entered it, so the JDK's HTTP client, which
 * connects from its own threads, would not do).
 */
public final class MetricsHttp {
    /** Status, headers (lower-case names) and body of a response. */
    public record Response(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private MetricsHttp() {
    }

    /** {@code method path} to {@code address}, with an optional Accept header. */
    public static Response request(InetSocketAddress address, String method, String path, String accept)
            throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(address, 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            String request = method + " " + path + " HTTP/1.0\r\nHost: " + address.getHostString() + "\r\n"
                    + (accept == null ? "" : "Accept: " + accept + "\r\n") + "\r\n";
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return parse(all.toString(StandardCharsets.UTF_8));
        }
    }

    /** As {@link #request}, from inside namespace {@code namespace}. */
    public static Response requestIn(String namespace, InetSocketAddress address, String method, String path,
                                     String accept) throws Exception {
        try (NetworkNamespace ns = NetworkNamespace.open(namespace)) {
            return ns.call(() -> request(address, method, path, accept));
        }
    }

    /** {@code GET /metrics}, parsed as Prometheus text format after checking status and content type. */
    public static PrometheusText scrape(InetSocketAddress address) throws IOException {
        return checked(request(address, "GET", "/metrics", null));
    }

    /** As {@link #scrape}, from inside namespace {@code namespace}. */
    public static PrometheusText scrapeIn(String namespace, InetSocketAddress address) throws Exception {
        return checked(requestIn(namespace, address, "GET", "/metrics", null));
    }

    private static PrometheusText checked(Response response) {
        if (response.status() != 200 || !response.header("content-type").startsWith("text/plain; version=0.0.4")) {
            throw new AssertionError("scrape answered " + response.status() + " " + response.header("content-type")
                    + ": " + response.body());
        }
        return PrometheusText.parse(response.body());
    }

    private static Response parse(String raw) {
        int end = raw.indexOf("\r\n\r\n");
        String head = end < 0 ? raw : raw.substring(0, end);
        String body = end < 0 ? "" : raw.substring(end + 4);
        String[] lines = head.split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        return new Response(status, headers, body);
    }
}
