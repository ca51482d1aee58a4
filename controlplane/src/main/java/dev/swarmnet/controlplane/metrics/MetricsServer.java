package dev.swarmnet.controlplane.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Prometheus endpoint: {@code GET /metrics} answers a {@link NodeMetrics} scrape (Prometheus
 * text 0.0.4, or OpenMetrics on request); other paths get 404 and other methods on
 * {@code /metrics} 405 with {@code Allow: GET, HEAD}. Built on the JDK's HTTP server with one
 * thread: scrapes are rare and serialized anyway. Start with {@link #start}, stop with
 * {@link #close}, from a control thread.
 */
public final class MetricsServer implements AutoCloseable {
    /** Where the endpoint listens unless configured otherwise. */
    public static final InetSocketAddress DEFAULT_LISTEN = new InetSocketAddress("127.0.0.1", 9323);
    public static final String PATH = "/metrics";

    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);

    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Serves {@code metrics} on {@code listen} (port 0 picks a free port; see {@link #address}).
     *
     * @throws IOException when the address cannot be bound, naming it
     */
    public static MetricsServer start(InetSocketAddress listen, NodeMetrics metrics) throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(listen, 16);
        } catch (IOException e) {
            throw new IOException("cannot listen for metrics on " + listen.getHostString() + ":" + listen.getPort()
                    + ": " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "swarmnet-metrics");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> handle(exchange, metrics));
        server.start();
        MetricsServer started = new MetricsServer(server, executor);
        LOG.info("metrics on http://{}:{}{}", started.address().getHostString(), started.address().getPort(), PATH);
        return started;
    }

    /** The bound address. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    private static void handle(HttpExchange exchange, NodeMetrics metrics) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!PATH.equals(path)) {
                text(exchange, 404, "not found: " + path + " (metrics are at " + PATH + ")\n");
                return;
            }
            String method = exchange.getRequestMethod();
            boolean head = "HEAD".equals(method);
            if (!"GET".equals(method) && !head) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                text(exchange, 405, "method " + method + " not allowed on " + PATH + "; use GET\n");
                return;
            }
            NodeMetrics.Scrape scrape;
            try {
                scrape = metrics.scrape(exchange.getRequestHeaders().getFirst("Accept"));
            } catch (RuntimeException e) {
                LOG.warn("metrics scrape failed: {}", e.toString());
                text(exchange, 500, "scrape failed: " + e.getMessage() + "\n");
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", scrape.contentType());
            if (head) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, scrape.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(scrape.body());
            }
        }
    }

    private static void text(HttpExchange exchange, int status, String message) throws IOException {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Stops listening; a scrape in progress gets up to a second to finish. */
    @Override
    public void close() {
        server.stop(1);
        executor.shutdown();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
