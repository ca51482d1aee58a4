package dev.swarmnet.controlplane.images;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@code swarmnet/whoami} image: an HTTP/1.1 server (keep-alive) that answers every request
 * with who it is, like traefik/whoami:
 *
 * <pre>
 * Hostname: 3x8k2m0q1w7e
 * IP: 10.0.1.5
 * Task: web.1.3x8k2m0q1w7e...
 * TaskID: 3x8k2m0q1w7e...
 * RemoteAddr: 10.0.1.7:41234
 * GET / HTTP/1.1
 * Host: 10.0.1.5
 * </pre>
 *
 * <p>With {@code SWARMNET_PROXY_PROTOCOL=v2} it reads the PROXY protocol v2 header a routing
 * mesh sends first ({@code swarmnet.proxy-protocol=v2}) and reports the client it names as
 * {@code RemoteAddr}; connections without one are served as usual.
 *
 * <p>{@code GET /health} answers {@code ok}. Listens on port 80, or {@code PORT}; binds
 * {@code BIND} when set (default all addresses). Exits 0 on SIGTERM.
 */
public final class Whoami implements AutoCloseable {
    private static final int THREADS = 4;

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, String> env;
    /** The PROXY v2 front when {@value #PROXY_ENV}{@code =v2}, else null. */
    private final ProxyProtocolFront front;

    /** Environment variable: {@code v2} makes whoami expect PROXY protocol v2 headers (and report the client they name). */
    public static final String PROXY_ENV = "SWARMNET_PROXY_PROTOCOL";

    private Whoami(HttpServer server, ExecutorService executor, Map<String, String> env, ProxyProtocolFront front) {
        this.server = server;
        this.executor = executor;
        this.env = env;
        this.front = front;
    }

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY the body waits for
        // the client's delayed ACK (~40 ms per keep-alive request). Read once, when the server's
        // configuration class loads, so it is set before the first server is made.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** Starts a server on {@code address} that reports the task settings found in {@code env}. */
    public static Whoami start(InetSocketAddress address, Map<String, String> env) throws IOException {
        boolean proxied = "v2".equalsIgnoreCase(String.valueOf(env.get(PROXY_ENV)).strip());
        HttpServer server = HttpServer.create(proxied ? new InetSocketAddress(InetAddress.getLoopbackAddress(), 0) : address,
                128);
        ProxyProtocolFront front = null;
        if (proxied) {
            try {
                front = ProxyProtocolFront.start(address, server.getAddress());
            } catch (IOException e) {
                server.stop(0);
                throw e;
            }
        }
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "whoami");
            t.setDaemon(true);
            return t;
        });
        Whoami whoami = new Whoami(server, executor, Map.copyOf(env), front);
        server.createContext("/", whoami::handle);
        server.setExecutor(executor);
        server.start();
        return whoami;
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return front != null ? front.port() : server.getAddress().getPort();
    }

    public static void main(String[] args) throws IOException {
        int port = Termination.port("PORT", 80);
        String bind = System.getenv("BIND");
        InetSocketAddress address = bind == null || bind.isBlank()
            ? new InetSocketAddress(port) : new InetSocketAddress(InetAddress.getByName(bind.strip()), port);
        AtomicReference<Whoami> running = new AtomicReference<>();
        Termination.exitZeroOnTerm(() -> {
            Whoami whoami = running.get();
            if (whoami != null) {
                whoami.close();
            }
        });
        Whoami whoami = start(address, System.getenv());
        running.set(whoami);
        System.out.println("whoami listening on " + address + " as " + whoami.hostname());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            exchange.getRequestBody().readAllBytes();
            byte[] body = ("/health".equals(path) ? "ok\n" : describe(exchange)).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(200, head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    private String describe(HttpExchange exchange) {
        StringBuilder text = new StringBuilder(512);
        text.append("Hostname: ").append(hostname()).append('\n');
        for (String ip : addresses()) {
            text.append("IP: ").append(ip).append('\n');
        }
        text.append("Task: ").append(env.getOrDefault("SWARMNET_TASK_NAME", "")).append('\n');
        text.append("TaskID: ").append(env.getOrDefault("SWARMNET_TASK_ID", "")).append('\n');
        InetSocketAddress remote = front == null ? exchange.getRemoteAddress() : front.clientFor(exchange.getRemoteAddress());
        text.append("RemoteAddr: ").append(remote.getAddress().getHostAddress()).append(':')
            .append(remote.getPort()).append('\n');
        text.append(exchange.getRequestMethod()).append(' ').append(exchange.getRequestURI()).append(' ')
            .append(exchange.getProtocol()).append('\n');
        exchange.getRequestHeaders().forEach((name, values) -> {
            for (String value : values) {
                text.append(name).append(": ").append(value).append('\n');
            }
        });
        return text.toString();
    }

    private String hostname() {
        String name = env.get("HOSTNAME");
        if (name != null && !name.isBlank()) {
            return name;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }

    /** Every address of every interface except loopback, in interface order. */
    static List<String> addresses() {
        List<String> result = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    String text = address.getHostAddress();
                    int zone = text.indexOf('%');
                    result.add(zone < 0 ? text : text.substring(0, zone));
                }
            }
        } catch (SocketException e) {
            result.add("unknown (" + e.getMessage() + ")");
        }
        return result;
    }

    /** Stops accepting and ends the worker threads. */
    @Override
    public void close() {
        if (front != null) {
            front.close();
        }
        server.stop(0);
        executor.shutdownNow();
    }
}
