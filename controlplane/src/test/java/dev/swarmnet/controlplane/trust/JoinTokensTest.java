package dev.swarmnet.controlplane.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.X509Certificate;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JoinTokensTest {
    private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");
    private static final X509Certificate CA = ClusterCa.create(NOW).certificate();

    private final JoinTokens tokens = JoinTokens.generate(CA);

    @Test
    void shouldAdmitWorkersAndManagersByTheirOwnSecrets() {
        assertThat(tokens.authorize(tokens.worker().encoded())).isEqualTo(NodeRole.WORKER);
        assertThat(tokens.authorize(tokens.manager().encoded())).isEqualTo(NodeRole.MANAGER);
        assertThat(tokens.forRole(NodeRole.WORKER)).isSameAs(tokens.worker());
        assertThat(tokens.worker().encoded()).isNotEqualTo(tokens.manager().encoded());
        assertThat(tokens.worker().caDigest()).isEqualTo(tokens.manager().caDigest());
    }

    @Test
    void shouldRefuseARotatedTokenAndKeepTheOtherRole() {
        JoinTokens rotated = tokens.rotate(NodeRole.WORKER, CA);

        assertThatThrownBy(() -> rotated.authorize(tokens.worker().encoded()))
                .isInstanceOf(JoinTokenException.class)
                .hasMessage("invalid join token: the token was rotated or is not valid for this cluster");
        assertThat(rotated.authorize(rotated.worker().encoded())).isEqualTo(NodeRole.WORKER);
        assertThat(rotated.authorize(tokens.manager().encoded())).isEqualTo(NodeRole.MANAGER);
    }

    @Test
    void shouldRefuseAnOldManagerTokenAfterManagerRotation() {
        JoinTokens rotated = tokens.rotate(NodeRole.MANAGER, CA);

        assertThatThrownBy(() -> rotated.authorize(tokens.manager().encoded()))
                .hasMessageContaining("rotated");
        assertThat(rotated.authorize(tokens.worker().encoded())).isEqualTo(NodeRole.WORKER);
    }

    @Test
    void shouldRefuseATokenForAnotherCa() {
        JoinToken foreign = JoinToken.generate(ClusterCa.create(NOW).certificate());

        assertThatThrownBy(() -> tokens.authorize(foreign.encoded()))
                .hasMessage("invalid join token: it was issued for a different cluster CA");
    }

    @Test
    void shouldRoundTripThroughTheStoredText() {
        JoinTokens restored = JoinTokens.of(tokens.worker().encoded(), tokens.manager().encoded());

        assertThat(restored.authorize(tokens.worker().encoded())).isEqualTo(NodeRole.WORKER);
        assertThat(restored.authorize(tokens.manager().encoded())).isEqualTo(NodeRole.MANAGER);
    }
}
