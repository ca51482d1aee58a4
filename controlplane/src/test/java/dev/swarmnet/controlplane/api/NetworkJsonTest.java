package dev.swarmnet.controlplane.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.swarmnet.controlplane.api.model.Ipam;
import dev.swarmnet.controlplane.api.model.IpamConfig;
import dev.swarmnet.controlplane.api.model.NetworkCreateRequest;
import dev.swarmnet.controlplane.model.Network;
import dev.swarmnet.controlplane.model.NetworkSpec;
import dev.swarmnet.controlplane.model.Version;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Networks between Docker's JSON and the model. */
class NetworkJsonTest {

    private static NetworkCreateRequest request(String driver, Ipam ipam) {
        return new NetworkCreateRequest("appnet", driver, "", null, false, ipam, false, true, false, false, null,
                Map.of("mtu", "1400"), Map.of("team", "net"));
    }

    @Test
    void inspectJsonHasDockersFieldsInDockersOrder() {
        Network network = new Network("dvj36lws45gk34ujzr5nn9yxy", new Version(12),
                Instant.parse("2025-11-25T20:07:16.89Z").toEpochMilli(), 0,
                new NetworkSpec("appnet", Map.of(), "overlay", false, false, "", "", Map.of()), 4097, "10.0.1.0/24",
                "10.0.1.1", 1450, "");
        assertThat(new String(DockerJson.write(NetworkJson.toApi(network)), StandardCharsets.UTF_8)).isEqualTo(
                "{\"Name\":\"appnet\",\"Id\":\"dvj36lws45gk34ujzr5nn9yxy\",\"Created\":\"2025-11-25T20:07:16.89Z\","
                        + "\"Scope\":\"swarm\",\"Driver\":\"overlay\",\"EnableIPv4\":true,\"EnableIPv6\":false,"
                        + "\"IPAM\":{\"Driver\":\"default\",\"Config\":[{\"Subnet\":\"10.0.1.0/24\",\"Gateway\":\"10.0.1.1\"}]},"
                        + "\"Internal\":false,\"Attachable\":false,\"Ingress\":false,\"ConfigFrom\":{\"Network\":\"\"},"
                        + "\"ConfigOnly\":false,\"Containers\":{},"
                        + "\"Options\":{\"com.docker.network.driver.overlay.vxlanid_list\":\"4097\"},\"Labels\":{}}");
    }

    @Test
    void aCreateRequestBecomesASpecWithItsSubnetLabelsAndOptions() {
        NetworkSpec spec = NetworkJson.toModel(request("overlay", new Ipam("default", Map.of(),
                List.of(new IpamConfig("10.0.9.0/24", "10.0.9.254")))));
        assertThat(spec).isEqualTo(new NetworkSpec("appnet", Map.of("team", "net"), "overlay", true, false,
                "10.0.9.0/24", "10.0.9.254", Map.of("mtu", "1400")));
        assertThat(NetworkJson.toModel(request("", null)).driver()).isEqualTo("overlay");
    }

    @Test
    void whatSwarmnetCannotDoIsRefusedByName() {
        assertThatThrownBy(() -> NetworkJson.toModel(request("bridge", null)))
                .hasMessage("swarmnet creates only overlay networks, not bridge (use --driver overlay)");
        assertThatThrownBy(() -> NetworkJson.toModel(request("overlay", new Ipam("dhcp", null, null))))
                .hasMessageContaining("IPAM.Driver");
        assertThatThrownBy(() -> NetworkJson.toModel(request("overlay", new Ipam(null, null,
                List.of(new IpamConfig(null, "10.0.9.1")))))).hasMessageStartingWith("invalid IPAM.Config.Gateway");
        assertThatThrownBy(() -> NetworkJson.toModel(new NetworkCreateRequest("x", "overlay", "", null, false, null,
                false, false, true, false, null, null, null))).hasMessageContaining("swarm init creates 'ingress'");
        assertThatThrownBy(() -> NetworkJson.toModel(new NetworkCreateRequest("x", "overlay", "local", null, false,
                null, false, false, false, false, null, null, null))).hasMessageStartingWith("invalid Scope \"local\"");
    }
}
