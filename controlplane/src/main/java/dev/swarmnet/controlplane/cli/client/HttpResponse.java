package dev.swarmnet.controlplane.cli.client;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP response as the client read it. Immutable.
 *
 * @param status  the status code
 * @param reason  the reason phrase of the status line
 * @param headers header values by lower-case name (the last one wins)
 * @param body    the body, decoded from chunks if it was chunked; empty for HEAD
 */
public record HttpResponse(int status, String reason, Map<String, String> headers, byte[] body) {

    /** A header's value, or {@code null}. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The body as UTF-8 text. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Whether the server will close the connection after this response. */
    boolean closesConnection() {
        String connection = header("Connection");
        return connection != null && connection.equalsIgnoreCase("close");
    }
}
