package dev.swarmnet.controlplane.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PortSpecTest {

    @Test
    void shortFormsBecomeIngressPorts() {
        assertThat(GoJson.compact(PortSpec.parse("8080:80"))).isEqualTo(
                "{\"Protocol\":\"tcp\",\"TargetPort\":80,\"PublishedPort\":8080,\"PublishMode\":\"ingress\"}");
        assertThat(GoJson.compact(PortSpec.parse("53:53/udp"))).isEqualTo(
                "{\"Protocol\":\"udp\",\"TargetPort\":53,\"PublishedPort\":53,\"PublishMode\":\"ingress\"}");
    }

    @Test
    void aTargetAloneLeavesThePublishedPortToTheServer() {
        assertThat(GoJson.compact(PortSpec.parse("80")))
                .isEqualTo("{\"Protocol\":\"tcp\",\"TargetPort\":80,\"PublishMode\":\"ingress\"}");
    }

    @Test
    void longFormNamesModeTargetPublishedAndProtocol() {
        assertThat(GoJson.compact(PortSpec.parse("mode=host,target=80,published=8080,protocol=udp"))).isEqualTo(
                "{\"Protocol\":\"udp\",\"TargetPort\":80,\"PublishedPort\":8080,\"PublishMode\":\"host\"}");
    }

    @Test
    void badPortsAreNamed() {
        assertThatThrownBy(() -> PortSpec.parse("published=8080")).hasMessage("missing mandatory field \"target\"");
        assertThatThrownBy(() -> PortSpec.parse("1.2.3.4:80:80")).hasMessageContaining("hostip is not supported");
        assertThatThrownBy(() -> PortSpec.parse("80:99999")).hasMessage("invalid port '99999' in \"80:99999\"");
        assertThatThrownBy(() -> PortSpec.parse("80/icmp")).hasMessageContaining("invalid protocol 'icmp'");
        assertThatThrownBy(() -> PortSpec.parse("target=80,mode=bridge")).hasMessageContaining("invalid publish mode");
    }
}
