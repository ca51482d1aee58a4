package dev.swarmnet.controlplane.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmnet.controlplane.model.NodeAvailability;
import dev.swarmnet.controlplane.model.NodeRole;
import dev.swarmnet.controlplane.model.NodeSpec;
import dev.swarmnet.controlplane.model.Version;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeLookupTest {
    private static final String A1 = "abc11111111111111111111111".substring(0, 25);
    private static final String A2 = "abc22222222222222222222222".substring(0, 25);
    private static final String B1 = "bcd33333333333333333333333".substring(0, 25);
    private static final String NAMED = "web44444444444444444444444".substring(0, 25);

    private final ClusterState state = Fixtures.build(
            new Command.InitCluster(Fixtures.CLUSTER, null, Fixtures.init().joinTokens(), null, null, 0, 0, A1,
                    Fixtures.description("mgr1"), "10.0.0.1:2377", null),
            Fixtures.join(A2, "worker", NodeRole.WORKER, "10.0.0.2"),
            Fixtures.join(B1, "Worker", NodeRole.WORKER, "10.0.0.3"),
            Fixtures.join(NAMED, "bcd", NodeRole.WORKER, "10.0.0.4"),
            new Command.UpdateNode(NAMED, new Version(4),
                    new NodeSpec("edge", Map.of(), NodeRole.WORKER, NodeAvailability.ACTIVE)));

    @Test
    void shouldFindANodeByItsFullId() {
        assertThat(state.resolveNode(A2).value().id()).isEqualTo(A2);
    }

    @Test
    void shouldFindANodeByItsHostnameInAnyCase() {
        assertThat(state.resolveNode("MGR1").value().id()).isEqualTo(A1);
    }

    @Test
    void shouldPreferTheSpecNameToTheHostname() {
        assertThat(state.resolveNode("edge").value().id()).isEqualTo(NAMED);
        assertThat(state.resolveNode("bcd").value().id())
                .as("the hostname of a named node no longer matches, so bcd is B1's ID prefix")
                .isEqualTo(B1);
    }

    @Test
    void shouldFindANodeByAUniqueIdPrefix() {
        assertThat(state.resolveNode("abc2").value().id()).isEqualTo(A2);
    }

    @Test
    void shouldSayWhenAPrefixIsAmbiguous() {
        assertThat(state.resolveNode("abc")).isEqualTo(Result.failure(400, "node abc is ambiguous (2 matches found)"));
    }

    @Test
    void shouldSayWhenAHostnameIsAmbiguous() {
        assertThat(state.resolveNode("WORKER")).isEqualTo(Result.failure(400, "node WORKER is ambiguous (2 matches found)"));
    }

    @Test
    void shouldSayWhenNothingMatches() {
        assertThat(state.resolveNode("zzz")).isEqualTo(Result.failure(404, "node zzz not found"));
        assertThat(state.resolveNode("")).isEqualTo(Result.failure(404, "node  not found"));
    }
}
