package dev.swarmnet.controlplane.trust;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import javax.net.ssl.SSLException;

/**
 * Netty {@link SslContext}s for mutual TLS on the cluster port (TLS 1.3 and 1.2, JDK provider).
 * Managers serve with their node certificate and require a client certificate signed by the
 * cluster CA; agents present theirs and verify the manager by name, not by IP: the client
 * handler must be created with {@code peerHost} = {@link #MANAGER_NAME} (any manager) or a
 * manager's node id, and the TCP address is given separately to {@code connect}. A bootstrap
 * context serves the join step: no client certificate, and trust in a server only if its CA is
 * the one the join token pins; {@link #clusterPortServer} serves both kinds on one port.
 * Contexts are immutable and shareable across event loops.
 */
public final class TlsContexts {
    /** The DNS SAN every manager certificate carries, for verifying "some manager". */
    public static final String MANAGER_NAME = NodeRole.MANAGER.ou();

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private TlsContexts() {
    }

    /** A manager's server context: presents {@code identity}, requires cluster-CA client certificates. */
    public static SslContext server(NodeIdentity identity) throws SSLException {
        return SslContextBuilder.forServer(identity.privateKey(), identity.certificate(), identity.caCertificate())
                .sslProvider(SslProvider.JDK)
                .protocols(PROTOCOLS)
                .trustManager(identity.caCertificate())
                .clientAuth(ClientAuth.REQUIRE)
                .build();
    }

    /**
     * A manager's context for the one cluster port, which serves joiners and members alike, as
     * Docker's 2377 does (Go's {@code VerifyClientCertIfGiven}): it presents the manager's
     * certificate with the CA after it (the joiner checks the CA against its token), asks for a
     * client certificate, refuses the handshake if one is sent and does not chain to the cluster
     * CA, and accepts a connection without one, which may then only join. Unlike {@link #server},
     * which requires the client certificate and so cannot serve joiners.
     */
    public static SslContext clusterPortServer(NodeIdentity identity) throws SSLException {
        return SslContextBuilder.forServer(identity.privateKey(), identity.certificate(), identity.caCertificate())
                .sslProvider(SslProvider.JDK)
                .protocols(PROTOCOLS)
                .trustManager(identity.caCertificate())
                .clientAuth(ClientAuth.OPTIONAL)
                .build();
    }

    /** An agent's client context: presents {@code identity}, trusts only the cluster CA, checks the server's name. */
    public static SslContext client(NodeIdentity identity) throws SSLException {
        return SslContextBuilder.forClient()
                .sslProvider(SslProvider.JDK)
                .protocols(PROTOCOLS)
                .keyManager(identity.privateKey(), identity.certificate(), identity.caCertificate())
                .trustManager(identity.caCertificate())
                .endpointIdentificationAlgorithm("HTTPS")
                .build();
    }

    /**
     * A joining node's client context: no client certificate; trusts a server only if the chain
     * it sends ends in the CA that {@code token} pins, and the leaf is a {@link #MANAGER_NAME}
     * (or the named node) signed by it.
     */
    public static SslContext bootstrapClient(JoinToken token) throws SSLException {
        return SslContextBuilder.forClient()
                .sslProvider(SslProvider.JDK)
                .protocols(PROTOCOLS)
                .trustManager(new PinnedCaTrustManager(token))
                .endpointIdentificationAlgorithm("HTTPS")
                .build();
    }
}
