package dev.swarmnet.controlplane.cluster;

import static dev.swarmnet.controlplane.cluster.OneManagerCluster.TIMEOUT;
import static dev.swarmnet.controlplane.cluster.OneManagerCluster.description;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.swarmnet.controlplane.cluster.ClusterMessage.HeartbeatAck;
import dev.swarmnet.controlplane.cluster.ClusterPortClient.Joined;
import dev.swarmnet.controlplane.dispatcher.Dispatcher;
import dev.swarmnet.controlplane.model.NodeState;
import dev.swarmnet.controlplane.state.Command;
import dev.swarmnet.controlplane.trust.ClusterCa;
import dev.swarmnet.controlplane.trust.EcKeys;
import dev.swarmnet.controlplane.trust.JoinToken;
import dev.swarmnet.controlplane.trust.JoinTokens;
import dev.swarmnet.controlplane.trust.NodeCsr;
import dev.swarmnet.controlplane.trust.NodeIdentity;
import dev.swarmnet.controlplane.trust.NodeRole;
import dev.swarmnet.controlplane.trust.TlsContexts;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The cluster port of a one-manager cluster in this JVM: joins, heartbeats, refusals, bad input. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterPortTest {
    private OneManagerCluster cluster;
    private ClusterPortClient client;

    @BeforeAll
    void startCluster() throws Exception {
        cluster = new OneManagerCluster();
        client = new ClusterPortClient(Duration.ofSeconds(10));
    }

    @AfterAll
    void stopCluster() throws Exception {
        try {
            if (client != null) {
                client.close();
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    @Test
    void shouldJoinAWorkerWithTheWorkerTokenAndIssueItAWorkerCertificateFromTheClusterCa() throws Exception {
        Joined joined = join(cluster.tokens().worker().encoded(), "worker1");

        NodeIdentity identity = joined.identity();
        assertThat(identity.role()).isEqualTo(NodeRole.WORKER);
        assertThat(identity.clusterId()).isEqualTo(OneManagerCluster.CLUSTER);
        assertThat(identity.certificate().getSubjectX500Principal().getName()).contains("OU=swarm-worker");
        identity.certificate().verify(cluster.ca.certificate().getPublicKey());
        assertThat(identity.caCertificate()).isEqualTo(cluster.ca.certificate());
        assertThat(cluster.node(identity.nodeId()).spec().role())
                .isEqualTo(dev.swarmnet.controlplane.model.NodeRole.WORKER);
        assertThat(cluster.node(identity.nodeId()).description().hostname()).isEqualTo("worker1");
        assertThat(cluster.node(identity.nodeId()).status().state()).isEqualTo(NodeState.UNKNOWN);
        assertThat(joined.heartbeatPeriod()).isEqualTo(Duration.ofSeconds(5));
        assertThat(joined.managers()).containsExactly(new ClusterMessage.ManagerEndpoint(
                OneManagerCluster.MANAGER, cluster.server.address(), cluster.raftConfig.address()));
    }

    @Test
    void shouldJoinAManagerWithTheManagerToken() throws Exception {
        Joined joined = join(cluster.tokens().manager().encoded(), "manager2");

        assertThat(joined.identity().role()).isEqualTo(NodeRole.MANAGER);
        assertThat(joined.identity().certificate().getSubjectX500Principal().getName()).contains("OU=swarm-manager");
        assertThat(cluster.node(joined.identity().nodeId()).manager()).isTrue();
    }

    @Test
    void shouldRefuseARotatedTokenWithTheTrustPackagesMessage() throws Exception {
        String old = cluster.tokens().worker().encoded();
        JoinTokens rotated = cluster.tokens().rotate(NodeRole.WORKER, cluster.ca.certificate());
        cluster.submit(new Command.RotateJoinToken(dev.swarmnet.controlplane.model.NodeRole.WORKER,
                rotated.worker().encoded(), null));

        Throwable refusal = joinFailure(old);

        assertThat(refusal).isInstanceOf(ClusterPortException.class)
                .hasMessage("invalid join token: the token was rotated or is not valid for this cluster");
        assertThat(((ClusterPortException) refusal).status()).isEqualTo(403);
        assertThat(join(rotated.worker().encoded(), "worker-after-rotation").identity().role()).isEqualTo(NodeRole.WORKER);
    }

    @Test
    void shouldRefuseATokenWhoseSecretTheClusterNeverIssued() {
        String forged = JoinToken.generate(cluster.ca.certificate()).encoded();

        assertThat(joinFailure(forged)).isInstanceOf(ClusterPortException.class)
                .hasMessage("invalid join token: the token was rotated or is not valid for this cluster");
    }

    @Test
    void shouldRefuseToTalkToAManagerWhoseCaIsNotTheOneTheTokenPins() {
        ClusterCa otherCa = ClusterCa.create(Instant.now());
        String foreign = JoinTokens.generate(otherCa.certificate()).worker().encoded();
        int nodesBefore = cluster.store.local().nodes().size();

        Throwable refusal = joinFailure(foreign);

        assertThat(refusal).isInstanceOf(SSLException.class);
        assertThat(rootCause(refusal)).hasMessageContaining("does not match the join token");
        assertThat(cluster.store.local().nodes()).hasSize(nodesBefore);
    }

    @Test
    void shouldMarkAJoinedWorkerReadyWhenItHeartbeatsOverMutualTls() throws Exception {
        Joined joined = join(cluster.tokens().worker().encoded(), "worker-heartbeat");
        String id = joined.identity().nodeId();

        HeartbeatAck ack = heartbeat(joined.identity());

        assertThat(ack.periodMillis()).isEqualTo(5_000);
        await().atMost(TIMEOUT).until(() -> cluster.node(id).status().state() == NodeState.READY);
    }

    @Test
    void shouldMarkASilentWorkerDownAfterTheGracePeriodAndReadyAgainOnItsNextHeartbeat() throws Exception {
        Joined joined = join(cluster.tokens().worker().encoded(), "worker-silent");
        String id = joined.identity().nodeId();
        heartbeat(joined.identity());
        await().atMost(TIMEOUT).until(() -> cluster.node(id).status().state() == NodeState.READY);

        cluster.dispatcher.sweep(cluster.nanos.addAndGet(Duration.ofSeconds(15).toNanos() + 1));

        await().atMost(TIMEOUT).until(() -> cluster.node(id).status().state() == NodeState.DOWN);
        assertThat(cluster.node(id).status().message()).isEqualTo(Dispatcher.HEARTBEAT_FAILURE);

        heartbeat(joined.identity());

        await().atMost(TIMEOUT).until(() -> cluster.node(id).status().state() == NodeState.READY);
    }

    @Test
    void shouldGiveTheCaKeyToAJoinedManagerOverMutualTlsOnly() throws Exception {
        Joined manager = join(cluster.tokens().manager().encoded(), "manager-two");

        String pem = client.caKey(cluster.server.address(), TlsContexts.client(manager.identity()))
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        assertThat(pem).isEqualTo(cluster.ca.privateKeyPem().orElseThrow());
    }

    @Test
    void shouldRefuseTheCaKeyToAWorkerAndToAConnectionWithoutACertificate() throws Exception {
        Joined worker = join(cluster.tokens().worker().encoded(), "worker-curious");

        Throwable refusal = failure(client.caKey(cluster.server.address(), TlsContexts.client(worker.identity())));
        assertThat(refusal).isInstanceOf(ClusterPortException.class).hasMessage(
                "only managers may have the CA key; node " + worker.identity().nodeId() + " is a worker");
        assertThat(((ClusterPortException) refusal).status()).isEqualTo(403);

        Throwable anonymous = failure(client.caKey(cluster.server.address(),
                TlsContexts.bootstrapClient(cluster.tokens().manager())));
        assertThat(anonymous).isInstanceOf(ClusterPortException.class);
        assertThat(((ClusterPortException) anonymous).status()).isEqualTo(401);
        assertStillServing();
    }

    @Test
    void shouldNameTheRoleInTheAckAndIssueACertificateWithTheRoleOfTheStateAfterAPromotion() throws Exception {
        Joined worker = join(cluster.tokens().worker().encoded(), "worker-promoted");
        String id = worker.identity().nodeId();
        assertThat(heartbeat(worker.identity()).role()).isEqualTo("worker");
        SslContext tls = TlsContexts.client(worker.identity());

        KeyPair same = EcKeys.generate();
        NodeIdentity stillWorker = client.renewCertificate(cluster.server.address(), tls, same, cluster.ca.certificate())
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(stillWorker.role()).isEqualTo(NodeRole.WORKER);
        assertThat(stillWorker.nodeId()).isEqualTo(id);

        var node = cluster.node(id);
        cluster.submit(new Command.UpdateNode(id, node.version(),
                node.spec().withRole(dev.swarmnet.controlplane.model.NodeRole.MANAGER)));
        assertThat(heartbeat(worker.identity()).role()).isEqualTo("manager");
        NodeIdentity manager = client.renewCertificate(cluster.server.address(), tls, EcKeys.generate(),
                cluster.ca.certificate()).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(manager.role()).isEqualTo(NodeRole.MANAGER);
        assertThat(client.caKey(cluster.server.address(), TlsContexts.client(manager))
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(cluster.ca.privateKeyPem().orElseThrow());

        Throwable anonymous = failure(client.renewCertificate(cluster.server.address(),
                TlsContexts.bootstrapClient(cluster.tokens().worker()), EcKeys.generate(), cluster.ca.certificate()));
        assertThat(anonymous).isInstanceOf(ClusterPortException.class);
        assertThat(((ClusterPortException) anonymous).status()).isEqualTo(401);
        assertStillServing();
    }

    @Test
    void shouldRefuseRaftAddMeFromAWorker() throws Exception {
        Joined joined = join(cluster.tokens().worker().encoded(), "worker-ambitious");
        List<String> peersBefore = cluster.store.raft().peers();

        Throwable refusal = failure(client.raftAddMe(cluster.server.address(),
                TlsContexts.client(joined.identity()), "127.0.0.1:2378"));

        assertThat(refusal).isInstanceOf(ClusterPortException.class).hasMessage(
                "only managers may join the Raft group; node " + joined.identity().nodeId() + " is a worker");
        assertThat(((ClusterPortException) refusal).status()).isEqualTo(403);
        assertThat(cluster.store.raft().peers()).isEqualTo(peersBefore);
    }

    @Test
    void shouldRefuseNodeRequestsOnAConnectionWithoutACertificateAndCloseIt() throws Exception {
        try (RawConnection raw = RawConnection.anonymous(cluster.server.localAddress(), cluster.ca.certificate())) {
            raw.sendFrame("{\"type\":\"heartbeat\"}");

            assertThat(raw.readFrame()).isEqualTo(
                    "{\"type\":\"error\",\"status\":401,\"message\":\"'heartbeat' needs a node certificate: connect with mutual TLS\"}");
            assertThat(raw.closedByServer()).isTrue();
        }
        assertStillServing();
    }

    @Test
    void shouldRefuseTheHandshakeOfAClientWhoseCertificateIsFromAnotherCa() throws Exception {
        ClusterCa otherCa = ClusterCa.create(Instant.now());
        KeyPair keys = EcKeys.generate();
        var impostor = otherCa.issueNodeCertificate(OneManagerCluster.MANAGER, NodeRole.MANAGER,
                OneManagerCluster.CLUSTER, NodeCsr.create(keys), ClusterCa.NODE_VALIDITY, Instant.now());

        Throwable refused = catchThrowable(() -> {
            try (RawConnection raw = new RawConnection(cluster.server.localAddress(), cluster.ca.certificate(),
                    keys.getPrivate(), impostor, otherCa.certificate())) {
                raw.sendFrame("{\"type\":\"raft-add-me\",\"raftAddress\":\"127.0.0.1:2378\"}");
                raw.readFrame();
            }
        });

        assertThat(refused).isInstanceOf(java.io.IOException.class);
        assertStillServing();
    }

    @Test
    void shouldAnswerMalformedJsonWithAnErrorAndServeTheNextClient() throws Exception {
        try (RawConnection raw = RawConnection.anonymous(cluster.server.localAddress(), cluster.ca.certificate())) {
            raw.sendFrame("{\"type\":\"join\",");

            assertThat(raw.readFrame()).startsWith("{\"type\":\"error\",\"status\":400,\"message\":\"malformed message: ");
            assertThat(raw.closedByServer()).isTrue();
        }
        try (RawConnection raw = RawConnection.anonymous(cluster.server.localAddress(), cluster.ca.certificate())) {
            raw.sendFrame("{\"type\":\"bogus\"}");

            assertThat(raw.readFrame()).isEqualTo(
                    "{\"type\":\"error\",\"status\":400,\"message\":\"unknown message type 'bogus'\"}");
        }
        assertStillServing();
    }

    @Test
    void shouldAnswerAnOversizedFrameWithAnErrorAndServeTheNextClient() throws Exception {
        try (RawConnection raw = RawConnection.anonymous(cluster.server.localAddress(), cluster.ca.certificate())) {
            raw.sendLengthOnly(ClusterMessageCodec.MAX_FRAME_BYTES + 1, 16);

            assertThat(raw.readFrame()).isEqualTo(
                    "{\"type\":\"error\",\"status\":400,\"message\":\"frame exceeds the limit of 1048576 bytes\"}");
            assertThat(raw.closedByServer()).isTrue();
        }
        assertStillServing();
    }

    @Test
    void shouldFollowAFollowersRedirectToTheLeaderOnce() throws Exception {
        try (ClusterPortServer follower = ClusterPortServer.start(new InetSocketAddress("127.0.0.1", 0),
                cluster.identity, cluster.new Backend(false))) {
            ClusterMessage direct = client.exchange(follower.address(),
                    TlsContexts.bootstrapClient(cluster.tokens().worker()),
                    new ClusterMessage.Heartbeat()).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(direct).isEqualTo(new ClusterMessage.Failure(401,
                    "'heartbeat' needs a node certificate: connect with mutual TLS"));

            Joined joined = client.join(follower.address(), cluster.tokens().worker().encoded(), EcKeys.generate(),
                    description("worker-redirected"), "127.0.0.9:2377").get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

            assertThat(cluster.node(joined.identity().nodeId()).description().hostname()).isEqualTo("worker-redirected");
            ClusterMessage redirect = client.exchange(follower.address(), TlsContexts.client(joined.identity()),
                    new ClusterMessage.Heartbeat()).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(redirect).isEqualTo(new ClusterMessage.Redirect(cluster.server.address()));
        }
    }

    @Test
    void shouldHeartbeatRoundRobinPastAManagerThatIsDown() throws Exception {
        Joined joined = join(cluster.tokens().worker().encoded(), "worker-looping");
        String id = joined.identity().nodeId();
        String dead = "127.0.0.1:" + OneManagerCluster.freePort();

        try (HeartbeatLoop loop = HeartbeatLoop.start(client, TlsContexts.client(joined.identity()),
                List.of(dead, cluster.server.address()), Duration.ofMillis(100))) {
            await().atMost(TIMEOUT).until(() -> cluster.node(id).status().state() == NodeState.READY);
        }
    }

    private Joined join(String token, String hostname) throws Exception {
        return client.join(cluster.server.address(), token, EcKeys.generate(), description(hostname), "127.0.0.2:2377")
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    private Throwable joinFailure(String token) {
        return failure(client.join(cluster.server.address(), token, EcKeys.generate(), description("refused"),
                "127.0.0.3:2377"));
    }

    private HeartbeatAck heartbeat(NodeIdentity identity) throws Exception {
        SslContext tls = TlsContexts.client(identity);
        return client.heartbeat(cluster.server.address(), tls).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    private void assertStillServing() throws Exception {
        assertThat(join(cluster.tokens().worker().encoded(), "worker-next").identity().nodeId()).hasSize(25);
    }

    private static Throwable failure(java.util.concurrent.CompletableFuture<?> future) {
        Throwable thrown = catchThrowable(() -> future.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        assertThat(thrown).isInstanceOf(ExecutionException.class);
        return thrown.getCause();
    }

    private static Throwable rootCause(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
