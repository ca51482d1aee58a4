package dev.swarmnet.controlplane.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.epoll.Epoll;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The network, service, task and log endpoints on the wire: statuses, messages, JSON and frames. */
class ServiceEndpointsTest {

    private static final String WEB = "{\"Name\":\"web\",\"Labels\":{},\"TaskTemplate\":{\"ContainerSpec\":"
            + "{\"Image\":\"swarmnet/whoami\",\"Init\":false,\"DNSConfig\":{}},\"Resources\":{\"Limits\":{},"
            + "\"Reservations\":{}},\"Placement\":{},\"ForceUpdate\":0},\"Mode\":{\"Replicated\":{\"Replicas\":2}},"
            + "\"EndpointSpec\":{\"Mode\":\"vip\",\"Ports\":[{\"Protocol\":\"tcp\",\"TargetPort\":80,"
            + "\"PublishedPort\":8080,\"PublishMode\":\"ingress\"}]}}";

    @TempDir
    Path dir;

    private InMemorySwarm swarm;
    private ApiServer server;
    private RawHttp http;

    @BeforeEach
    void serve() throws IOException {
        assumeTrue(Epoll.isAvailable(), "the unix socket needs Netty's epoll transport");
        swarm = InMemorySwarm.managerOfThree();
        Path socket = dir.resolve("s.sock");
        server = ApiServer.start(ApiServerConfig.unixSocket(socket), swarm);
        http = RawHttp.connect(socket);
    }

    @AfterEach
    void stop() throws IOException {
        if (http != null) {
            http.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private String createWeb() throws IOException {
        RawHttp.Response created = http.send("POST", "/v1.50/services/create", WEB);
        assertThat(created.status()).isEqualTo(201);
        return created.body().replaceAll(".*\"ID\":\"([0-9a-z]+)\".*", "$1");
    }

    @Test
    void serviceCreateAnswers201WithTheIdAndTheServiceReadsBackItsSpec() throws IOException {
        String id = createWeb();
        RawHttp.Response service = http.send("GET", "/v1.50/services/web?insertDefaults=false");
        assertThat(service.status()).isEqualTo(200);
        assertThat(service.body()).startsWith("{\"ID\":\"" + id + "\",\"Version\":{\"Index\":")
                .contains("\"Spec\":{\"Name\":\"web\",\"Labels\":{},\"TaskTemplate\":{\"ContainerSpec\":{\"Image\":"
                        + "\"swarmnet/whoami\",\"StopGracePeriod\":10000000000},\"RestartPolicy\":{\"Condition\":\"any\","
                        + "\"Delay\":5000000000,\"MaxAttempts\":0,\"Window\":0},\"Placement\":{},\"ForceUpdate\":0},"
                        + "\"Mode\":{\"Replicated\":{\"Replicas\":2}},\"UpdateConfig\":{\"Parallelism\":1,\"Delay\":0,"
                        + "\"FailureAction\":\"pause\",\"Monitor\":5000000000,\"MaxFailureRatio\":0.0,"
                        + "\"Order\":\"stop-first\"}",
                        "\"Endpoint\":{\"Spec\":{\"Mode\":\"vip\",\"Ports\":[{\"Protocol\":\"tcp\",\"TargetPort\":80,"
                                + "\"PublishedPort\":8080,\"PublishMode\":\"ingress\"}]},\"Ports\":[{\"Protocol\":\"tcp\","
                                + "\"TargetPort\":80,\"PublishedPort\":8080,\"PublishMode\":\"ingress\"}],"
                                + "\"VirtualIPs\":[{\"NetworkID\":\"")
                .doesNotContain("ServiceStatus", "PreviousSpec", "UpdateStatus");
        assertThat(http.send("GET", "/v1.50/services?status=true").body())
                .contains("\"ServiceStatus\":{\"RunningTasks\":2,\"DesiredTasks\":2,\"CompletedTasks\":0}");
    }

    @Test
    void tasksCarryTheFieldsServicePsNeeds() throws IOException {
        String id = createWeb();
        RawHttp.Response tasks = http.send("GET", "/v1.50/tasks?filters="
                + URLEncoder.encode("{\"service\":{\"web\":true},\"desired-state\":{\"running\":true}}",
                StandardCharsets.UTF_8));
        assertThat(tasks.status()).isEqualTo(200);
        assertThat(tasks.body()).contains("\"ServiceID\":\"" + id + "\"", "\"Slot\":1", "\"Slot\":2",
                "\"NodeID\":\"" + InMemorySwarm.SELF_ID + "\"", "\"DesiredState\":\"running\"",
                "\"Spec\":{\"ContainerSpec\":{\"Image\":\"swarmnet/whoami\"", "\"Status\":{\"Timestamp\":\"",
                "\"State\":\"running\",\"Message\":\"started\",\"ContainerStatus\":{\"PID\":", "\"CreatedAt\":\"");
        String taskId = swarm.runningTaskIds("web").get(0);
        RawHttp.Response one = http.send("GET", "/v1.50/tasks/" + taskId.substring(0, 8));
        assertThat(one.body()).startsWith("{\"ID\":\"" + taskId + "\"");
        assertThat(http.send("GET", "/v1.50/tasks/nosuch").body()).isEqualTo("{\"message\":\"task nosuch not found\"}");
        RawHttp.Response badState = http.send("GET", "/v1.50/tasks?filters="
                + URLEncoder.encode("{\"desired-state\":{\"dancing\":true}}", StandardCharsets.UTF_8));
        assertThat(badState.status()).isEqualTo(400);
    }

    @Test
    void anUpdateQuotingAnOldVersionIsOutOfSequence() throws IOException {
        createWeb();
        String body = http.send("GET", "/v1.50/services/web").body();
        long version = Long.parseLong(body.replaceAll(".*?\"Version\":\\{\"Index\":(\\d+)}.*", "$1"));
        String scaled = WEB.replace("\"Replicas\":2", "\"Replicas\":4");
        RawHttp.Response update = http.send("POST", "/v1.50/services/web/update?version=" + version, scaled);
        assertThat(update.status()).isEqualTo(200);
        assertThat(update.body()).isEqualTo("{\"Warnings\":[]}");
        RawHttp.Response stale = http.send("POST", "/v1.50/services/web/update?version=" + version, scaled);
        assertThat(stale.status()).isEqualTo(500);
        assertThat(stale.body()).isEqualTo("{\"message\":\"rpc error: code = Unknown desc = update out of sequence\"}");
        RawHttp.Response noVersion = http.send("POST", "/v1.50/services/web/update", scaled);
        assertThat(noVersion.status()).isEqualTo(400);
        assertThat(noVersion.body()).contains("invalid service version ''");
        RawHttp.Response badRollback = http.send("POST", "/v1.50/services/web/update?version=1&rollback=next",
                scaled);
        assertThat(badRollback.body()).contains("invalid rollback 'next'");
    }

    @Test
    void badBodiesAreRefusedNamingTheProblem() throws IOException {
        RawHttp.Response broken = http.send("POST", "/v1.50/services/create", "{\"Name\":");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.body()).startsWith("{\"message\":\"invalid JSON in request body: ");
        RawHttp.Response negative = http.send("POST", "/v1.50/services/create",
                WEB.replace("\"Replicas\":2", "\"Replicas\":-1"));
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.body()).isEqualTo("{\"message\":\"invalid Mode: Replicas must not be negative\"}");
        RawHttp.Response secrets = http.send("POST", "/v1.50/services/create", WEB.replace("\"Init\":false",
                "\"Init\":false,\"Secrets\":[{\"SecretName\":\"pw\"}]"));
        assertThat(secrets.status()).isEqualTo(501);
        assertThat(secrets.body()).contains("swarmnet does not support TaskTemplate.ContainerSpec.Secrets[0].SecretName");
        RawHttp.Response job = http.send("POST", "/v1.50/services/create", WEB.replace(
                "{\"Replicated\":{\"Replicas\":2}}", "{\"GlobalJob\":{}}"));
        assertThat(job.status()).isEqualTo(501);
        assertThat(job.body()).contains("swarmnet does not run jobs");
        RawHttp.Response network = http.send("POST", "/v1.50/networks/create", "{\"Name\":\"n\",\"Driver\":\"overlay\","
                + "\"IPAM\":{\"Driver\":\"default\",\"Config\":[{\"Subnet\":\"10.0.300.0/24\"}]}}");
        assertThat(network.status()).isEqualTo(400);
        assertThat(network.body()).contains("invalid IPAM.Config.Subnet \\\"10.0.300.0/24\\\"");
        RawHttp.Response range = http.send("POST", "/v1.50/networks/create", "{\"Name\":\"n\",\"Driver\":\"overlay\","
                + "\"IPAM\":{\"Config\":[{\"Subnet\":\"10.0.9.0/24\",\"IPRange\":\"10.0.9.0/25\"}]}}");
        assertThat(range.status()).isEqualTo(501);
        assertThat(range.body()).contains("swarmnet does not support IPAM.Config[0].IPRange");
        RawHttp.Response listen = http.send("POST", "/v1.50/services/create",
                WEB.replace("\"Labels\":{}", "\"Labels\":{\"swarmnet.ingress.listen\":\"eth0\"}"));
        assertThat(listen.status()).isEqualTo(400);
        assertThat(listen.body()).isEqualTo("{\"message\":\"invalid label swarmnet.ingress.listen=eth0: 'eth0' is not"
                + " an IPv4 address or CIDR block (a.b.c.d or a.b.c.d/n, comma-separated)\"}");
    }

    @Test
    void networksAnswerWithDockersShapesAndScopes() throws IOException {
        RawHttp.Response created = http.send("POST", "/v1.50/networks/create", "{\"Name\":\"appnet\","
                + "\"Driver\":\"overlay\",\"Scope\":\"\",\"IPAM\":{\"Driver\":\"default\",\"Options\":{},\"Config\":[]},"
                + "\"Internal\":false,\"Attachable\":false,\"Ingress\":false,\"ConfigOnly\":false,\"ConfigFrom\":null,"
                + "\"Options\":{},\"Labels\":{}}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body()).matches("\\{\"Id\":\"[0-9a-z]{25}\",\"Warning\":\"\"}");
        assertThat(http.send("GET", "/v1.50/networks/appnet?scope=swarm").status()).isEqualTo(200);
        RawHttp.Response local = http.send("GET", "/v1.50/networks/appnet?scope=local");
        assertThat(local.status()).isEqualTo(404);
        assertThat(local.body()).isEqualTo("{\"message\":\"network appnet not found\"}");
        assertThat(http.send("GET", "/v1.50/networks?filters=" + URLEncoder.encode("{\"color\":{\"x\":true}}",
                StandardCharsets.UTF_8)).status()).isEqualTo(400);
        assertThat(http.send("DELETE", "/v1.50/networks/appnet").status()).isEqualTo(204);
        assertThat(http.send("GET", "/v1.50/networks/appnet").status()).isEqualTo(404);
    }

    @Test
    void logsAreOneMultiplexedFramePerLineInChunksThenTheResponseEnds() throws IOException {
        String serviceId = createWeb();
        http.write(("GET /v1.50/services/web/logs?details=1&stdout=1&stderr=1&tail=all HTTP/1.1\r\nHost: api\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        RawHttp.Response head = http.readHead();
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Transfer-Encoding")).isEqualTo("chunked");
        assertThat(head.header("Content-Type")).isEqualTo("application/vnd.docker.multiplexed-stream");
        assertThat(head.header("Api-Version")).isEqualTo("1.50");
        List<byte[]> frames = new ArrayList<>();
        for (byte[] chunk = http.readChunk(); chunk.length > 0; chunk = http.readChunk()) {
            frames.add(chunk);
        }
        assertThat(frames).hasSize(4);
        String taskId = swarm.runningTaskIds("web").get(0);
        String details = "com.docker.swarm.node.id=" + InMemorySwarm.SELF_ID + ",com.docker.swarm.service.id="
                + serviceId + ",com.docker.swarm.task.id=" + taskId + " ";
        byte[] first = frames.get(0);
        String payload = details + "listening on :80 as web.1." + taskId + "\n";
        assertThat(first[0]).isEqualTo((byte) 1);
        assertThat(new byte[] {first[1], first[2], first[3]}).containsOnly(0);
        assertThat(((first[4] & 0xff) << 24) | ((first[5] & 0xff) << 16) | ((first[6] & 0xff) << 8) | (first[7] & 0xff))
                .isEqualTo(payload.length());
        assertThat(new String(first, 8, first.length - 8, StandardCharsets.UTF_8)).isEqualTo(payload);
        assertThat(frames.get(1)[0]).as("stderr frame").isEqualTo((byte) 2);

        // the connection is free again for the next request
        assertThat(http.send("GET", "/v1.50/services/web").status()).isEqualTo(200);
    }

    @Test
    void followedLogsSendNewLinesAsWrittenAndStopWhenTheClientLeaves() throws IOException {
        createWeb();
        http.write(("GET /v1.50/services/web/logs?follow=1&stdout=1&tail=0&timestamps=1 HTTP/1.1\r\n"
                + "Host: api\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        assertThat(http.readHead().status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> swarm.logFollowers() == 1);
        swarm.writeLog("web", 2, "GET / 200");
        byte[] frame = http.readChunk();
        assertThat(new String(frame, 8, frame.length - 8, StandardCharsets.UTF_8))
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z GET / 200\n");
        http.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> swarm.logFollowers() == 0);
    }

    @Test
    void logsNeedAStreamAndAKnownService() throws IOException {
        createWeb();
        RawHttp.Response none = http.send("GET", "/v1.50/services/web/logs");
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.body()).isEqualTo("{\"message\":\"Bad parameters: you must choose at least one stream\"}");
        RawHttp.Response missing = http.send("GET", "/v1.50/services/nosuch/logs?stdout=1");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("{\"message\":\"service nosuch not found\"}");
    }

    @Test
    void aFollowerThatDoesNotReadHoldsBackTheWriterInsteadOfFillingMemory() throws Exception {
        createWeb();
        http.write(("GET /v1.50/services/web/logs?follow=1&stdout=1&tail=0 HTTP/1.1\r\nHost: api\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(http.readHead().status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> swarm.logFollowers() == 1);
        String line = "x".repeat(16 * 1024);
        int lines = 1024; // 16 MiB: far beyond the socket buffers and Netty's high-water mark
        Thread writer = new Thread(() -> {
            for (int i = 0; i < lines; i++) {
                swarm.writeLog("web", 1, line);
            }
        }, "log-writer");
        writer.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> writer.getState() == Thread.State.TIMED_WAITING
                || writer.getState() == Thread.State.WAITING);
        assertThat(writer.isAlive()).as("the writer waits for the reader").isTrue();
        for (int i = 0; i < lines; i++) {
            byte[] frame = http.readChunk();
            assertThat(frame.length).isEqualTo(8 + line.length() + 1);
        }
        writer.join(10_000);
        assertThat(writer.isAlive()).isFalse();
    }
}
