package dev.swarmnet.dataplane.lb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LbAlgorithmTest {
    @Test
    void shouldAcceptEveryDocumentedSpelling() {
        assertThat(LbAlgorithm.parse("round-robin")).isEqualTo(LbAlgorithm.ROUND_ROBIN);
        assertThat(LbAlgorithm.parse("rr")).isEqualTo(LbAlgorithm.ROUND_ROBIN);
        assertThat(LbAlgorithm.parse("least-conn")).isEqualTo(LbAlgorithm.LEAST_CONNECTIONS);
        assertThat(LbAlgorithm.parse("least-connections")).isEqualTo(LbAlgorithm.LEAST_CONNECTIONS);
        assertThat(LbAlgorithm.parse(" Maglev ")).isEqualTo(LbAlgorithm.MAGLEV);
    }

    @Test
    void nameShouldRoundTripThroughParse() {
        for (final int algorithm : new int[] {LbAlgorithm.ROUND_ROBIN, LbAlgorithm.LEAST_CONNECTIONS, LbAlgorithm.MAGLEV}) {
            assertThat(LbAlgorithm.parse(LbAlgorithm.name(algorithm))).isEqualTo(algorithm);
        }
    }

    @Test
    void unknownAlgorithmShouldBeRejectedWithTheAllowedValues() {
        assertThatThrownBy(() -> LbAlgorithm.parse("random"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'random'")
            .hasMessageContaining("round-robin")
            .hasMessageContaining("least-conn")
            .hasMessageContaining("maglev");
        assertThatThrownBy(() -> LbAlgorithm.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LbAlgorithm.name(9)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void backendStateNamesShouldRoundTripThroughParse() {
        for (final int state : new int[] {BackendState.ACTIVE, BackendState.DRAINING, BackendState.DOWN}) {
            assertThat(BackendState.parse(BackendState.name(state))).isEqualTo(state);
        }
        assertThat(BackendState.isActive(BackendState.ACTIVE)).isTrue();
        assertThat(BackendState.isActive(BackendState.DRAINING)).isFalse();
        assertThatThrownBy(() -> BackendState.parse("up"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("active, draining, down");
    }
}
