package dev.swarmnet.controlplane.trust;

import java.security.cert.X509Certificate;

/**
 * The manager's pair of join tokens, one for workers and one for managers, kept in the
 * replicated state. They share the CA digest and differ in their secrets. Rotating one replaces
 * its secret, so the old token is refused from then on; the other is untouched. Immutable
 * value (rotation returns a new pair); any thread.
 */
public final class JoinTokens {
    private final JoinToken worker;
    private final JoinToken manager;

    private JoinTokens(JoinToken worker, JoinToken manager) {
        if (!worker.caDigest().equals(manager.caDigest())) {
            throw new IllegalArgumentException("the worker and manager tokens pin different CAs");
        }
        this.worker = worker;
        this.manager = manager;
    }

    /** Fresh worker and manager tokens for the cluster CA ({@code swarm init}). */
    public static JoinTokens generate(X509Certificate caCertificate) {
        return new JoinTokens(JoinToken.generate(caCertificate), JoinToken.generate(caCertificate));
    }

    /** The pair as stored ({@link #worker()}, {@link #manager()} encoded). */
    public static JoinTokens of(String workerToken, String managerToken) {
        return new JoinTokens(JoinToken.parse(workerToken), JoinToken.parse(managerToken));
    }

    public JoinToken worker() {
        return worker;
    }

    public JoinToken manager() {
        return manager;
    }

    /** The token that joins a node as {@code role}. */
    public JoinToken forRole(NodeRole role) {
        return role == NodeRole.MANAGER ? manager : worker;
    }

    /** This pair with a new secret for {@code role} ({@code swarm join-token --rotate}). */
    public JoinTokens rotate(NodeRole role, X509Certificate caCertificate) {
        JoinToken fresh = JoinToken.generate(caCertificate);
        return role == NodeRole.MANAGER ? new JoinTokens(worker, fresh) : new JoinTokens(fresh, manager);
    }

    /**
     * The role a presented token admits. Both secrets are compared, each in constant time, so
     * the time taken does not tell which one, if either, was close. Throws a
     * {@link JoinTokenException} for a malformed token, one for another CA, or one that is not
     * (or no longer) current.
     */
    public NodeRole authorize(String presentedToken) {
        JoinToken presented = JoinToken.parse(presentedToken);
        if (!JoinToken.constantTimeEquals(presented.caDigest(), worker.caDigest())) {
            throw new JoinTokenException("it was issued for a different cluster CA");
        }
        boolean isWorker = presented.sameSecret(worker);
        boolean isManager = presented.sameSecret(manager);
        if (isManager) {
            return NodeRole.MANAGER;
        }
        if (isWorker) {
            return NodeRole.WORKER;
        }
        throw new JoinTokenException("the token was rotated or is not valid for this cluster");
    }
}
