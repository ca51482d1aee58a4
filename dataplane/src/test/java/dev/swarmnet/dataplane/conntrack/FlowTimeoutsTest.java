package dev.swarmnet.dataplane.conntrack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FlowTimeoutsTest {

    private static final long S = 1_000_000_000L;

    @Test
    void shouldProvideLinuxLikeDefaults() {
        FlowTimeouts t = FlowTimeouts.defaults();

        assertThat(t.timeoutNs(FlowState.ESTABLISHED)).isEqualTo(3600 * S);
        assertThat(t.timeoutNs(FlowState.SYN_SENT)).isEqualTo(30 * S);
        assertThat(t.timeoutNs(FlowState.CLOSE)).isEqualTo(10 * S);
        assertThat(t.timeoutNs(FlowState.UDP_REPLIED)).isEqualTo(120 * S);
        assertThat(t.timeoutNs(FlowState.ICMP)).isEqualTo(30 * S);
    }

    @Test
    void shouldReplaceOneTimeoutWithoutTouchingTheOriginal() {
        FlowTimeouts shorter = FlowTimeouts.defaults().withTimeout(FlowState.ESTABLISHED, 300 * S);

        assertThat(shorter.timeoutNs(FlowState.ESTABLISHED)).isEqualTo(300 * S);
        assertThat(shorter.timeoutNs(FlowState.TIME_WAIT)).isEqualTo(120 * S);
        assertThat(FlowTimeouts.defaults().timeoutNs(FlowState.ESTABLISHED)).isEqualTo(3600 * S);
    }

    @Test
    void shouldRejectNonPositiveTimeoutNamingTheState() {
        assertThatThrownBy(() -> FlowTimeouts.builder().timeout(FlowState.TIME_WAIT, 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TIME_WAIT");
    }

    @Test
    void shouldRejectUnknownState() {
        assertThatThrownBy(() -> FlowTimeouts.builder().timeout(FlowState.COUNT, S))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown");
    }

    @Test
    void shouldNameStatesForDisplay() {
        assertThat(FlowState.name(FlowState.LAST_ACK)).isEqualTo("LAST_ACK");
        assertThat(FlowState.name(99)).isEqualTo("UNKNOWN(99)");
    }
}
