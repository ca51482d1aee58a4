package dev.swarmnet.controlplane.daemon;

import dev.swarmnet.controlplane.api.ApiException;
import dev.swarmnet.controlplane.cluster.ClusterMessage.ManagerEndpoint;
import dev.swarmnet.controlplane.cluster.ClusterPortClient;
import dev.swarmnet.controlplane.cluster.ClusterPortException;
import dev.swarmnet.controlplane.trust.EcKeys;
import dev.swarmnet.controlplane.trust.JoinTokenException;
import dev.swarmnet.controlplane.trust.NodeIdentity;
import dev.swarmnet.controlplane.trust.NodeRole;
import dev.swarmnet.controlplane.trust.TlsContexts;
import java.net.ConnectException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * The {@link Joiner} over the cluster port. Messages, in order:
 * <ol>
 *   <li>{@code join} over bootstrap TLS pinned by the token's CA digest: token, CSR for a key
 *       generated here, description, advertise address → {@code join-accepted} (certificate, CA
 *       certificate, managers) or an {@code error} (a wrong or rotated token: 403).</li>
 *   <li>a manager only, now over mutual TLS with its new manager certificate: {@code ca-key} →
 *       {@code ca-key-reply}, the CA private key (refused to worker certificates), so this
 *       manager can sign after a failover. The key never crosses the bootstrap connection.</li>
 *   <li>a manager only, once its Raft member runs: {@code raft-add-me} → {@code raft-added}.</li>
 * </ol>
 * Failures become Docker-shaped {@link ApiException}s: a refused token 400 with the trust
 * package's message, a CA that does not match the token 400, an unreachable manager 503.
 * Thread-safe; owns one client I/O thread, stopped by {@link #close}.
 */
public final class ClusterJoiner implements Joiner, AutoCloseable {
    /** moby gives up on a join after about 20 s. */
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** Adding a Raft member waits for it to catch up. */
    private static final Duration RAFT_TIMEOUT = Duration.ofSeconds(60);

    private final ClusterPortClient client;

    public ClusterJoiner() {
        this.client = new ClusterPortClient(TIMEOUT);
    }

    @Override
    public Joined join(Request request) {
        var keys = EcKeys.generate();
        ClusterPortClient.Joined joined = await(client.join(request.remoteAddr(), request.token().encoded(), keys,
                request.description(), request.advertiseAddr()), request.remoteAddr(), TIMEOUT);
        NodeIdentity identity = joined.identity();
        List<String> managers = new ArrayList<>();
        for (ManagerEndpoint endpoint : joined.managers()) {
            managers.add(endpoint.clusterAddr());
        }
        Optional<String> caKey = Optional.empty();
        if (identity.role() == NodeRole.MANAGER) {
            caKey = Optional.of(await(client.caKey(request.remoteAddr(), tls(identity)), request.remoteAddr(),
                    TIMEOUT));
        }
        return new Joined(identity, managers, caKey);
    }

    @Override
    public Joined renew(NodeIdentity current, List<String> managers) {
        ApiException last = ApiException.unavailable("no manager to ask for a new certificate");
        for (String manager : new LinkedHashSet<>(managers)) {
            try {
                var keys = EcKeys.generate();
                NodeIdentity renewed = await(client.renewCertificate(manager, tls(current), keys,
                        current.caCertificate()), manager, TIMEOUT);
                Optional<String> caKey = Optional.empty();
                if (renewed.role() == NodeRole.MANAGER) {
                    caKey = Optional.of(await(client.caKey(manager, tls(renewed)), manager, TIMEOUT));
                }
                return new Joined(renewed, managers, caKey);
            } catch (ApiException e) {
                last = e;
            }
        }
        throw last;
    }

    @Override
    public void requestRaftMembership(Joined joined, String raftAddress) {
        ApiException last = ApiException.unavailable("no manager to ask for Raft membership");
        for (String manager : candidates(joined)) {
            try {
                await(client.raftAddMe(manager, tls(joined.identity()), raftAddress), manager, RAFT_TIMEOUT);
                return;
            } catch (ApiException e) {
                last = e;
            }
        }
        throw last;
    }

    private static Set<String> candidates(Joined joined) {
        return new LinkedHashSet<>(joined.remoteManagers());
    }

    private static io.netty.handler.ssl.SslContext tls(NodeIdentity identity) {
        try {
            return TlsContexts.client(identity);
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the node's TLS context: " + e.getMessage(), e);
        }
    }

    private static <T> T await(CompletableFuture<T> future, String manager, Duration timeout) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("interrupted while joining through " + manager);
        } catch (TimeoutException e) {
            future.cancel(false);
            throw ApiException.unavailable("Timeout was reached before node joined: the manager at " + manager
                    + " did not answer within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw failure(e.getCause(), manager);
        }
    }

    /** Why the exchange with {@code manager} failed, as the API says it. */
    static ApiException failure(Throwable cause, String manager) {
        Throwable t = cause instanceof CompletionException && cause.getCause() != null ? cause.getCause() : cause;
        if (t instanceof ClusterPortException refused) {
            int status = refused.status() == 403 || refused.status() == 400 ? 400
                    : refused.status() == 404 ? 404 : 503;
            return new ApiException(status, refused.getMessage());
        }
        if (t instanceof JoinTokenException token) {
            return ApiException.badRequest(token.getMessage());
        }
        CertificateException pinned = find(t, CertificateException.class);
        if (pinned != null) {
            return ApiException.badRequest("invalid join token: " + pinned.getMessage());
        }
        if (t instanceof SSLException || find(t, SSLException.class) != null) {
            return ApiException.unavailable("TLS handshake with the manager at " + manager + " failed: "
                    + t.getMessage());
        }
        if (find(t, ConnectException.class) != null) {
            return ApiException.unavailable("could not connect to the manager at " + manager + ": "
                    + find(t, ConnectException.class).getMessage());
        }
        if (t instanceof ApiException api) {
            return api;
        }
        return ApiException.unavailable("joining through the manager at " + manager + " failed: " + t);
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    @Override
    public void close() {
        client.close();
    }
}
