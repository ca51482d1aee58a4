package dev.swarmnet.controlplane.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One response before it meets Netty: status, content type, body and any headers beyond the
 * ones every response carries. Immutable.
 *
 * @param status      HTTP status
 * @param contentType {@code Content-Type}, or {@code null} for an empty body
 * @param body        the body bytes
 * @param headers     extra headers, e.g. the {@code Swarm} header of a ping
 * @param streaming   a body sent in chunks as it is produced instead of {@code body}, or {@code null}
 */
public record ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers,
                          StreamingBody streaming) {

    /** Exactly {@code application/json}: the CLI reads error messages only with this type. */
    public static final String JSON = "application/json";

    private static final byte[] NO_BODY = new byte[0];

    /** A response with a complete body. */
    public ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
        this(status, contentType, body, headers, null);
    }

    /**
     * 200 with a body in HTTP chunks ({@code Transfer-Encoding: chunked}); the server closes
     * {@code body} when it ends or the client goes away.
     */
    public static ApiResponse streaming(String contentType, StreamingBody body) {
        return new ApiResponse(200, contentType, NO_BODY, Map.of(), body);
    }

    /** 200 with a JSON body. */
    public static ApiResponse json(Object value) {
        return json(200, value);
    }

    /** A JSON body with the given status. */
    public static ApiResponse json(int status, Object value) {
        return new ApiResponse(status, JSON, DockerJson.write(value), Map.of());
    }

    /** 200 with no body ({@code Content-Length: 0}). */
    public static ApiResponse empty() {
        return new ApiResponse(200, null, NO_BODY, Map.of());
    }

    /** A plain-text body. */
    public static ApiResponse text(int status, String text, Map<String, String> headers) {
        return new ApiResponse(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** The Docker error shape, {@code {"message": ...}}. */
    public static ApiResponse error(ApiException e) {
        return json(e.status(), new ErrorBody(e.getMessage()));
    }

    /** The body of every error response. */
    public record ErrorBody(@JsonProperty("message") String message) {
    }
}
