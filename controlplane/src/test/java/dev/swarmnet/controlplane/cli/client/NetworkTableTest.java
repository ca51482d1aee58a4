package dev.swarmnet.controlplane.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkTableTest {

    private static final String NETWORKS = """
            [{"Name":"ingress","Id":"qkq3i2hcx1zr0m2vz0b7c8e9f","Scope":"swarm","Driver":"overlay","Ingress":true},
             {"Name":"appnet","Id":"dvj36lws45gk34ujzr5nn9yxy","Scope":"swarm","Driver":"overlay"}]""";

    @Test
    void listsNetworksSortedByNameWithTwelveCharacterIds() {
        assertThat(new NetworkTable(Fixtures.json(NETWORKS)).table(false)).isEqualTo("""
                NETWORK ID     NAME      DRIVER    SCOPE
                dvj36lws45gk   appnet    overlay   swarm
                qkq3i2hcx1zr   ingress   overlay   swarm
                """);
    }

    @Test
    void quietListsPrintTruncatedIdsUnlessNoTrunc() {
        NetworkTable table = new NetworkTable(Fixtures.json(NETWORKS));

        assertThat(table.ids(false)).isEqualTo("dvj36lws45gk\nqkq3i2hcx1zr\n");
        assertThat(table.ids(true)).isEqualTo("dvj36lws45gk34ujzr5nn9yxy\nqkq3i2hcx1zr0m2vz0b7c8e9f\n");
    }

    @Test
    void createBodyIsWhatTheDockerCliSendsForAnOverlayNetwork() {
        String body = GoJson.compact(NetworkCreateRequest.body("appnet", "overlay", List.of(), List.of(), false,
                List.of(), List.of()));

        assertThat(body).isEqualTo("{\"Driver\":\"overlay\",\"Scope\":\"\",\"IPAM\":{\"Driver\":\"default\","
                + "\"Options\":{},\"Config\":[]},\"Internal\":false,\"Attachable\":false,\"Ingress\":false,"
                + "\"ConfigOnly\":false,\"ConfigFrom\":null,\"Options\":{},\"Labels\":{},\"Name\":\"appnet\"}");
    }

    @Test
    void createBodyCarriesSubnetGatewayAttachableOptionsAndLabels() {
        String body = GoJson.compact(NetworkCreateRequest.body("appnet", "overlay", List.of("10.0.9.0/24"),
                List.of("10.0.9.1"), true, List.of("encrypted"), List.of("team=web")));

        assertThat(body).contains("\"Config\":[{\"Subnet\":\"10.0.9.0/24\",\"Gateway\":\"10.0.9.1\"}]")
                .contains("\"Attachable\":true")
                .contains("\"Options\":{\"encrypted\":\"\"}")
                .contains("\"Labels\":{\"team\":\"web\"}");
    }

    @Test
    void aGatewayWithoutASubnetIsRefused() {
        assertThatThrownBy(() -> NetworkCreateRequest.body("n", "overlay", List.of(), List.of("10.0.0.1"), false,
                List.of(), List.of())).hasMessage("every ip-range or gateway must have a corresponding subnet");
    }
}
