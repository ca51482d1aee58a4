package dev.swarmnet.controlplane.api;

/**
 * A failed API call: the HTTP status and the message the {@code docker} CLI prints after
 * {@code Error response from daemon: }. Thrown by {@link SwarmBackend} implementations and by the
 * endpoints; the server turns it into {@code {"message": ...}}.
 */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * @param status  an HTTP status, 400 or above (404 is the one the CLI treats as "not found")
     * @param message Docker's wording, see {@link DaemonMessages}
     */
    public ApiException(int status, String message) {
        super(message);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an API error needs a 4xx or 5xx status, not " + status);
        }
        this.status = status;
    }

    /** The HTTP status of the response. */
    public int status() {
        return status;
    }

    /** 400: the request is malformed or names an invalid option. */
    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    /** 404: the named object does not exist. */
    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    /** 501: the request is outside the Docker API subset swarmnet serves. */
    public static ApiException notImplemented(String message) {
        return new ApiException(501, message);
    }

    /** 503: this node cannot serve the request in its current swarm state. */
    public static ApiException unavailable(String message) {
        return new ApiException(503, message);
    }
}
