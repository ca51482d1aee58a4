package dev.swarmnet.controlplane.cluster;

/**
 * A manager refused a cluster-port request ({@link ClusterMessage.Failure}), or the exchange
 * itself failed (redirected twice, closed before replying). {@link #status()} is HTTP-like.
 */
public final class ClusterPortException extends RuntimeException {
    private final int status;

    public ClusterPortException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
