package dev.swarmnet.controlplane.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swarmnet.controlplane.model.ContainerSpec;
import dev.swarmnet.controlplane.model.HealthCheck;
import dev.swarmnet.controlplane.model.EndpointSpec;
import dev.swarmnet.controlplane.model.Ids;
import dev.swarmnet.controlplane.model.PortConfig;
import dev.swarmnet.controlplane.model.RestartPolicy;
import dev.swarmnet.controlplane.model.ServiceMode;
import dev.swarmnet.controlplane.model.ServiceSpec;
import dev.swarmnet.controlplane.model.TaskTemplate;
import dev.swarmnet.controlplane.model.UpdateConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Service specs between Docker's JSON and the model: exact both ways, validated, unsupported fields refused. */
class ServiceSpecJsonTest {

    /** The body {@code docker service create --name web --replicas 3 --network X -p 8080:80 -e K=V} sends. */
    private static final String CLI_CREATE = "{\"Name\":\"web\",\"Labels\":{},\"TaskTemplate\":{\"ContainerSpec\":"
            + "{\"Image\":\"nginx:alpine\",\"Env\":[\"K=V\"],\"Init\":false,\"DNSConfig\":{}},\"Resources\":"
            + "{\"Limits\":{},\"Reservations\":{}},\"Placement\":{},\"Networks\":[{\"Target\":\"n1\"}],\"ForceUpdate\":0},"
            + "\"Mode\":{\"Replicated\":{\"Replicas\":3}},\"EndpointSpec\":{\"Mode\":\"vip\",\"Ports\":[{\"Protocol\":"
            + "\"tcp\",\"TargetPort\":80,\"PublishedPort\":8080,\"PublishMode\":\"ingress\"}]}}";

    private static ServiceSpec decode(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ServiceSpecJson.SUPPORTED.check(DockerJson.read(body, JsonNode.class), "service spec");
        return ServiceSpecJson.toModel(DockerJson.read(body, dev.swarmnet.controlplane.api.model.ServiceSpec.class));
    }

    private static ServiceSpec throughJson(ServiceSpec spec) {
        return decode(new String(DockerJson.write(ServiceSpecJson.toApi(spec)), StandardCharsets.UTF_8));
    }

    @Test
    void theCliCreateBodyBecomesTheModelWithDefaultsFilledIn() {
        ServiceSpec spec = decode(CLI_CREATE);
        assertThat(spec.name()).isEqualTo("web");
        assertThat(spec.mode()).isEqualTo(ServiceMode.replicated(3));
        assertThat(spec.taskTemplate().container()).isEqualTo(new ContainerSpec("nginx:alpine", List.of(), List.of(),
                List.of("K=V"), Map.of(), ContainerSpec.DEFAULT_STOP_GRACE_NANOS));
        assertThat(spec.taskTemplate().networks()).containsExactly("n1");
        assertThat(spec.taskTemplate().restartPolicy()).isEqualTo(RestartPolicy.defaults());
        assertThat(spec.updateConfig()).isEqualTo(UpdateConfig.defaults());
        assertThat(spec.endpointSpec()).isEqualTo(new EndpointSpec("vip", List.of(PortConfig.tcp(8080, 80))));
    }

    @Test
    void aMissingOrEmptyModeIsOneReplicaAndGlobalIsGlobal() {
        assertThat(decode(CLI_CREATE.replace("{\"Replicated\":{\"Replicas\":3}}", "{\"Replicated\":{}}")).mode())
                .isEqualTo(ServiceMode.replicated(1));
        assertThat(decode(CLI_CREATE.replace("\"Mode\":{\"Replicated\":{\"Replicas\":3}},", "")).mode())
                .isEqualTo(ServiceMode.replicated(1));
        assertThat(decode(CLI_CREATE.replace("{\"Replicated\":{\"Replicas\":3}}", "{\"Global\":{}}")).mode())
                .isEqualTo(ServiceMode.globalMode());
        assertThat(new String(DockerJson.write(ServiceSpecJson.toApi(decode(CLI_CREATE.replace(
                "{\"Replicated\":{\"Replicas\":3}}", "{\"Global\":{}}")))), StandardCharsets.UTF_8))
                .contains("\"Mode\":{\"Global\":{}}");
    }

    @Test
    void everyModelSpecSurvivesTheTripThroughDockersJsonUnchanged() {
        Random random = new Random(0x5eed_2026L);
        for (int trial = 0; trial < 500; trial++) {
            ServiceSpec spec = randomSpec(random);
            assertThat(throughJson(spec)).as("trial %d", trial).isEqualTo(spec);
            assertThat(ServiceSpecJson.toModel(ServiceSpecJson.toApi(spec))).isEqualTo(spec);
        }
    }

    @Test
    void whatTheCliReadsBackAndPostsAgainChangesNothing() {
        ServiceSpec once = decode(CLI_CREATE);
        var json = ServiceSpecJson.toApi(once);
        assertThat(ServiceSpecJson.toApi(ServiceSpecJson.toModel(json))).isEqualTo(json);
        assertThat(throughJson(once)).isEqualTo(once);
    }

    @Test
    void invalidValuesAreRefusedNamingTheField() {
        assertRefused(CLI_CREATE.replace("\"Replicas\":3", "\"Replicas\":-2"), 400,
                "invalid Mode: Replicas must not be negative");
        assertRefused(CLI_CREATE.replace("{\"Replicated\":{\"Replicas\":3}}",
                "{\"Replicated\":{\"Replicas\":3},\"Global\":{}}"), 400,
                "invalid Mode: only one of Replicated and Global may be set");
        assertRefused(CLI_CREATE.replace("\"Name\":\"web\"", "\"Name\":\"\""), 400, "invalid Name: a service needs a name");
        assertRefused(CLI_CREATE.replace("\"Name\":\"web\"", "\"Name\":\"web/1\""), 400,
                "invalid Name \"web/1\": name must be valid as a DNS name component");
        assertRefused(CLI_CREATE.replace("\"Image\":\"nginx:alpine\",", ""), 400,
                "invalid TaskTemplate.ContainerSpec.Image: an image reference must be provided");
        assertRefused(CLI_CREATE.replace("\"Protocol\":\"tcp\"", "\"Protocol\":\"icmp\""), 400,
                "invalid EndpointSpec.Ports.Protocol \"icmp\": must be tcp or udp");
        assertRefused(CLI_CREATE.replace("\"TargetPort\":80", "\"TargetPort\":0"), 400,
                "invalid EndpointSpec.Ports.TargetPort 0: must be between 1 and 65535");
        assertRefused(CLI_CREATE.replace("\"Mode\":\"vip\"", "\"Mode\":\"dnsrr\""), 400,
                "invalid EndpointSpec: port published with ingress mode can't be used with dnsrr mode");
        assertRefused(CLI_CREATE.replace("\"Placement\":{}", "\"Placement\":{\"Constraints\":[\"node.role\"]}"), 400,
                "invalid TaskTemplate.Placement.Constraints: \"node.role\" is not KEY==VALUE or KEY!=VALUE");
        assertRefused(CLI_CREATE.replace("\"ForceUpdate\":0", "\"ForceUpdate\":0,\"RestartPolicy\":{\"Condition\":"
                + "\"sometimes\"}"), 400, "invalid TaskTemplate.RestartPolicy.Condition \"sometimes\": must be none, "
                + "on-failure or any");
        assertRefused(CLI_CREATE.replace("\"Labels\":{},", "\"Labels\":{},\"UpdateConfig\":{\"Parallelism\":1,"
                + "\"FailureAction\":\"explode\"},"), 400, "invalid UpdateConfig.FailureAction \"explode\": must be "
                + "pause, continue or rollback");
        assertRefused(CLI_CREATE.replace("\"Labels\":{},", "\"Labels\":{},\"RollbackConfig\":{\"MaxFailureRatio\":2},"),
                400, "invalid RollbackConfig.MaxFailureRatio 2.0: must be between 0 and 1");
    }

    @Test
    void dockersHealthcheckBecomesTheTasksHealthCheckAndBadOnesAreRefusedNamingTheField() {
        String withCheck = CLI_CREATE.replace("\"Init\":false", "\"Init\":false,\"Healthcheck\":{\"Test\":"
                + "[\"CMD-SHELL\",\"test -e /ready\"],\"Interval\":2000000000,\"Timeout\":1000000000,"
                + "\"StartPeriod\":5000000000,\"Retries\":4}");
        HealthCheck check = decode(withCheck).taskTemplate().container().healthcheck();
        assertThat(check).isEqualTo(new HealthCheck(List.of("CMD-SHELL", "test -e /ready"), 2_000_000_000L,
                1_000_000_000L, 4, 5_000_000_000L));
        assertThat(check.argv()).containsExactly("/bin/sh", "-c", "test -e /ready");

        assertRefused(withCheck.replace("[\"CMD-SHELL\",\"test -e /ready\"]", "[\"SHELL\",\"x\"]"), 400,
                "invalid TaskTemplate.ContainerSpec.Healthcheck.Test [SHELL, x]: want [\"NONE\"], [\"CMD\", ARG...] or "
                        + "[\"CMD-SHELL\", COMMAND]");
        assertRefused(withCheck.replace("\"Interval\":2000000000", "\"Interval\":5"), 400,
                "invalid TaskTemplate.ContainerSpec.Healthcheck.Interval: 5ns must be 0 (the default) or at least 1ms");
        assertRefused(withCheck.replace("\"Retries\":4", "\"Retries\":-1"), 400,
                "invalid TaskTemplate.ContainerSpec.Healthcheck.Retries: -1 must not be negative");
        assertRefused(withCheck.replace("\"Retries\":4", "\"Retries\":4,\"StartInterval\":1000000000"), 501,
                "TaskTemplate.ContainerSpec.Healthcheck.StartInterval (--health-start-interval) is not supported by "
                        + "swarmnet: probes run every Interval, also during StartPeriod");
    }

    @Test
    void optionsSwarmnetWouldIgnoreAreRefusedButTheirEmptyDefaultsAreNot() {
        assertRefused(CLI_CREATE.replace("\"Limits\":{}", "\"Limits\":{\"MemoryBytes\":1024}"), 501,
                "swarmnet does not support TaskTemplate.Resources.Limits.MemoryBytes in a service spec");
        assertRefused(CLI_CREATE.replace("\"Init\":false", "\"Init\":true"), 501,
                "swarmnet does not support TaskTemplate.ContainerSpec.Init in a service spec");
        assertRefused(CLI_CREATE.replace("\"Init\":false", "\"Mounts\":[{\"Type\":\"bind\",\"Source\":\"/x\"}]"), 501,
                "swarmnet does not support TaskTemplate.ContainerSpec.Mounts[0].Type in a service spec");
        assertRefused(CLI_CREATE.replace("\"Init\":false", "\"TTY\":true"), 501,
                "swarmnet does not support TaskTemplate.ContainerSpec.TTY in a service spec");
        assertRefused(CLI_CREATE.replace("{\"Replicated\":{\"Replicas\":3}}", "{\"ReplicatedJob\":{}}"), 501,
                "swarmnet does not run jobs");
        assertThat(decode(CLI_CREATE.replace("\"Init\":false", "\"Init\":false,\"Secrets\":[],\"Mounts\":null,"
                + "\"Healthcheck\":{\"Test\":[]}")).name()).isEqualTo("web");
    }

    private static void assertRefused(String json, int status, String message) {
        assertThatThrownBy(() -> decode(json)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.getMessage()).startsWith(message);
        });
    }

    private static ServiceSpec randomSpec(Random random) {
        ContainerSpec container = new ContainerSpec(pick(random, "swarmnet/whoami", "nginx:alpine",
                "registry:5000/app@sha256:" + "a".repeat(64)), strings(random, "sh", "-c"), strings(random, "a", "b c"),
                strings(random, "K=V", "EMPTY="), labels(random), random.nextInt(3) * 1_000_000_000L,
                random.nextInt(3) > 0 ? null : new HealthCheck(random.nextBoolean() ? List.of("CMD-SHELL", "curl -f x")
                        : random.nextBoolean() ? List.of("CMD", "true") : List.of("NONE"),
                        random.nextInt(3) * 1_000_000_000L, random.nextInt(3) * 2_000_000L, random.nextInt(4),
                        random.nextInt(2) * 5_000_000_000L));
        RestartPolicy restart = new RestartPolicy(pick(random, "none", "on-failure", "any"),
                random.nextInt(10) * 1_000_000L, random.nextInt(4), random.nextInt(3) * 60_000_000_000L);
        List<String> networks = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            networks.add(Ids.newId(new Random(random.nextLong())));
        }
        TaskTemplate template = new TaskTemplate(container, restart,
                strings(random, "node.role==manager", "node.labels.zone!=a"), networks, random.nextInt(3));
        ServiceMode mode = random.nextInt(4) == 0 ? ServiceMode.globalMode() : ServiceMode.replicated(random.nextInt(6));
        List<PortConfig> ports = new ArrayList<>();
        String endpointMode = random.nextInt(5) == 0 ? EndpointSpec.DNSRR : EndpointSpec.VIP;
        for (int i = random.nextInt(3); i > 0; i--) {
            String publishMode = endpointMode.equals(EndpointSpec.DNSRR) || random.nextBoolean() ? PortConfig.HOST
                    : PortConfig.INGRESS;
            ports.add(new PortConfig(random.nextBoolean() ? "" : "p" + i, random.nextBoolean() ? "tcp" : "udp",
                    1 + random.nextInt(65535), random.nextBoolean() ? 0 : 8000 + i, publishMode));
        }
        return new ServiceSpec("svc-" + random.nextInt(100), labels(random), template, mode, update(random),
                update(random), new EndpointSpec(endpointMode, ports));
    }

    private static UpdateConfig update(Random random) {
        return new UpdateConfig(random.nextInt(4), random.nextInt(3) * 1_000_000_000L,
                pick(random, "pause", "continue", "rollback"), (1 + random.nextInt(9)) * 1_000_000_000L,
                random.nextInt(5) / 4.0, pick(random, "stop-first", "start-first"));
    }

    private static Map<String, String> labels(Random random) {
        Map<String, String> labels = new TreeMap<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            labels.put("swarmnet.l" + i, random.nextBoolean() ? "" : "v" + random.nextInt(9));
        }
        return labels;
    }

    private static List<String> strings(Random random, String... options) {
        List<String> out = new ArrayList<>();
        for (String option : options) {
            if (random.nextBoolean()) {
                out.add(option);
            }
        }
        return out;
    }

    private static String pick(Random random, String... options) {
        return options[random.nextInt(options.length)];
    }
}
