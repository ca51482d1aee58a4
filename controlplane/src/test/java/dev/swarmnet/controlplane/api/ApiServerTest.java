package dev.swarmnet.controlplane.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.epoll.Epoll;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiServerTest {

    @TempDir
    Path dir;

    private Path socket;
    private ApiServer server;
    private InMemorySwarm swarm;

    @BeforeEach
    void needsEpoll() {
        assumeTrue(Epoll.isAvailable(), "the unix socket needs Netty's epoll transport");
        socket = dir.resolve("run").resolve("s.sock");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private RawHttp serve(InMemorySwarm backend) throws IOException {
        swarm = backend;
        server = ApiServer.start(ApiServerConfig.unixSocket(socket).withMaxRequestBytes(4096), backend);
        return RawHttp.connect(socket);
    }

    @ParameterizedTest(name = "{0} node pings Swarm: {1}")
    @CsvSource({"inactive, inactive", "manager, active/manager", "worker, active/worker"})
    void shouldAnswerPingWithApiVersionAndTheSwarmStateOfThisNode(String node, String header) throws IOException {
        Supplier<InMemorySwarm> backend = switch (node) {
            case "manager" -> InMemorySwarm::managerOfThree;
            case "worker" -> InMemorySwarm::worker;
            default -> () -> new InMemorySwarm("lonely");
        };
        try (RawHttp http = serve(backend.get())) {
            RawHttp.Response head = http.send("HEAD", "/_ping");
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("Api-Version")).isEqualTo("1.50");
            assertThat(head.header("Swarm")).isEqualTo(header);
            assertThat(head.header("Ostype")).isEqualTo("linux");
            assertThat(head.header("Docker-Experimental")).isEqualTo("false");
            assertThat(head.header("Server")).isEqualTo("Docker/28.2.2 (linux)");
            assertThat(head.header("Content-Length")).isEqualTo("0");

            RawHttp.Response get = http.send("GET", "/_ping");
            assertThat(get.body()).isEqualTo("OK");
            assertThat(get.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
            assertThat(get.header("Swarm")).isEqualTo(header);
        }
    }

    @Test
    void shouldServeTwoRequestsOnOneKeptAliveConnection() throws IOException {
        try (RawHttp http = serve(InMemorySwarm.managerOfThree())) {
            assertThat(http.send("GET", "/v1.50/nodes/wrk1").status()).isEqualTo(200);
            assertThat(http.send("GET", "/v1.50/swarm").status()).isEqualTo(200);
        }
    }

    @Test
    void shouldTellAWorkerThatItCannotServeClusterState() throws IOException {
        try (RawHttp http = serve(InMemorySwarm.worker())) {
            RawHttp.Response nodes = http.send("GET", "/v1.50/nodes");
            assertThat(nodes.status()).isEqualTo(503);
            assertThat(nodes.body()).contains("Worker nodes can't be used to view or modify cluster state.");
        }
    }

    @Test
    void shouldAnswerHeadOnAnyGetRouteWithHeadersOnly() throws IOException {
        try (RawHttp http = serve(InMemorySwarm.managerOfThree())) {
            int length = http.send("GET", "/v1.50/nodes/mgr1").body().length();
            RawHttp.Response head = http.send("HEAD", "/v1.50/nodes/mgr1");
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("Content-Length")).isEqualTo(Integer.toString(length));
            assertThat(http.send("GET", "/_ping").body()).isEqualTo("OK");
        }
    }

    @Test
    void shouldCloseAConnectionThatStaysIdle() throws IOException {
        swarm = InMemorySwarm.managerOfThree();
        server = ApiServer.start(ApiServerConfig.unixSocket(socket).withIdleTimeout(java.time.Duration.ofMillis(200)),
                swarm);
        try (RawHttp http = RawHttp.connect(socket)) {
            assertThat(http.send("GET", "/_ping").status()).isEqualTo(200);
            assertThat(http.isClosedByServer()).isTrue();
        }
    }

    @Test
    void shouldStripAVersionPrefixWithinTheSupportedRange() throws IOException {
        try (RawHttp http = serve(InMemorySwarm.managerOfThree())) {
            String plain = http.send("GET", "/nodes/mgr1").body();
            assertThat(http.send("GET", "/v1.50/nodes/mgr1").body()).isEqualTo(plain);
            assertThat(http.send("GET", "/v1.24/nodes/mgr1").body()).isEqualTo(plain);
            assertThat(http.send("GET", "/v1.44/_ping").body()).isEqualTo("OK");
        }
    }

    @Test
    void shouldRefuseVersionsAboveOrBelowTheSupportedRangeInTheDaemonsWords() throws IOException {
        try (RawHttp http = serve(InMemorySwarm.managerOfThree())) {
            RawHttp.Response tooNew = http.send("GET", "/v1.51/info");
            assertThat(tooNew.status()).isEqualTo(400);
            assertThat(tooNew.header("Content-Type")).isEqualTo("application/json");
            assertThat(tooNew.body()).isEqualTo(
                    "{\"message\":\"client version 1.51 is too new. Maximum supported API version is 1.50\"}");

            RawHttp.Response tooOld = http.send("GET", "/v1.23/info");
            assertThat(tooOld.status()).isEqualTo(400);
            assertThat(tooOld.body()).isEqualTo("{\"message\":\"client version 1.23 is too old. Minimum supported API "
                    + "version is 1.24, please upgrade your client to a newer version\"}");
        }
    }

    @Test
    void shouldListNoTasksForAKnownNodeAndRefuseUnknownNodesAndFilters() throws IOException {
        try (RawHttp http = serve(InMemorySwarm.managerOfThree())) {
            RawHttp.Response self = http.send("GET", "/v1.50/tasks?filters="
                    + java.net.URLEncoder.encode("{\"node\":{\"self\":true}}", java.nio.charset.StandardCharsets.UTF_8));
            assertThat(self.status()).isEqualTo(200);
            assertThat(self.header("Content-Type")).isEqualTo("application/json");
            assertThat(self.body()).isEqualTo("[]");

            RawHttp.Response byName = http.send("GET", "/v1.50/tasks?filters="
                    + java.net.URLEncoder.encode("{\"desired-state\":{\"running\":true},\"node\":{\"wrk1\":true}}",
                    java.nio.charset.StandardCharsets.UTF_8));
            assertThat(byName.status()).isEqualTo(200);
            assertThat(byName.body()).isEqualTo("[]");

            RawHttp.Response missing = http.send("GET", "/v1.50/tasks?filters="
                    + java.net.URLEncoder.encode("{\"node\":{\"nosuch\":true}}", java.nio.charset.StandardCharsets.UTF_8));
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.body()).isEqualTo("{\"message\":\"node nosuch not found\"}");

            RawHttp.Response unknownKey = http.send("GET", "/v1.50/tasks?filters="
                    + java.net.URLEncoder.encode("{\"colour\":{\"red\":true}}", java.nio.charset.StandardCharsets.UTF_8));
            assertThat(unknownKey.status()).isEqualTo(400);
            assertThat(unknownKey.body()).isEqualTo("{\"message\":\"invalid filter 'colour'\"}");

            assertThat(http.send("GET", "/v1.50/services").body()).isEqualTo("[]");
        }
    }

    @Test
    void shouldTellAWorkerThatItCannotListTasks() throws IOException {
        try (RawHttp http = serve(InMemorySwarm.worker())) {
            RawHttp.Response tasks = http.send("GET", "/v1.50/tasks");
            assertThat(tasks.status()).isEqualTo(503);
            assertThat(tasks.body()).contains("Worker nodes can't be used to view or modify cluster state.");
        }
    }

    @Test
    void shouldAnswerBackendErrorsAsDockerJsonWithExactContentType() throws IOException {
        try (RawHttp http = serve(InMemorySwarm.managerOfThree())) {
            RawHttp.Response missing = http.send("GET", "/v1.50/nodes/nosuch");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.header("Content-Type")).isEqualTo("application/json");
            assertThat(missing.header("Api-Version")).isEqualTo("1.50");
            assertThat(missing.body()).isEqualTo("{\"message\":\"node nosuch not found\"}");
        }
    }

    @Test
    void shouldTellANodeInNoSwarmThatItIsNotAManager() throws IOException {
        try (RawHttp http = serve(new InMemorySwarm("lonely"))) {
            RawHttp.Response response = http.send("GET", "/v1.50/swarm");
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.body()).isEqualTo("{\"message\":\"This node is not a swarm manager. Use \\\"docker "
                    + "swarm init\\\" or \\\"docker swarm join\\\" to connect this node to swarm and try again.\"}");
        }
    }

    @Test
    void shouldAnswerUnknownEndpointsAndMethodsWith501NamingThem() throws IOException {
        try (RawHttp http = serve(InMemorySwarm.managerOfThree())) {
            RawHttp.Response containers = http.send("GET", "/v1.50/containers/json?all=1");
            assertThat(containers.status()).isEqualTo(501);
            assertThat(containers.header("Content-Type")).isEqualTo("application/json");
            assertThat(containers.body()).contains("swarmnet does not implement GET /containers/json");

            RawHttp.Response deleteSwarm = http.send("DELETE", "/v1.50/swarm");
            assertThat(deleteSwarm.status()).isEqualTo(501);
            assertThat(deleteSwarm.body()).contains("DELETE /swarm");

            RawHttp.Response unlockKey = http.send("GET", "/v1.50/swarm/unlockkey");
            assertThat(unlockKey.status()).isEqualTo(501);
            assertThat(unlockKey.body()).contains("autolock");
        }
    }

    @Test
    void shouldAnswerMalformedJsonWith400AndKeepServing() throws IOException {
        try (RawHttp http = serve(new InMemorySwarm("lonely"))) {
            RawHttp.Response bad = http.send("POST", "/v1.50/swarm/init", "{\"ListenAddr\": ");
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.header("Content-Type")).isEqualTo("application/json");
            assertThat(bad.body()).startsWith("{\"message\":\"invalid JSON in request body: ").contains("line 1");

            RawHttp.Response empty = http.send("POST", "/v1.50/swarm/init", "");
            assertThat(empty.body()).isEqualTo("{\"message\":\"got EOF while reading request body\"}");

            RawHttp.Response badRole = http.send("POST", "/v1.50/swarm/init", "{\"Availability\":\"sleepy\"}");
            assertThat(badRole.body()).isEqualTo("{\"message\":\"invalid Availability: \\\"sleepy\\\"\"}");

            assertThat(http.send("GET", "/_ping").body()).isEqualTo("OK");
        }
    }

    @Test
    void shouldReturnTheNewNodeIdAsAJsonStringFromSwarmInit() throws IOException {
        try (RawHttp http = serve(new InMemorySwarm("mgr1"))) {
            RawHttp.Response init = http.send("POST", "/v1.50/swarm/init",
                    "{\"ListenAddr\":\"0.0.0.0:2377\",\"AdvertiseAddr\":\"192.168.56.10\",\"Spec\":{\"Labels\":null,"
                            + "\"Orchestration\":{},\"Raft\":{\"ElectionTick\":0,\"HeartbeatTick\":0},\"Dispatcher\":{},"
                            + "\"CAConfig\":{},\"TaskDefaults\":{},\"EncryptionConfig\":{\"AutoLockManagers\":false}},"
                            + "\"AutoLockManagers\":false,\"Availability\":\"\",\"DefaultAddrPool\":[],\"SubnetSize\":24}");
            assertThat(init.status()).isEqualTo(200);
            assertThat(init.header("Content-Type")).isEqualTo("application/json");
            assertThat(init.body()).isEqualTo("\"" + InMemorySwarm.SELF_ID + "\"");

            RawHttp.Response again = http.send("POST", "/v1.50/swarm/init", "{}");
            assertThat(again.status()).isEqualTo(503);
            assertThat(again.body()).contains("This node is already part of a swarm.");
        }
    }

    @Test
    void shouldRefuseAutolockRatherThanDropIt() throws IOException {
        try (RawHttp http = serve(new InMemorySwarm("mgr1"))) {
            RawHttp.Response init = http.send("POST", "/v1.50/swarm/init", "{\"AutoLockManagers\":true}");
            assertThat(init.status()).isEqualTo(501);
            assertThat(init.body()).contains("autolock");
            assertThat(swarm.status().pingHeader()).isEqualTo("inactive");
        }
    }

    @Test
    void shouldEncodeNodesWithGoFieldNamesAndNanosecondTimes() throws IOException {
        try (RawHttp http = serve(InMemorySwarm.managerOfThree())) {
            String self = http.send("GET", "/v1.50/nodes/" + InMemorySwarm.SELF_ID).body();
            assertThat(self).startsWith("{\"ID\":\"" + InMemorySwarm.SELF_ID + "\",\"Version\":{\"Index\":")
                    .contains("\"CreatedAt\":\"2025-11-25T20:07:16.123456789Z\"")
                    .contains("\"Spec\":{\"Labels\":{},\"Role\":\"manager\",\"Availability\":\"active\"}")
                    .contains("\"Description\":{\"Hostname\":\"mgr1\",\"Platform\":{\"Architecture\":\"x86_64\","
                            + "\"OS\":\"linux\"},\"Resources\":{\"NanoCPUs\":2000000000,\"MemoryBytes\":4294967296},"
                            + "\"Engine\":{\"EngineVersion\":\"28.2.2\",\"Labels\":{}}}")
                    .contains("\"Status\":{\"State\":\"ready\",\"Message\":\"\",\"Addr\":\"192.168.56.10\"}")
                    .endsWith("\"ManagerStatus\":{\"Leader\":true,\"Reachability\":\"reachable\","
                            + "\"Addr\":\"192.168.56.10:2377\"}}");
            assertThat(http.send("GET", "/v1.50/nodes/wrk1").body()).doesNotContain("ManagerStatus");
            assertThat(http.send("GET", "/v1.50/swarm").body())
                    .contains("\"Dispatcher\":{\"HeartbeatPeriod\":5000000000}")
                    .contains("\"CAConfig\":{\"NodeCertExpiry\":7776000000000000}")
                    .contains("\"JoinTokens\":{\"Worker\":\"SWMTKN-1-");
        }
    }

    @Test
    void shouldFilterNodesAndRefuseUnknownFilterKeys() throws IOException {
        try (RawHttp http = serve(InMemorySwarm.managerOfThree())) {
            String managers = http.send("GET", "/v1.50/nodes?filters=%7B%22role%22%3A%7B%22manager%22%3Atrue%7D%7D")
                    .body();
            assertThat(managers).contains("mgr1", "mgr2").doesNotContain("wrk1");

            RawHttp.Response unknown = http.send("GET", "/v1.50/nodes?filters=%7B%22color%22%3A%7B%22red%22%3Atrue%7D%7D");
            assertThat(unknown.status()).isEqualTo(400);
            assertThat(unknown.body()).isEqualTo("{\"message\":\"invalid filter 'color'\"}");
        }
    }

    @Test
    void shouldApplyANodeUpdateAtTheCurrentVersionAndRefuseAStaleOne() throws IOException {
        try (RawHttp http = serve(InMemorySwarm.managerOfThree())) {
            long version = swarm.inspectNode("wrk1").version().index();
            String spec = "{\"Labels\":{},\"Role\":\"worker\",\"Availability\":\"drain\"}";
            RawHttp.Response ok = http.send("POST", "/v1.50/nodes/wrk1/update?version=" + version, spec);
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.header("Content-Length")).isEqualTo("0");
            assertThat(swarm.inspectNode("wrk1").spec().availability().wire()).isEqualTo("drain");

            RawHttp.Response stale = http.send("POST", "/v1.50/nodes/wrk1/update?version=" + version, spec);
            assertThat(stale.status()).isEqualTo(500);
            assertThat(stale.body()).isEqualTo(
                    "{\"message\":\"rpc error: code = Unknown desc = update out of sequence\"}");

            RawHttp.Response noVersion = http.send("POST", "/v1.50/nodes/wrk1/update", spec);
            assertThat(noVersion.status()).isEqualTo(400);
            assertThat(noVersion.body()).contains("invalid node version ''");
        }
    }

    @Test
    void shouldAnswerAnOversizedBodyWith413AndClose() throws IOException {
        try (RawHttp http = serve(new InMemorySwarm("mgr1"))) {
            RawHttp.Response tooBig = http.send("POST", "/v1.50/swarm/init", "{\"x\":\"" + "a".repeat(5000) + "\"}");
            assertThat(tooBig.status()).isEqualTo(413);
            assertThat(tooBig.header("Content-Type")).isEqualTo("application/json");
            assertThat(tooBig.body()).contains("at most 4096 bytes");
            assertThat(http.isClosedByServer()).isTrue();
        }
    }

    @Test
    void shouldCreateTheSocketDirectoryAndMakeTheSocketGroupReadableOnly() throws IOException {
        serve(InMemorySwarm.managerOfThree()).close();
        assertThat(Files.getPosixFilePermissions(socket)).isEqualTo(PosixFilePermissions.fromString("rw-rw----"));
        server.close();
        server = null;
        assertThat(socket).doesNotExist();
    }

    @Test
    void shouldReplaceAStaleSocketButNeverALiveOne() throws IOException {
        Files.createDirectories(socket.getParent());
        try (ServerSocketChannel live = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            live.bind(UnixDomainSocketAddress.of(socket));
            assertThatThrownBy(() -> ApiServer.start(ApiServerConfig.unixSocket(socket), new InMemorySwarm("x")))
                    .hasMessageContaining("another server is listening on " + socket);
        }
        assertThat(socket).exists();
        try (RawHttp http = serve(InMemorySwarm.managerOfThree())) {
            assertThat(http.send("GET", "/_ping").status()).isEqualTo(200);
        }
    }

    @Test
    void shouldRefuseANonLoopbackTcpAddressUnlessAllowed() {
        assertThatThrownBy(() -> ApiServerConfig.unixSocket(socket)
                .withTcp(new InetSocketAddress("0.0.0.0", 2375), false))
                .hasMessageContaining("refusing to serve the API on 0.0.0.0:2375");
    }

    @Test
    void shouldAlsoServeOnLoopbackTcp() throws IOException {
        server = ApiServer.start(ApiServerConfig.unixSocket(socket)
                .withTcp(new InetSocketAddress("127.0.0.1", 0), false), InMemorySwarm.managerOfThree());
        InetSocketAddress tcp = server.tcpAddress();
        try (var client = java.nio.channels.SocketChannel.open(tcp)) {
            client.write(java.nio.ByteBuffer.wrap("GET /v1.50/_ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            String reply = new String(client.socket().getInputStream().readAllBytes(),
                    java.nio.charset.StandardCharsets.US_ASCII);
            assertThat(reply).startsWith("HTTP/1.1 200 OK").contains("Swarm: active/manager").endsWith("OK");
        }
    }
}
