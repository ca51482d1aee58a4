package dev.swarmnet.controlplane.cli.client;

/**
 * The daemon answered with a status of 400 or more; the message is what Docker's client prints
 * for it ({@code Error response from daemon: ...}).
 */
public final class DaemonException extends RuntimeException {

    private final int status;

    DaemonException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status; 404 means the object does not exist. */
    public int status() {
        return status;
    }
}
