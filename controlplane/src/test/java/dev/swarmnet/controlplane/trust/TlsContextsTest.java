package dev.swarmnet.controlplane.trust;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real handshakes over 127.0.0.1 between Netty channels using the cluster's contexts. */
class TlsContextsTest {
    private static final ClusterCa CA = ClusterCa.create(TrustFixture.NOW);
    private static final ClusterCa OTHER_CA = ClusterCa.create(TrustFixture.NOW);
    private static final String MANAGER_ID = "manager000000000000000001";
    private static final String WORKER_ID = "worker0000000000000000001";
    private static final NodeIdentity MANAGER = TrustFixture.identity(CA, MANAGER_ID, NodeRole.MANAGER);
    private static final NodeIdentity WORKER = TrustFixture.identity(CA, WORKER_ID, NodeRole.WORKER);
    /** Same names as the real nodes, issued by a CA that is also called swarm-ca: only the signatures tell them apart. */
    private static final NodeIdentity FOREIGN_WORKER = TrustFixture.identity(OTHER_CA, WORKER_ID, NodeRole.WORKER);
    private static final NodeIdentity FOREIGN_MANAGER = TrustFixture.identity(OTHER_CA, MANAGER_ID, NodeRole.MANAGER);
    private static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

    /** Each server-side handshake: the verified peer, or the failure. */
    private final LinkedBlockingQueue<CompletableFuture<SSLSession>> serverHandshakes = new LinkedBlockingQueue<>();
    private Channel server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close().syncUninterruptibly();
        }
    }

    @AfterAll
    static void stopGroup() {
        GROUP.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void shouldLetAWorkerWithAClusterCertificateInAndShowTheServerItsIdAndRole() throws Exception {
        int port = startServer(TlsContexts.server(MANAGER));

        SSLSession client = handshake(TlsContexts.client(WORKER), TlsContexts.MANAGER_NAME, port).get(10, TimeUnit.SECONDS);
        SSLSession seen = serverHandshakes.poll(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);

        assertThat(CertifiedNode.ofPeer(seen)).isEqualTo(new CertifiedNode(WORKER_ID, NodeRole.WORKER, TrustFixture.CLUSTER_ID));
        assertThat(CertifiedNode.ofPeer(client)).isEqualTo(new CertifiedNode(MANAGER_ID, NodeRole.MANAGER, TrustFixture.CLUSTER_ID));
    }

    @Test
    void shouldVerifyAManagerByItsNodeIdToo() throws Exception {
        int port = startServer(TlsContexts.server(MANAGER));

        SSLSession client = handshake(TlsContexts.client(WORKER), MANAGER_ID, port).get(10, TimeUnit.SECONDS);

        assertThat(CertifiedNode.ofPeer(client).nodeId()).isEqualTo(MANAGER_ID);
    }

    @Test
    void shouldRefuseAClientWithoutACertificate() throws Exception {
        int port = startServer(TlsContexts.server(MANAGER));

        CompletableFuture<SSLSession> client = handshake(TlsContexts.bootstrapClient(JoinToken.generate(CA.certificate())),
                TlsContexts.MANAGER_NAME, port);

        assertThat(failureOf(serverHandshakes.poll(10, TimeUnit.SECONDS)))
                .hasStackTraceContaining("Empty client certificate chain");
        client.handle((session, failure) -> null).get(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldRefuseAClientWhoseCertificateComesFromAnotherCa() throws Exception {
        int port = startServer(TlsContexts.server(MANAGER));

        // The client trusts the real CA (so it accepts the manager) but presents a foreign certificate.
        SslContext impostor = SslContextBuilder.forClient()
                .sslProvider(SslProvider.JDK)
                .keyManager(FOREIGN_WORKER.privateKey(), FOREIGN_WORKER.certificate())
                .trustManager(CA.certificate())
                .build();

        CompletableFuture<SSLSession> client = handshake(impostor, TlsContexts.MANAGER_NAME, port);

        assertThat(failureOf(serverHandshakes.poll(10, TimeUnit.SECONDS)))
                .hasStackTraceContaining("PKIX path validation failed");
        client.handle((session, failure) -> null).get(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldRefuseAServerFromAnotherCa() throws Exception {
        int port = startServer(TlsContexts.server(FOREIGN_MANAGER));

        assertThat(failureOf(handshake(TlsContexts.client(WORKER), TlsContexts.MANAGER_NAME, port)))
                .hasStackTraceContaining("PKIX path validation failed");
    }

    @Test
    void shouldRefuseAServerThatIsNotAManager() throws Exception {
        int port = startServer(TlsContexts.server(WORKER));

        assertThat(failureOf(handshake(TlsContexts.client(MANAGER), TlsContexts.MANAGER_NAME, port)))
                .hasStackTraceContaining("No subject alternative DNS name matching swarm-manager");
    }

    @Test
    void shouldLetABootstrapClientReachTheManagerWhoseCaTheTokenPins() throws Exception {
        int port = startServer(TlsContexts.server(MANAGER));
        JoinToken token = JoinToken.parse(JoinToken.generate(CA.certificate()).encoded());

        SSLSession session = handshake(TlsContexts.bootstrapClient(token), TlsContexts.MANAGER_NAME, port)
                .get(10, TimeUnit.SECONDS);

        X509Certificate[] chain = (X509Certificate[]) session.getPeerCertificates();
        assertThat(chain[chain.length - 1]).isEqualTo(CA.certificate());
        token.verifyCa(chain[chain.length - 1]);
    }

    @Test
    void shouldKeepABootstrapClientFromAManagerWithAnotherCa() throws Exception {
        int port = startServer(TlsContexts.server(FOREIGN_MANAGER));
        JoinToken token = JoinToken.generate(CA.certificate());

        assertThat(failureOf(handshake(TlsContexts.bootstrapClient(token), TlsContexts.MANAGER_NAME, port)))
                .hasStackTraceContaining("does not match the join token");
    }

    private int startServer(SslContext context) {
        server = new ServerBootstrap()
                .group(GROUP)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        SslHandler ssl = context.newHandler(ch.alloc());
                        ch.pipeline().addLast(ssl);
                        serverHandshakes.add(outcome(ssl));
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0))
                .syncUninterruptibly()
                .channel();
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    private static CompletableFuture<SSLSession> handshake(SslContext context, String serverName, int port) {
        CompletableFuture<SSLSession> result = new CompletableFuture<>();
        new Bootstrap()
                .group(GROUP)
                .channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        SslHandler ssl = context.newHandler(ch.alloc(), serverName, port);
                        ch.pipeline().addLast(ssl);
                        outcome(ssl).whenComplete((session, failure) -> {
                            if (failure == null) {
                                result.complete(session);
                            } else {
                                result.completeExceptionally(failure);
                            }
                            ch.close();
                        });
                    }
                })
                .connect(new InetSocketAddress("127.0.0.1", port))
                .addListener(connected -> {
                    if (!connected.isSuccess()) {
                        result.completeExceptionally(connected.cause());
                    }
                });
        return result;
    }

    private static CompletableFuture<SSLSession> outcome(SslHandler ssl) {
        CompletableFuture<SSLSession> result = new CompletableFuture<>();
        ssl.handshakeFuture().addListener((Future<? super Channel> f) -> {
            if (f.isSuccess()) {
                result.complete(ssl.engine().getSession());
            } else {
                result.completeExceptionally(f.cause());
            }
        });
        return result;
    }

    private static Throwable failureOf(CompletableFuture<SSLSession> handshake) {
        assertThat(handshake).as("a handshake was attempted").isNotNull();
        return handshake.handle((session, failure) -> failure).orTimeout(10, TimeUnit.SECONDS).join();
    }
}
