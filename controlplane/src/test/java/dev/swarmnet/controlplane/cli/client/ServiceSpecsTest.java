package dev.swarmnet.controlplane.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceSpecsTest {

    private static ServiceFlags flags(Long replicas, List<String> env, List<String> ports) {
        return new ServiceFlags(replicas, false, env, ports, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    @Test
    void createBodyIsByteForByteWhatTheDockerCliSends() {
        // docker service create --name web --replicas 3 --network appnet -p 8080:80 -e K=V nginx:alpine
        JsonNode body = ServiceSpecs.create("web", "nginx:alpine", List.of(), List.of("dvj36lws45gk34ujzr5nn9yxy"),
                flags(3L, List.of("K=V"), List.of("8080:80")));

        assertThat(GoJson.compact(body)).isEqualTo("{\"Name\":\"web\",\"Labels\":{},\"TaskTemplate\":{\"ContainerSpec\":"
                + "{\"Image\":\"nginx:alpine\",\"Env\":[\"K=V\"],\"Init\":false,\"DNSConfig\":{}},\"Resources\":"
                + "{\"Limits\":{},\"Reservations\":{}},\"Placement\":{},\"Networks\":[{\"Target\":"
                + "\"dvj36lws45gk34ujzr5nn9yxy\"}],\"ForceUpdate\":0},\"Mode\":{\"Replicated\":{\"Replicas\":3}},"
                + "\"EndpointSpec\":{\"Mode\":\"vip\",\"Ports\":[{\"Protocol\":\"tcp\",\"TargetPort\":80,"
                + "\"PublishedPort\":8080,\"PublishMode\":\"ingress\"}]}}");
    }

    @Test
    void withoutNameOrReplicasTheBodyIsDockersAndAnUntaggedImageIsTaggedLatest() {
        JsonNode body = ServiceSpecs.create("", "busybox", List.of("sleep", "1d"), List.of(), flags(null, null, null));

        assertThat(GoJson.compact(body.path("Mode"))).isEqualTo("{\"Replicated\":{}}");
        assertThat(GoJson.compact(body.path("TaskTemplate").path("ContainerSpec")))
                .isEqualTo("{\"Image\":\"busybox:latest\",\"Args\":[\"sleep\",\"1d\"],\"Init\":false,\"DNSConfig\":{}}");
        assertThat(body.has("Name")).isFalse();
        assertThat(GoJson.compact(body.path("EndpointSpec"))).isEqualTo("{\"Mode\":\"vip\"}");
    }

    @Test
    void onlyUntaggedUndigestedImagesGetTheLatestTag() {
        assertThat(ServiceSpecs.withDefaultTag("registry.local:5000/team/app")).isEqualTo("registry.local:5000/team/app:latest");
        assertThat(ServiceSpecs.withDefaultTag("registry.local:5000/team/app:1.0")).isEqualTo("registry.local:5000/team/app:1.0");
        assertThat(ServiceSpecs.withDefaultTag("nginx@sha256:abc")).isEqualTo("nginx@sha256:abc");
    }

    @Test
    void globalModeRefusesAReplicaCount() {
        ServiceFlags global = new ServiceFlags(2L, true, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);

        assertThatThrownBy(() -> ServiceSpecs.create("", "busybox", List.of(), List.of(), global))
                .hasMessage("replicas can only be used with replicated or replicated-job mode");
    }

    @Test
    void updateAndRestartFlagsFillDockersDefaultsInGoFieldOrder() {
        ServiceFlags flags = new ServiceFlags(null, false, null, null, List.of("node.role==worker"), "dnsrr", "on-failure",
                Duration.ofSeconds(10), 3L, 2L, Duration.ofSeconds(90), null, "start-first", null,
                Duration.ofSeconds(30), List.of("tier=front"));

        JsonNode body = ServiceSpecs.create("web", "nginx", List.of(), List.of(), flags);

        assertThat(GoJson.compact(body.path("UpdateConfig"))).isEqualTo("{\"Parallelism\":2,\"Delay\":90000000000,"
                + "\"FailureAction\":\"pause\",\"Monitor\":5000000000,\"MaxFailureRatio\":0,\"Order\":\"start-first\"}");
        assertThat(GoJson.compact(body.path("TaskTemplate").path("RestartPolicy")))
                .isEqualTo("{\"Condition\":\"on-failure\",\"Delay\":10000000000,\"MaxAttempts\":3}");
        assertThat(GoJson.compact(body.path("TaskTemplate").path("Placement")))
                .isEqualTo("{\"Constraints\":[\"node.role==worker\"]}");
        assertThat(body.path("TaskTemplate").path("ContainerSpec").path("StopGracePeriod").asLong())
                .isEqualTo(30_000_000_000L);
        assertThat(body.path("EndpointSpec").path("Mode").asText()).isEqualTo("dnsrr");
        assertThat(body.path("Labels").path("tier").asText()).isEqualTo("front");
    }

    @Test
    void badEnumValuesAreNamedWithTheirFlag() {
        ServiceFlags flags = new ServiceFlags(null, false, null, null, null, null, null, null, null, null, null, null,
                "sideways", null, null, null);

        assertThatThrownBy(() -> ServiceSpecs.create("", "nginx", List.of(), List.of(), flags))
                .hasMessage("invalid --update-order value 'sideways': use one of start-first, stop-first");
    }

    private static final String CURRENT = """
            {"Name":"web","Labels":{"keep":"me"},"TaskTemplate":{"ContainerSpec":{"Image":"nginx:1.0",
             "Env":["B=2","A=1"],"Init":false},"Placement":{"Constraints":["node.role==worker"]},"ForceUpdate":4,
             "Runtime":"container"},
             "Mode":{"Replicated":{"Replicas":3}},
             "EndpointSpec":{"Mode":"vip","Ports":[{"Protocol":"tcp","TargetPort":80,"PublishedPort":8080,
             "PublishMode":"ingress"}]},"Unknown":{"x":1}}""";

    @Test
    void updateEditsOnlyWhatTheFlagsNameAndKeepsEverythingElse() {
        ServiceFlags flags = flags(5L, List.of("A=9", "C=3"), List.of("9090:90"));

        JsonNode spec = ServiceSpecs.update(Fixtures.json(CURRENT), flags, "nginx:1.1", List.of("B"), List.of("80"),
                List.of(), true);

        assertThat(spec.path("Mode").path("Replicated").path("Replicas").asLong()).isEqualTo(5);
        assertThat(spec.path("TaskTemplate").path("ContainerSpec").path("Image").asText()).isEqualTo("nginx:1.1");
        assertThat(GoJson.compact(spec.path("TaskTemplate").path("ContainerSpec").path("Env")))
                .isEqualTo("[\"A=9\",\"C=3\"]");
        assertThat(GoJson.compact(spec.path("EndpointSpec").path("Ports"))).isEqualTo(
                "[{\"Protocol\":\"tcp\",\"TargetPort\":90,\"PublishedPort\":9090,\"PublishMode\":\"ingress\"}]");
        assertThat(spec.path("TaskTemplate").path("ForceUpdate").asLong()).isEqualTo(5);
        assertThat(spec.path("TaskTemplate").path("Runtime").asText()).isEqualTo("container");
        assertThat(spec.path("Unknown").path("x").asInt()).isEqualTo(1);
        assertThat(spec.path("Labels").path("keep").asText()).isEqualTo("me");
        assertThat(spec.has("UpdateConfig")).isFalse();
    }

    @Test
    void updateDoesNotTouchTheSpecItWasGiven() {
        JsonNode current = Fixtures.json(CURRENT);
        String before = GoJson.compact(current);

        ServiceSpecs.update(current, flags(1L, null, null), "x", List.of(), List.of(), List.of(), true);

        assertThat(GoJson.compact(current)).isEqualTo(before);
    }

    @Test
    void constraintsAreAddedAndRemovedAsASortedSet() {
        ServiceFlags flags = new ServiceFlags(null, false, null, null, List.of("node.labels.zone==a"), null, null, null,
                null, null, null, null, null, null, null, null);

        JsonNode spec = ServiceSpecs.update(Fixtures.json(CURRENT), flags, null, List.of(), List.of(),
                List.of("node.role==worker"), false);

        assertThat(GoJson.compact(spec.path("TaskTemplate").path("Placement").path("Constraints")))
                .isEqualTo("[\"node.labels.zone==a\"]");
    }

    @Test
    void scaleSetsTheReplicasOfACopyAndRefusesGlobalServices() {
        JsonNode current = Fixtures.json(CURRENT);

        assertThat(ServiceSpecs.scale(current, 7).path("Mode").path("Replicated").path("Replicas").asLong()).isEqualTo(7);
        assertThat(current.path("Mode").path("Replicated").path("Replicas").asLong()).isEqualTo(3);
        assertThatThrownBy(() -> ServiceSpecs.scale(Fixtures.json("{\"Mode\":{\"Global\":{}}}"), 2))
                .hasMessage("scale can only be used with replicated or replicated-job mode");
    }
}
