package dev.swarmnet.controlplane.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DaemonAddressTest {

    @Test
    void shouldPreferTheOptionThenSwarmnetHostThenDockerHostThenTheDefault() {
        Map<String, String> both = Map.of("SWARMNET_HOST", "unix:///a.sock", "DOCKER_HOST", "unix:///b.sock");

        assertThat(DaemonAddress.choose("unix:///o.sock", both).uri()).isEqualTo("unix:///o.sock");
        assertThat(DaemonAddress.choose(null, both).uri()).isEqualTo("unix:///a.sock");
        assertThat(DaemonAddress.choose(null, Map.of("DOCKER_HOST", "tcp://127.0.0.1:2375")).uri())
                .isEqualTo("tcp://127.0.0.1:2375");
        assertThat(DaemonAddress.choose(null, Map.of()).socket())
                .isEqualTo(UnixDomainSocketAddress.of(Path.of("/run/swarmnet/swarmnet.sock")));
    }

    @Test
    void shouldReadTcpAddressesWithAndWithoutAPort() {
        DaemonAddress explicit = DaemonAddress.parse("tcp://127.0.0.1:2399");
        assertThat(explicit.family()).isEqualTo(StandardProtocolFamily.INET);
        assertThat(((InetSocketAddress) explicit.socket()).getPort()).isEqualTo(2399);
        assertThat(explicit.hostHeader()).isEqualTo("127.0.0.1:2399");
        assertThat(((InetSocketAddress) DaemonAddress.parse("tcp://[::1]").socket()).getPort()).isEqualTo(2375);
    }

    @Test
    void shouldRefuseOtherSchemesAndEmptyParts() {
        assertThatThrownBy(() -> DaemonAddress.parse("ssh://host")).hasMessageContaining("unix:///path or tcp://");
        assertThatThrownBy(() -> DaemonAddress.parse("unix://")).hasMessageContaining("path is empty");
        assertThatThrownBy(() -> DaemonAddress.parse("tcp://h:99999")).hasMessageContaining("port out of range");
    }
}
