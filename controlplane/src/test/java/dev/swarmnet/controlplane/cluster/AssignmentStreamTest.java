package dev.swarmnet.controlplane.cluster;

import static dev.swarmnet.controlplane.agent.AssignmentFixtures.id;
import static dev.swarmnet.controlplane.cluster.OneManagerCluster.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.swarmnet.controlplane.agent.AssignmentFixtures;
import dev.swarmnet.controlplane.agent.AssignmentView;
import dev.swarmnet.controlplane.agent.NodeAssignment;
import dev.swarmnet.controlplane.cluster.ClusterMessage.ManagerEndpoint;
import dev.swarmnet.controlplane.dispatcher.Dispatcher;
import dev.swarmnet.controlplane.model.NetworkAttachment;
import dev.swarmnet.controlplane.model.Service;
import dev.swarmnet.controlplane.model.Task;
import dev.swarmnet.controlplane.model.TaskState;
import dev.swarmnet.controlplane.model.TaskStatus;
import dev.swarmnet.controlplane.state.ClusterState;
import dev.swarmnet.controlplane.state.Command;
import dev.swarmnet.controlplane.store.ClusterStore;
import dev.swarmnet.controlplane.store.Outcome;
import dev.swarmnet.controlplane.trust.ClusterCa;
import dev.swarmnet.controlplane.trust.EcKeys;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Assignment streams and task-status reports over a real cluster port (TLS on loopback): the
 * backend's state changes and the agent's watcher sees them; workers see only their own node;
 * reports travel under the certificate's node id.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AssignmentStreamTest {
    static final String N1 = id("n1");
    static final String N2 = id("n2");

    private OneManagerCluster cluster;
    private ClusterPortClient client;
    private final List<AutoCloseable> closeLater = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        cluster = new OneManagerCluster();
        client = new ClusterPortClient(Duration.ofSeconds(5));
    }

    @AfterAll
    void stop() throws Exception {
        try {
            for (AutoCloseable closeable : closeLater) {
                closeable.close();
            }
            if (client != null) {
                client.close();
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    /** The daemon's side with a state the test sets, pushed ({@code push}) or left for the server to poll. */
    final class StateBackend implements ClusterPortBackend {
        final ClusterPortBackend real = cluster.new Backend(true);
        final AtomicReference<ClusterState> state = new AtomicReference<>(base(0));
        final List<Consumer<ClusterState>> listeners = new CopyOnWriteArrayList<>();
        final List<Command> submitted = new CopyOnWriteArrayList<>();
        final boolean push;
        boolean leader = true;

        StateBackend(boolean push) {
            this.push = push;
        }

        void set(ClusterState next) {
            state.set(next);
            listeners.forEach(listener -> listener.accept(next));
        }

        @Override
        public ClusterState currentState() {
            return state.get();
        }

        @Override
        public boolean watchState(Consumer<ClusterState> listener) {
            if (push) {
                listeners.add(listener);
            }
            return push;
        }

        @Override
        public CompletableFuture<Outcome> submit(Command command) {
            submitted.add(command);
            return CompletableFuture.completedFuture(new Outcome(Outcome.OK, "", 1));
        }

        @Override
        public String clusterId() {
            return real.clusterId();
        }

        @Override
        public JoinTokens joinTokens() {
            return real.joinTokens();
        }

        @Override
        public ClusterCa ca() {
            return real.ca();
        }

        @Override
        public ClusterStore store() {
            return real.store();
        }

        @Override
        public Dispatcher dispatcher() {
            return real.dispatcher();
        }

        @Override
        public boolean isLeader() {
            return leader && real.isLeader();
        }

        @Override
        public Optional<String> leaderClusterAddr() {
            return real.leaderClusterAddr();
        }

        @Override
        public List<ManagerEndpoint> managers() {
            return real.managers();
        }
    }

    /** The view-test state with {@code extra} more tasks of web on n1 (slots 10, 11, ...). */
    static ClusterState base(int extra) {
        ClusterState state = dev.swarmnet.controlplane.agent.AssignmentViewTestAccess.state();
        Service web = state.services().values().stream().filter(s -> s.name().equals("web")).findFirst().orElseThrow();
        String blue = web.endpoint().virtualIps().get(0).networkId();
        List<Task> tasks = new ArrayList<>(state.tasks().values());
        for (int i = 0; i < extra; i++) {
            tasks.add(AssignmentFixtures.task(id("textra" + i), web, 10 + i, N1, TaskState.RUNNING, TaskState.RUNNING,
                    List.of(new NetworkAttachment(blue, "10.0.1." + (50 + i) + "/24"))));
        }
        return ClusterState.of(state.appliedIndex() + extra, null, List.copyOf(state.nodes().values()),
                List.copyOf(state.networks().values()), List.copyOf(state.services().values()), tasks);
    }

    private ClusterPortServer server(StateBackend backend) throws Exception {
        ClusterPortServer server = ClusterPortServer.start(new InetSocketAddress("127.0.0.1", 0), cluster.identity, backend);
        closeLater.add(0, server);
        return server;
    }

    private record Member(NodeIdentity identity, KeyPair keys, SslContext tls) {
    }

    private Member member(String nodeId, NodeRole role) throws Exception {
        KeyPair keys = EcKeys.generate();
        NodeIdentity identity = NodeIdentity.of(keys.getPrivate(), cluster.ca.issueNodeCertificate(nodeId, role,
                OneManagerCluster.CLUSTER, NodeCsr.create(keys), ClusterCa.NODE_VALIDITY, Instant.now()),
                cluster.ca.certificate());
        return new Member(identity, keys, TlsContexts.client(identity));
    }

    private AssignmentWatcher watch(Member member, List<String> managers, List<NodeAssignment> seen) {
        AssignmentWatcher watcher = AssignmentWatcher.start(client, member.tls(), member.identity().nodeId(), managers,
                seen::add);
        closeLater.add(0, watcher);
        return watcher;
    }

    private static NodeAssignment last(List<NodeAssignment> seen) {
        return seen.isEmpty() ? null : seen.get(seen.size() - 1);
    }

    @Test
    void theWatcherGetsTheWholeAssignmentFirstAndThenEachChangeTheBackendPushes() throws Exception {
        StateBackend backend = new StateBackend(true);
        ClusterPortServer server = server(backend);
        List<NodeAssignment> seen = new CopyOnWriteArrayList<>();
        AssignmentWatcher watcher = watch(member(N1, NodeRole.WORKER), List.of(server.address()), seen);

        await().atMost(TIMEOUT).until(() -> AssignmentView.of(base(0), N1).equals(last(seen)));
        assertThat(seen).hasSize(1);

        backend.set(base(1));
        await().atMost(TIMEOUT).until(() -> AssignmentView.of(base(1), N1).equals(last(seen)));
        assertThat(last(seen).tasks()).containsKey(id("textra0"));
        assertThat(watcher.current()).isEqualTo(AssignmentView.of(base(1), N1));
    }

    @Test
    void aFollowerServesTheStreamFromItsOwnReplicaButRedirectsReports() throws Exception {
        StateBackend follower = new StateBackend(true);
        follower.leader = false;
        ClusterPortServer server = server(follower);
        Member n1 = member(N1, NodeRole.WORKER);
        List<NodeAssignment> seen = new CopyOnWriteArrayList<>();
        watch(n1, List.of(server.address()), seen);

        await().atMost(TIMEOUT).until(() -> AssignmentView.of(base(0), N1).equals(last(seen)));
        ClusterMessage reply = client.exchange(server.address(), n1.tls(), new ClusterMessage.ReportTaskStatus(
                List.of(new Command.TaskReport(id("tweb1"), TaskStatus.of(1, TaskState.RUNNING, "started")))))
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(reply).isEqualTo(new ClusterMessage.Redirect(cluster.server.address()));
        assertThat(follower.submitted).isEmpty();
    }

    @Test
    void aBackendThatCannotPushIsPolled() throws Exception {
        StateBackend backend = new StateBackend(false);
        ClusterPortServer server = server(backend);
        List<NodeAssignment> seen = new CopyOnWriteArrayList<>();
        watch(member(N1, NodeRole.WORKER), List.of(server.address()), seen);
        await().atMost(TIMEOUT).until(() -> AssignmentView.of(base(0), N1).equals(last(seen)));

        backend.set(base(2));

        await().atMost(TIMEOUT).until(() -> AssignmentView.of(base(2), N1).equals(last(seen)));
    }

    @Test
    void aBurstOfChangesIsCoalescedAndTheWatcherEndsAtTheLatestState() throws Exception {
        StateBackend backend = new StateBackend(true);
        ClusterPortServer server = server(backend);
        List<NodeAssignment> seen = new CopyOnWriteArrayList<>();
        watch(member(N1, NodeRole.WORKER), List.of(server.address()), seen);
        await().atMost(TIMEOUT).until(() -> !seen.isEmpty());

        for (int extra = 1; extra <= 150; extra++) {
            backend.set(base(extra));
        }

        await().atMost(TIMEOUT).until(() -> AssignmentView.of(base(150), N1).equals(last(seen)));
        assertThat(seen.size()).isLessThanOrEqualTo(151);
    }

    @Test
    void aFullAssignmentLargerThanARequestFrameStillReachesTheWatcher() throws Exception {
        StateBackend backend = new StateBackend(true);
        backend.set(base(3000));
        ClusterPortServer server = server(backend);
        List<NodeAssignment> seen = new CopyOnWriteArrayList<>();
        watch(member(N1, NodeRole.WORKER), List.of(server.address()), seen);
        assertThat(ClusterMessageCodec.toJson(new ClusterMessage.Assignments(
                dev.swarmnet.controlplane.agent.AssignmentChange.full(AssignmentView.of(base(3000), N1)))).length())
                .isGreaterThan(ClusterMessageCodec.MAX_FRAME_BYTES);

        await().atMost(TIMEOUT).until(() -> AssignmentView.of(base(3000), N1).equals(last(seen)));
    }

    @Test
    void theWatcherMovesOnFromAManagerThatIsDownAndStartsFromAFullMessage() throws Exception {
        StateBackend backend = new StateBackend(true);
        ClusterPortServer server = server(backend);
        String dead = "127.0.0.1:" + OneManagerCluster.freePort();
        List<NodeAssignment> seen = new CopyOnWriteArrayList<>();
        watch(member(N1, NodeRole.WORKER), List.of(dead, server.address()), seen);

        await().atMost(TIMEOUT).until(() -> AssignmentView.of(base(0), N1).equals(last(seen)));
    }

    @Test
    void whenItsManagerStopsTheWatcherReconnectsToTheNextAndTakesItsFullStateAsTheTruth() throws Exception {
        StateBackend first = new StateBackend(true);
        StateBackend second = new StateBackend(true);
        second.set(base(3));
        ClusterPortServer one = server(first);
        ClusterPortServer two = server(second);
        List<NodeAssignment> seen = new CopyOnWriteArrayList<>();
        AssignmentWatcher watcher = watch(member(N1, NodeRole.WORKER), List.of(one.address(), two.address()), seen);
        await().atMost(TIMEOUT).until(() -> AssignmentView.of(base(0), N1).equals(last(seen)));

        one.close();

        await().atMost(TIMEOUT).until(() -> AssignmentView.of(base(3), N1).equals(last(seen)));
        second.set(base(1));
        await().atMost(TIMEOUT).until(() -> AssignmentView.of(base(1), N1).equals(watcher.current()));
    }

    @Test
    void aListenerMayReadTheWatchersCurrentAssignment() throws Exception {
        StateBackend backend = new StateBackend(true);
        ClusterPortServer server = server(backend);
        AtomicReference<AssignmentWatcher> self = new AtomicReference<>();
        List<NodeAssignment> fromInside = new CopyOnWriteArrayList<>();
        Member member = member(N1, NodeRole.WORKER);
        AssignmentWatcher watcher = AssignmentWatcher.start(client, member.tls(), N1, List.of(server.address()),
                assignment -> {
                    while (self.get() == null) {
                        Thread.onSpinWait();
                    }
                    fromInside.add(self.get().current());
                });
        closeLater.add(0, watcher);
        self.set(watcher);

        await().atMost(TIMEOUT).until(() -> AssignmentView.of(base(0), N1).equals(last(fromInside)));
    }

    @Test
    void aWorkerMayWatchItsOwnNodeOnlyAndTheStreamStartsFull() throws Exception {
        StateBackend backend = new StateBackend(true);
        ClusterPortServer server = server(backend);
        Member worker = member(N1, NodeRole.WORKER);

        try (RawConnection other = new RawConnection(server.localAddress(), cluster.ca.certificate(),
                worker.keys().getPrivate(), worker.identity().certificate())) {
            other.sendFrame("{\"type\":\"watch-assignments\",\"nodeId\":\"" + N2 + "\"}");
            assertThat(other.readFrame()).isEqualTo("{\"type\":\"error\",\"status\":403,\"message\":\"node " + N1
                    + " may watch only its own assignments, not those of " + N2 + "\"}");
            assertThat(other.closedByServer()).isTrue();
        }
        try (RawConnection own = new RawConnection(server.localAddress(), cluster.ca.certificate(),
                worker.keys().getPrivate(), worker.identity().certificate())) {
            own.sendFrame("{\"type\":\"watch-assignments\",\"nodeId\":\"" + N1 + "\"}");
            String first = own.readFrame();
            assertThat(first).startsWith("{\"type\":\"assignments\",\"change\":{").contains("\"full\":true");
            backend.set(base(1));
            String second = own.readFrame();
            assertThat(second).contains("\"full\":false").contains(id("textra0")).doesNotContain(id("tdb1"));
        }
    }

    @Test
    void aNodeUnknownToTheStateAndAConnectionWithoutCertificateAreRefused() throws Exception {
        StateBackend backend = new StateBackend(true);
        ClusterPortServer server = server(backend);
        Member stranger = member(id("n7"), NodeRole.WORKER);
        try (RawConnection raw = new RawConnection(server.localAddress(), cluster.ca.certificate(),
                stranger.keys().getPrivate(), stranger.identity().certificate())) {
            raw.sendFrame("{\"type\":\"watch-assignments\"}");
            assertThat(raw.readFrame()).isEqualTo("{\"type\":\"error\",\"status\":404,\"message\":\"node " + id("n7")
                    + " is not a member of the cluster\"}");
        }
        try (RawConnection raw = RawConnection.anonymous(server.localAddress(), cluster.ca.certificate())) {
            raw.sendFrame("{\"type\":\"watch-assignments\"}");
            assertThat(raw.readFrame()).contains("\"status\":401");
            assertThat(raw.closedByServer()).isTrue();
        }
    }

    @Test
    void aReportAboutAnotherNodesTaskIsProposedUnderTheReportersOwnNodeId() throws Exception {
        StateBackend backend = new StateBackend(true);
        ClusterPortServer server = server(backend);
        Member n1 = member(N1, NodeRole.WORKER);
        TaskStatus failed = new TaskStatus(9, TaskState.FAILED, "lie", "", 0, 1);
        List<Command.TaskReport> reports = List.of(new Command.TaskReport(id("tweb2"), failed));

        ClusterMessage.TaskStatusRecorded recorded = client.request(server.address(), n1.tls(),
                new ClusterMessage.ReportTaskStatus(reports), ClusterMessage.TaskStatusRecorded.class)
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        assertThat(recorded.count()).isEqualTo(1);
        assertThat(backend.submitted).containsExactly(new Command.ReportTaskStatus(N1, reports));
    }

    @Test
    void theReporterSendsTheLatestStatusOfEachTaskUnderItsNodeId() throws Exception {
        StateBackend backend = new StateBackend(true);
        ClusterPortServer server = server(backend);
        String dead = "127.0.0.1:" + OneManagerCluster.freePort();
        TaskStatusReporter reporter = TaskStatusReporter.start(client, member(N1, NodeRole.WORKER).tls(),
                List.of(dead, server.address()));
        closeLater.add(0, reporter);
        TaskStatus starting = TaskStatus.of(1, TaskState.STARTING, "starting");
        TaskStatus running = TaskStatus.of(2, TaskState.RUNNING, "started");

        // The reporter takes its batch under its own lock: holding it here makes the three reports one
        // unsent batch however long this thread is held up between them (BATCH_DELAY is only 20 ms).
        synchronized (reporter) {
            reporter.report(id("tweb1"), starting);
            reporter.report(id("tweb1"), running);
            reporter.report(id("textra0"), starting);
        }

        // Pending reaches 0 as soon as a batch is taken, before it is sent: wait for what arrived.
        await().atMost(TIMEOUT).until(() -> reporter.pending() == 0 && reportsIn(backend.submitted) >= 2);
        for (Command command : backend.submitted) {
            Command.ReportTaskStatus report = (Command.ReportTaskStatus) command;
            assertThat(report.nodeId()).isEqualTo(N1);
            assertThat(report.reports()).doesNotContain(new Command.TaskReport(id("tweb1"), starting));
        }
        assertThat(reportsIn(backend.submitted)).isEqualTo(2);
    }

    private static int reportsIn(List<Command> submitted) {
        return submitted.stream().mapToInt(command -> ((Command.ReportTaskStatus) command).reports().size()).sum();
    }

    @Test
    void manyReportsGoInSeveralBatchesAndAllArrive() throws Exception {
        StateBackend backend = new StateBackend(true);
        ClusterPortServer server = server(backend);
        TaskStatusReporter reporter = TaskStatusReporter.start(client, member(N1, NodeRole.WORKER).tls(),
                List.of(server.address()));
        closeLater.add(0, reporter);
        for (int i = 0; i < 2500; i++) {
            reporter.report(id("tmany" + i), TaskStatus.of(i, TaskState.RUNNING, "started"));
        }

        await().atMost(TIMEOUT).until(() -> reportsIn(backend.submitted) == 2500);
        assertThat(backend.submitted).allSatisfy(command ->
                assertThat(((Command.ReportTaskStatus) command).reports()).hasSizeLessThanOrEqualTo(TaskStatusReporter.MAX_BATCH));
    }
}
