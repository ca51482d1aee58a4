package dev.swarmnet.controlplane.cli.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * A client of the daemon's Docker-compatible API over one kept-alive HTTP/1.1 connection (unix
 * socket or TCP). The first request pings {@code /_ping} to learn the API version, as Docker's
 * client does; every later path is sent as {@code /vX.Y/...}. Single-threaded: one command, one
 * client, requests in order.
 */
public final class ApiClient implements AutoCloseable {

    /** The API version this client speaks; it falls back to the daemon's if that is older. */
    public static final String API_VERSION = "1.50";

    /** Docker's client drops to this when the ping names no version. */
    static final String FALLBACK_VERSION = "1.24";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DaemonAddress address;
    private final String userAgent;
    private SocketChannel channel;
    private HttpResponseReader reader;
    private String version;

    public ApiClient(DaemonAddress address, String userAgent) {
        this.address = address;
        this.userAgent = userAgent;
    }

    /** The shared, thread-safe mapper for the bodies this client sends and reads. */
    public static ObjectMapper json() {
        return JSON;
    }

    /** Where this client connects. */
    public DaemonAddress address() {
        return address;
    }

    /** The negotiated API version (pings first if it has not yet). */
    public String version() {
        if (version == null) {
            ping();
        }
        return version;
    }

    /** {@code GET} a path below the version prefix; the JSON body, or a missing node if empty. */
    public JsonNode get(String path) {
        return json(send("GET", path, null));
    }

    /** {@code POST} a path with a JSON body ({@code null} for none); the JSON answer, if any. */
    public JsonNode post(String path, JsonNode body) {
        return json(send("POST", path, body == null ? null : encode(body)));
    }

    /** {@code DELETE} a path. */
    public void delete(String path) {
        send("DELETE", path, null);
    }

    /**
     * Sends one request below the version prefix and reads the answer.
     *
     * @throws DaemonException             for a status of 400 or more, worded as Docker's client words it
     * @throws DaemonUnreachableException  when the daemon cannot be reached or the connection breaks
     */
    public HttpResponse send(String method, String path, byte[] body) {
        String versioned = "/v" + version() + path;
        HttpResponse response = exchange(method, versioned, body);
        if (response.status() >= 400) {
            throw new DaemonException(response.status(), "Error response from daemon: " + errorMessage(response,
                    versioned));
        }
        return response;
    }

    private void ping() {
        HttpResponse response = exchange("HEAD", "/_ping", null);
        if (response.status() != 200 && response.status() != 500) {
            response = exchange("GET", "/_ping", null);
        }
        String offered = response.header("Api-Version");
        if (offered == null || offered.isBlank()) {
            version = FALLBACK_VERSION;
        } else {
            version = compareVersions(offered.trim(), API_VERSION) < 0 ? offered.trim() : API_VERSION;
        }
    }

    private HttpResponse exchange(String method, String path, byte[] body) {
        connect();
        StringBuilder head = new StringBuilder(256)
                .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(address.hostHeader()).append("\r\n")
                .append("User-Agent: ").append(userAgent).append("\r\n");
        if (body != null) {
            head.append("Content-Type: application/json\r\n");
        }
        head.append("Content-Length: ").append(body == null ? 0 : body.length).append("\r\n\r\n");
        try {
            write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                write(body);
            }
            HttpResponse response = reader.read(method.equals("HEAD"));
            if (response.closesConnection()) {
                close();
            }
            return response;
        } catch (IOException e) {
            close();
            throw new DaemonUnreachableException("error during connect to the swarmnet daemon at " + address + ": "
                    + method + " " + path + ": " + reason(e), e);
        }
    }

    private void connect() {
        if (channel != null) {
            return;
        }
        try {
            channel = SocketChannel.open(address.family());
            channel.connect(address.socket());
            reader = new HttpResponseReader(channel);
        } catch (IOException | RuntimeException e) {
            close();
            throw new DaemonUnreachableException("Cannot connect to the swarmnet daemon at " + address + ": "
                    + reason(e) + ". Is the daemon running?", e);
        }
    }

    private void write(byte[] bytes) throws IOException {
        ByteBuffer out = ByteBuffer.wrap(bytes);
        while (out.hasRemaining()) {
            channel.write(out);
        }
    }

    /** The message Docker's client shows for an error response (its {@code CheckResponseErr}). */
    static String errorMessage(HttpResponse response, String path) {
        String text = response.text().trim();
        if (text.isEmpty()) {
            return "request returned " + response.reason() + " for API route and version " + path
                    + ", check if the server supports the requested API version";
        }
        if ("application/json".equals(response.header("Content-Type"))) {
            try {
                JsonNode error = JSON.readTree(response.body());
                JsonNode message = error.path("message");
                if (message.isTextual() && !message.asText().isEmpty()) {
                    return message.asText();
                }
                return "API returned a " + response.status() + " (" + response.reason()
                        + ") but provided no error-message";
            } catch (IOException e) {
                return "Error reading JSON: " + e.getMessage();
            }
        }
        return text;
    }

    /** Escapes one path segment or query value (a name or ID the user typed). */
    public static String escape(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Compares dotted versions numerically: {@code 1.9 < 1.24 < 1.50}. */
    static int compareVersions(String a, String b) {
        String[] left = a.split("\\.");
        String[] right = b.split("\\.");
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            int l = i < left.length ? parseOrZero(left[i]) : 0;
            int r = i < right.length ? parseOrZero(right[i]) : 0;
            if (l != r) {
                return Integer.compare(l, r);
            }
        }
        return 0;
    }

    private static int parseOrZero(String part) {
        try {
            return Integer.parseInt(part);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static JsonNode json(HttpResponse response) {
        if (response.body().length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new DaemonException(response.status(), "the daemon sent malformed JSON: " + e.getMessage());
        }
    }

    private static byte[] encode(JsonNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a request body", e);
        }
    }

    private static String reason(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing left to tell the user: the command is over
            }
            channel = null;
            reader = null;
        }
    }
}
