package dev.swarmnet.controlplane.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.swarmnet.controlplane.api.LogEntry;
import dev.swarmnet.controlplane.api.LogOptions;
import dev.swarmnet.controlplane.api.LogStream;
import dev.swarmnet.controlplane.model.Ids;
import dev.swarmnet.controlplane.trust.ClusterCa;
import dev.swarmnet.controlplane.trust.EcKeys;
import dev.swarmnet.controlplane.trust.NodeCsr;
import dev.swarmnet.controlplane.trust.NodeIdentity;
import dev.swarmnet.controlplane.trust.NodeRole;
import dev.swarmnet.controlplane.trust.TlsContexts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Task logs over the cluster port, real TLS on loopback: a manager's server and a worker's
 * logs-only server, each with its own log directory, read by a manager's {@link TaskLogClient}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaskLogsTest {
    private static final String CLUSTER = "c000000000000000000000001";
    private static final String SERVICE = "s000000000000000000000001";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final ClusterCa ca = ClusterCa.create(Instant.now());
    private final NodeIdentity manager = identity("m000000000000000000000001", NodeRole.MANAGER);
    private final NodeIdentity worker = identity("w000000000000000000000001", NodeRole.WORKER);
    private Path managerLogs;
    private Path workerLogs;
    private ClusterPortServer managerServer;
    private ClusterPortServer workerServer;
    private TaskLogClient client;

    @BeforeAll
    void start() throws Exception {
        String prefix = "swtl" + ProcessHandle.current().pid();
        managerLogs = Files.createTempDirectory(prefix + "m");
        workerLogs = Files.createTempDirectory(prefix + "w");
        managerServer = ClusterPortServer.start(new InetSocketAddress("127.0.0.1", 0), manager, new LogsBackend(managerLogs));
        workerServer = ClusterPortServer.startLogsOnly(new InetSocketAddress("127.0.0.1", 0), worker,
                taskId -> Optional.of(workerLogs.resolve(taskId + ".log")));
        client = new TaskLogClient(TlsContexts.client(manager));
    }

    @AfterAll
    void stop() throws IOException {
        try {
            closeAll(client, managerServer, workerServer);
        } finally {
            OneManagerCluster.deleteRecursively(managerLogs);
            OneManagerCluster.deleteRecursively(workerLogs);
        }
    }

    @Test
    void aManagerGetsTheLastLinesOfEachTaskOnAWorkerAndTheStreamEnds() throws Exception {
        String a = task(workerLogs, "a1\na2\na3\na4\na5\n");
        String b = task(workerLogs, "b1\nb2\nb3");
        Instant before = Instant.now().minusMillis(1);

        Recording logs = read(List.of(workerSource(a, b)), new LogOptions(false, 2, true, true));

        logs.awaitEnd();
        assertThat(logs.lines(a)).containsExactly("a4", "a5");
        assertThat(logs.lines(b)).containsExactly("b2", "b3");
        assertThat(logs.entries).allSatisfy(entry -> {
            assertThat(entry.stream()).isEqualTo(LogEntry.Stream.STDOUT);
            assertThat(entry.nodeId()).isEqualTo(worker.nodeId());
            assertThat(entry.serviceId()).isEqualTo(SERVICE);
            assertThat(entry.time()).isBetween(before, Instant.now().plusMillis(1));
        });
    }

    @Test
    void theLinesOfTasksOnTwoNodesAreMergedAndTasksWithoutALogAreSkipped() throws Exception {
        String onWorker = task(workerLogs, "w1\nw2\n");
        String onManager = task(managerLogs, "m1\n");
        String gone = Ids.newId();

        Recording logs = read(List.of(workerSource(onWorker, gone), managerSource(onManager)),
                new LogOptions(false, -1, true, false));

        logs.awaitEnd();
        assertThat(logs.lines(onWorker)).containsExactly("w1", "w2");
        assertThat(logs.lines(onManager)).containsExactly("m1");
        assertThat(logs.entries).hasSize(3);
        assertThat(logs.entries).filteredOn(entry -> entry.taskId().equals(onManager))
                .allSatisfy(entry -> assertThat(entry.nodeId()).isEqualTo(manager.nodeId()));
    }

    @Test
    void followingDeliversALineAppendedLaterUntilTheClientCloses() throws Exception {
        String task = task(workerLogs, "old1\nold2\n");
        Recording logs = read(List.of(workerSource(task)), new LogOptions(true, 1, true, true));
        await().atMost(TIMEOUT).until(() -> logs.lines(task).equals(List.of("old2")));
        await().atMost(TIMEOUT).until(() -> workerServer.openLogStreams() == 1);

        Files.writeString(workerLogs.resolve(task + ".log"), "new\n", StandardOpenOption.APPEND);

        await().atMost(TIMEOUT).until(() -> logs.lines(task).equals(List.of("old2", "new")));
        assertThat(logs.ended.getCount()).isEqualTo(1);

        logs.stream.close();

        await().atMost(TIMEOUT).until(() -> workerServer.openLogStreams() == 0);
        await().atMost(TIMEOUT).until(() -> deliveryThreads().isEmpty());
        assertThat(logs.ended.getCount()).as("a closed stream does not end the sink").isEqualTo(1);
    }

    @Test
    void followingEndsATaskWhoseLogIsDeletedAfterItsLastLine() throws Exception {
        String task = task(workerLogs, "before\npartial");
        Recording logs = read(List.of(workerSource(task)), new LogOptions(true, -1, true, true));
        await().atMost(TIMEOUT).until(() -> logs.lines(task).equals(List.of("before")));

        Files.delete(workerLogs.resolve(task + ".log"));

        await().atMost(TIMEOUT).until(() -> logs.lines(task).equals(List.of("before", "partial")));
        logs.stream.close();
        await().atMost(TIMEOUT).until(() -> workerServer.openLogStreams() == 0);
    }

    @Test
    void aFollowEndsWhenItsOnlyNodeStopsAndTheStoppedServerReleasesTheFiles() throws Exception {
        String task = task(workerLogs, "one\n");
        ClusterPortServer leaving = ClusterPortServer.startLogsOnly(new InetSocketAddress("127.0.0.1", 0), worker,
                taskId -> Optional.of(workerLogs.resolve(taskId + ".log")));
        Recording logs;
        try {
            logs = read(List.of(new TaskLogClient.Source(leaving.address(), worker.nodeId(), SERVICE, List.of(task))),
                    new LogOptions(true, -1, true, true));
            await().atMost(TIMEOUT).until(() -> logs.lines(task).equals(List.of("one")));
            assertThat(leaving.openLogStreams()).isEqualTo(1);
        } finally {
            leaving.close();
        }

        assertThat(leaving.openLogStreams()).isZero();
        logs.awaitEnd();
        assertThat(logs.lines(task)).containsExactly("one");
    }

    @Test
    void aNodeThatCannotBeReachedIsSkippedAndOneThatIsNotTheNodeNamedToo() throws Exception {
        String task = task(workerLogs, "reachable\n");
        int closedPort = OneManagerCluster.freePort();
        TaskLogClient.Source unreachable = new TaskLogClient.Source("127.0.0.1:" + closedPort, "n000000000000000000000009",
                SERVICE, List.of(task));
        TaskLogClient.Source impostor = new TaskLogClient.Source(workerServer.address(), "n000000000000000000000008",
                SERVICE, List.of(task));

        Recording logs = read(List.of(unreachable, impostor, workerSource(task)), new LogOptions(false, -1, true, true));

        logs.awaitEnd();
        assertThat(logs.entries).extracting(entry -> text(entry.line())).containsExactly("reachable");
    }

    @Test
    void whenEveryNodeFailsTheStreamEndsWithNothing() throws Exception {
        TaskLogClient.Source unreachable = new TaskLogClient.Source("127.0.0.1:" + OneManagerCluster.freePort(),
                worker.nodeId(), SERVICE, List.of(Ids.newId()));

        Recording logs = read(List.of(unreachable), new LogOptions(true, -1, true, true));

        logs.awaitEnd();
        assertThat(logs.entries).isEmpty();
    }

    @Test
    void aWorkerCertificateMayNotReadTaskLogs() throws Exception {
        String task = task(workerLogs, "secret\n");
        try (TaskLogClient workerClient = new TaskLogClient(TlsContexts.client(worker))) {
            Recording logs = new Recording(workerClient.open(List.of(workerSource(task)), new LogOptions(false, -1, true, true)));
            logs.awaitEnd();
            assertThat(logs.entries).isEmpty();
        }
        for (ClusterPortServer server : List.of(workerServer, managerServer)) {
            try (RawConnection raw = asWorker(server)) {
                raw.sendFrame(ClusterMessageCodec.toJson(new ClusterMessage.TaskLogs(List.of(task), -1, false)));

                assertThat(raw.readFrame()).isEqualTo("{\"type\":\"error\",\"status\":403,\"message\":"
                        + "\"only managers may read task logs; node " + worker.nodeId() + " is a worker\"}");
                assertThat(raw.closedByServer()).isTrue();
            }
        }
    }

    @Test
    void aWorkersServerRefusesEverythingButTaskLogs() throws Exception {
        String refusal = "{\"type\":\"error\",\"status\":404,\"message\":\"this node is a worker: it serves only task logs\"}";
        try (RawConnection raw = asManager(workerServer)) {
            raw.sendFrame("{\"type\":\"heartbeat\"}");
            assertThat(raw.readFrame()).isEqualTo(refusal);
            raw.sendFrame("{\"type\":\"watch-assignments\"}");
            assertThat(raw.readFrame()).isEqualTo(refusal);
        }
        try (RawConnection raw = RawConnection.anonymous(workerServer.localAddress(), ca.certificate())) {
            raw.sendFrame("{\"type\":\"join\",\"token\":\"SWMTKN-1-x-y\",\"csr\":\"\"}");
            assertThat(raw.readFrame()).isEqualTo(refusal);
        }
    }

    @Test
    void aRequestNamingAnInvalidTaskIdIsRefused() throws Exception {
        try (RawConnection raw = asManager(workerServer)) {
            raw.sendFrame("{\"type\":\"task-logs\",\"taskIds\":[\"../../etc/passwd\"],\"tail\":-1,\"follow\":false}");

            assertThat(raw.readFrame()).isEqualTo("{\"type\":\"error\",\"status\":400,\"message\":\"invalid task id "
                    + "'../../etc/passwd': want 25 lowercase base-36 characters\"}");
        }
    }

    @Test
    void linesTravelInBatchesAndANonFollowingStreamEndsWithLogEnd() throws Exception {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 2500; i++) {
            many.append(i).append('\n');
        }
        String task = task(workerLogs, many.toString());
        try (RawConnection raw = asManager(workerServer)) {
            raw.sendFrame(ClusterMessageCodec.toJson(new ClusterMessage.TaskLogs(List.of(task), -1, false)));

            List<Integer> batches = new ArrayList<>();
            List<String> lines = new ArrayList<>();
            for (ClusterMessage message = read(raw); !(message instanceof ClusterMessage.LogEnd); message = read(raw)) {
                List<ClusterMessage.LogLine> entries = ((ClusterMessage.LogLines) message).entries();
                batches.add(entries.size());
                entries.forEach(entry -> lines.add(text(entry.line())));
            }
            assertThat(batches).containsExactly(TaskLogStream.BATCH_LINES, TaskLogStream.BATCH_LINES, 500);
            assertThat(lines).hasSize(2500).startsWith("0", "1").endsWith("2499");
        }
    }

    @Test
    void aSlowClientPausesReadingAndStillGetsEveryLineInOrder() throws Exception {
        int count = 12_000;
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < count; i++) {
            many.append("line ").append(i).append('\n');
        }
        String task = task(workerLogs, many.toString());
        CountDownLatch slow = new CountDownLatch(1);
        List<String> received = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch ended = new CountDownLatch(1);
        TaskLogClient.RemoteLogStream stream = (TaskLogClient.RemoteLogStream) client.open(List.of(workerSource(task)),
                new LogOptions(false, -1, true, true));
        try {
            stream.start(new LogStream.Sink() {
                @Override
                public void entry(LogEntry entry) {
                    try {
                        slow.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    received.add(text(entry.line()));
                }

                @Override
                public void end() {
                    ended.countDown();
                }
            });

            await().atMost(TIMEOUT).until(() -> stream.queuedLines() > TaskLogClient.HIGH_WATER);
            assertThat(stream.queuedLines()).as("reading paused long before the whole file").isLessThanOrEqualTo(TaskLogClient.HIGH_WATER + 3 * TaskLogStream.BATCH_LINES);
            slow.countDown();

            assertThat(ended.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(received).hasSize(count);
            for (int i = 0; i < count; i += 997) {
                assertThat(received.get(i)).isEqualTo("line " + i);
            }
        } finally {
            slow.countDown();
            stream.close();
        }
    }

    private static ClusterMessage read(RawConnection raw) throws IOException {
        return ClusterMessageCodec.fromJson(raw.readFrame().getBytes(StandardCharsets.UTF_8));
    }

    private Recording read(List<TaskLogClient.Source> sources, LogOptions options) {
        return new Recording(client.open(sources, options));
    }

    private TaskLogClient.Source workerSource(String... tasks) {
        return new TaskLogClient.Source(workerServer.address(), worker.nodeId(), SERVICE, List.of(tasks));
    }

    private TaskLogClient.Source managerSource(String... tasks) {
        return new TaskLogClient.Source(managerServer.address(), manager.nodeId(), SERVICE, List.of(tasks));
    }

    private RawConnection asWorker(ClusterPortServer server) throws Exception {
        return new RawConnection(server.localAddress(), ca.certificate(), worker.privateKey(), worker.certificate());
    }

    private RawConnection asManager(ClusterPortServer server) throws Exception {
        return new RawConnection(server.localAddress(), ca.certificate(), manager.privateKey(), manager.certificate());
    }

    private static String task(Path dir, String content) throws IOException {
        String id = Ids.newId();
        Files.writeString(dir.resolve(id + ".log"), content);
        return id;
    }

    private static List<String> deliveryThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.matches("task-logs-\\d+")).toList();
    }

    private static String text(byte[] line) {
        return new String(line, StandardCharsets.UTF_8);
    }

    private NodeIdentity identity(String nodeId, NodeRole role) {
        KeyPair keys = EcKeys.generate();
        return NodeIdentity.of(keys.getPrivate(), ca.issueNodeCertificate(nodeId, role, CLUSTER, NodeCsr.create(keys),
                ClusterCa.NODE_VALIDITY, Instant.now()), ca.certificate());
    }

    private static void closeAll(AutoCloseable... resources) {
        for (AutoCloseable resource : resources) {
            try {
                if (resource != null) {
                    resource.close();
                }
            } catch (Exception e) {
                throw new AssertionError("closing " + resource, e);
            }
        }
    }

    /** A started stream and what its sink received. */
    private static final class Recording {
        final LogStream stream;
        final List<LogEntry> entries = new CopyOnWriteArrayList<>();
        final CountDownLatch ended = new CountDownLatch(1);

        Recording(LogStream stream) {
            this.stream = stream;
            stream.start(new LogStream.Sink() {
                @Override
                public void entry(LogEntry entry) {
                    entries.add(entry);
                }

                @Override
                public void end() {
                    ended.countDown();
                }
            });
        }

        List<String> lines(String taskId) {
            return entries.stream().filter(entry -> entry.taskId().equals(taskId)).map(entry -> text(entry.line())).toList();
        }

        void awaitEnd() throws InterruptedException {
            try {
                assertThat(ended.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("the stream ended").isTrue();
            } finally {
                stream.close();
            }
        }
    }

    /** A manager's backend that knows only its log directory: enough for task-logs requests. */
    private static final class LogsBackend extends ManagerOnlyBackend {
        private final Path logs;

        LogsBackend(Path logs) {
            super(CLUSTER);
            this.logs = logs;
        }

        @Override
        public Optional<Path> taskLogFile(String taskId) {
            return Optional.of(logs.resolve(taskId + ".log"));
        }
    }
}
