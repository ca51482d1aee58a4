package dev.swarmnet.controlplane.cluster;

import dev.swarmnet.controlplane.cluster.ClusterMessage.Failure;
import dev.swarmnet.controlplane.cluster.ClusterMessage.HeartbeatAck;
import dev.swarmnet.controlplane.cluster.ClusterMessage.JoinAccepted;
import dev.swarmnet.controlplane.cluster.ClusterMessage.JoinRequest;
import dev.swarmnet.controlplane.cluster.ClusterMessage.RaftAddMe;
import dev.swarmnet.controlplane.cluster.ClusterMessage.RaftAdded;
import dev.swarmnet.controlplane.cluster.ClusterMessage.Redirect;
import dev.swarmnet.controlplane.model.NodeDescription;
import dev.swarmnet.controlplane.trust.JoinToken;
import dev.swarmnet.controlplane.trust.NodeCsr;
import dev.swarmnet.controlplane.trust.NodeIdentity;
import dev.swarmnet.controlplane.trust.Pem;
import dev.swarmnet.controlplane.trust.TlsContexts;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * An agent's end of the cluster port: one TLS connection per request, one reply, a redirect
 * from a follower followed once. Joining uses the bootstrap context pinned by the token; the
 * other requests use the node's mutual-TLS context ({@link TlsContexts#client}), built once by
 * the caller. The server is verified as "some manager" ({@link TlsContexts#MANAGER_NAME}), the
 * address being given separately. A refusal completes the future with a
 * {@link ClusterPortException}; TLS failures complete it with the {@link SSLException}. Owns one
 * I/O thread ({@code cluster-port-client}); thread-safe; futures complete on that thread.
 */
public final class ClusterPortClient implements AutoCloseable {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final EventLoopGroup group;
    private final Duration timeout;

    public ClusterPortClient() {
        this(DEFAULT_TIMEOUT);
    }

    /** A client whose connects and replies each give up after {@code timeout}. */
    public ClusterPortClient(Duration timeout) {
        this.timeout = timeout;
        this.group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    /** The I/O thread, shared by long-lived connections of this package (assignment streams). */
    EventLoopGroup group() {
        return group;
    }

    /** How long a connect may take. */
    Duration timeout() {
        return timeout;
    }

    /** What a node keeps from its join: its identity (to save) and whom to talk to next. */
    public record Joined(NodeIdentity identity, List<ClusterMessage.ManagerEndpoint> managers,
                         Duration heartbeatPeriod) {
    }

    /**
     * Joins the cluster through the manager at {@code managerAddr} with {@code token}: sends a CSR
     * for {@code keys} (which never leave this node) and checks that the reply's CA is the one
     * the token pins and that the certificate belongs to {@code keys} and chains to it.
     */
    public CompletableFuture<Joined> join(String managerAddr, String token, KeyPair keys,
                                          NodeDescription description, String advertiseAddr) {
        JoinToken pinned = JoinToken.parse(token);
        SslContext tls;
        try {
            tls = TlsContexts.bootstrapClient(pinned);
        } catch (SSLException e) {
            return CompletableFuture.failedFuture(e);
        }
        JoinRequest request = new JoinRequest(token, NodeCsr.create(keys).pem(), description, advertiseAddr);
        return request(managerAddr, tls, request, JoinAccepted.class).thenApply(accepted -> {
            X509Certificate ca = Pem.readCertificate(accepted.caCertificate());
            pinned.verifyCa(ca);
            NodeIdentity identity = NodeIdentity.of(keys.getPrivate(), Pem.readCertificate(accepted.certificate()), ca);
            return new Joined(identity, accepted.managers(), Duration.ofMillis(accepted.heartbeatPeriodMillis()));
        });
    }

    /** Heartbeats to the manager at {@code managerAddr} over mutual TLS ({@code tls} from {@link TlsContexts#client}). */
    public CompletableFuture<HeartbeatAck> heartbeat(String managerAddr, SslContext tls) {
        return request(managerAddr, tls, new ClusterMessage.Heartbeat(), HeartbeatAck.class);
    }

    /** Asks the leader to add this manager, already running {@code RaftStore.join} at {@code raftAddr}, to the Raft group. */
    public CompletableFuture<RaftAdded> raftAddMe(String managerAddr, SslContext tls, String raftAddr) {
        return request(managerAddr, tls, new RaftAddMe(raftAddr), RaftAdded.class);
    }

    /**
     * A joined manager fetches the cluster CA key over mutual TLS ({@code tls} from
     * {@link TlsContexts#client} with its manager certificate); refused for workers.
     */
    public CompletableFuture<String> caKey(String managerAddr, SslContext tls) {
        return request(managerAddr, tls, new ClusterMessage.CaKeyRequest(), ClusterMessage.CaKey.class)
                .thenApply(ClusterMessage.CaKey::caKeyPem);
    }

    /**
     * A member asks the leader for a new certificate for {@code keys} (after a promotion or
     * demotion) over mutual TLS with its current identity; the role is the one the leader's state
     * has. The certificate is checked to belong to {@code keys} and to chain to {@code ca}.
     */
    public CompletableFuture<NodeIdentity> renewCertificate(String managerAddr, SslContext tls, KeyPair keys,
                                                            X509Certificate ca) {
        return request(managerAddr, tls, new ClusterMessage.CertificateRequest(NodeCsr.create(keys).pem()),
                ClusterMessage.CertificateIssued.class)
                .thenApply(issued -> NodeIdentity.of(keys.getPrivate(), Pem.readCertificate(issued.certificate()), ca));
    }

    /** Sends {@code request}, follows one redirect, and expects a reply of type {@code expected}. */
    public <T extends ClusterMessage> CompletableFuture<T> request(String address, SslContext tls,
                                                                   ClusterMessage request, Class<T> expected) {
        return exchange(address, tls, request).thenCompose(reply -> {
            if (reply instanceof Redirect redirect) {
                return exchange(redirect.leader(), tls, request).thenApply(second -> {
                    if (second instanceof Redirect again) {
                        throw new ClusterPortException(ClusterPortService.UNAVAILABLE, "manager " + redirect.leader()
                                + " redirected again, to " + again.leader() + "; the leader is changing, try again");
                    }
                    return expect(second, expected);
                });
            }
            return CompletableFuture.completedFuture(expect(reply, expected));
        });
    }

    /** One request and its reply, whatever it is, on a fresh connection to {@code address}. */
    public CompletableFuture<ClusterMessage> exchange(String address, SslContext tls, ClusterMessage request) {
        CompletableFuture<ClusterMessage> reply = new CompletableFuture<>();
        HostPort target;
        try {
            target = HostPort.parse(address);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        ChannelFuture connect = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("timeout", new ReadTimeoutHandler(timeout.toMillis(), TimeUnit.MILLISECONDS));
                        ch.pipeline().addLast("tls", tls.newHandler(ch.alloc(), TlsContexts.MANAGER_NAME, target.port()));
                        ClusterMessageCodec.addTo(ch.pipeline());
                        ch.pipeline().addLast("reply", new FirstReply(reply, () -> new ClusterPortException(
                                ClusterPortService.UNAVAILABLE, "manager " + address
                                        + " closed the connection without replying")));
                    }
                })
                .connect(target.host(), target.port());
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                reply.completeExceptionally(f.cause());
            } else {
                connect.channel().pipeline().get(SslHandler.class).handshakeFuture().addListener(h -> {
                    if (!h.isSuccess()) {
                        reply.completeExceptionally(FirstReply.unwrap(h.cause()));
                    }
                });
                connect.channel().writeAndFlush(request).addListener(w -> {
                    if (!w.isSuccess()) {
                        reply.completeExceptionally(FirstReply.unwrap(w.cause()));
                    }
                });
            }
        });
        Channel channel = connect.channel();
        reply.whenComplete((r, t) -> channel.close());
        return reply;
    }

    private static <T extends ClusterMessage> T expect(ClusterMessage reply, Class<T> expected) {
        if (reply instanceof Failure failure) {
            throw new ClusterPortException(failure.status(), failure.message());
        }
        if (!expected.isInstance(reply)) {
            throw new ClusterPortException(ClusterPortService.INTERNAL, "expected '"
                    + expected.getSimpleName() + "' but the manager sent '" + ClusterPortService.type(reply) + "'");
        }
        return expected.cast(reply);
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

}
