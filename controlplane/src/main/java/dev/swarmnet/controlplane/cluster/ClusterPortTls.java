package dev.swarmnet.controlplane.cluster;

import dev.swarmnet.controlplane.trust.NodeIdentity;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import javax.net.ssl.SSLException;

/**
 * The manager's TLS context for the one cluster port, which serves joiners and members alike,
 * as Docker's 2377 does (Go's {@code VerifyClientCertIfGiven}): it presents the manager's
 * certificate with the CA after it (the joiner checks the CA against its token), asks for a
 * client certificate, refuses the handshake if one is sent and does not chain to the cluster CA,
 * and accepts a connection without one, which may then only {@code join}. Same protocols and
 * provider as {@link dev.swarmnet.controlplane.trust.TlsContexts#server}, which requires the
 * certificate and so cannot serve joiners. Immutable.
 */
final class ClusterPortTls {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private ClusterPortTls() {
    }

    static SslContext server(NodeIdentity identity) throws SSLException {
        return SslContextBuilder.forServer(identity.privateKey(), identity.certificate(), identity.caCertificate())
                .sslProvider(SslProvider.JDK)
                .protocols(PROTOCOLS)
                .trustManager(identity.caCertificate())
                .clientAuth(ClientAuth.OPTIONAL)
                .build();
    }
}
