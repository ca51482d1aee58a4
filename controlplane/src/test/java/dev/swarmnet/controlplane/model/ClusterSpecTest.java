package dev.swarmnet.controlplane.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterSpecTest {

    @Test
    void shouldFillZerosWithSwarmkitDefaultsAsSwarmInitDoes() {
        ClusterSpec spec = ClusterSpec.unset().withDefaults();

        assertThat(spec.name()).isEqualTo("default");
        assertThat(spec.orchestration().taskHistoryRetentionLimit()).isEqualTo(5);
        assertThat(spec.raft()).isEqualTo(new ClusterSpec.Raft(10_000, 0, 500, 10, 1));
        assertThat(spec.dispatcher().heartbeatPeriodNanos()).isEqualTo(5_000_000_000L);
        assertThat(spec.caConfig().nodeCertExpiryNanos()).isEqualTo(90L * 24 * 3600 * 1_000_000_000L);
        assertThat(spec.encryption().autoLockManagers()).isFalse();
    }

    @Test
    void shouldKeepValuesAnUpdateLeavesAtZeroButTakeItsLabelsAndAutolock() {
        ClusterSpec current = new ClusterSpec("default", Map.of("a", "1"), new ClusterSpec.Orchestration(9),
                new ClusterSpec.Raft(1, 2, 3, 20, 2), new ClusterSpec.Dispatcher(7), new ClusterSpec.CaConfig(8),
                new ClusterSpec.Encryption(true));
        ClusterSpec update = new ClusterSpec("", Map.of("b", "2"), null, new ClusterSpec.Raft(0, 0, 0, 30, 0),
                null, null, null);

        ClusterSpec merged = current.merge(update);

        assertThat(merged).isEqualTo(new ClusterSpec("default", Map.of("b", "2"), new ClusterSpec.Orchestration(9),
                new ClusterSpec.Raft(1, 2, 3, 30, 2), new ClusterSpec.Dispatcher(7), new ClusterSpec.CaConfig(8),
                new ClusterSpec.Encryption(false)));
    }
}
