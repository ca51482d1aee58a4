package dev.swarmnet.controlplane.state;

import static dev.swarmnet.controlplane.state.Fixtures.W1;
import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmnet.controlplane.model.Node;
import dev.swarmnet.controlplane.model.NodeAvailability;
import dev.swarmnet.controlplane.model.NodeRole;
import dev.swarmnet.controlplane.model.NodeSpec;
import dev.swarmnet.controlplane.model.Version;
import org.junit.jupiter.api.Test;

class OptimisticConcurrencyTest {

    @Test
    void shouldStampEachChangeWithTheIndexOfItsLogEntry() {
        ClusterState state = Fixtures.smallCluster();
        Node read = state.node(W1).orElseThrow();

        Applied applied = state.apply(drain(read.version()), 42, Fixtures.T0);

        assertThat(applied.state().node(W1).orElseThrow().version()).isEqualTo(new Version(42));
    }

    @Test
    void shouldRefuseTheSecondOfTwoWritersThatReadTheSameVersion() {
        ClusterState state = Fixtures.smallCluster();
        Version read = state.node(W1).orElseThrow().version();

        Applied first = Fixtures.next(state, drain(read));
        Applied second = Fixtures.next(first.state(), pause(read));

        assertThat(first.result().succeeded()).isTrue();
        assertThat(second.result()).isEqualTo(Result.failure(409, "update out of sequence"));
        assertThat(second.state().node(W1).orElseThrow().spec().availability()).isEqualTo(NodeAvailability.DRAIN);
    }

    @Test
    void shouldAcceptAWriterThatRereadsAfterAConflict() {
        ClusterState state = Fixtures.next(Fixtures.smallCluster(), drain(new Version(2))).state();
        Version reread = state.node(W1).orElseThrow().version();

        Applied retry = Fixtures.next(state, pause(reread));

        assertThat(retry.result().succeeded()).isTrue();
        assertThat(retry.state().node(W1).orElseThrow().spec().availability()).isEqualTo(NodeAvailability.PAUSE);
    }

    @Test
    void shouldRefuseAVersionFromTheFuture() {
        Applied applied = Fixtures.next(Fixtures.smallCluster(), drain(new Version(99)));

        assertThat(applied.result()).isEqualTo(Result.failure(409, "update out of sequence"));
    }

    private static Command drain(Version version) {
        return new Command.UpdateNode(W1, version, NodeSpec.of(NodeRole.WORKER, NodeAvailability.DRAIN));
    }

    private static Command pause(Version version) {
        return new Command.UpdateNode(W1, version, NodeSpec.of(NodeRole.WORKER, NodeAvailability.PAUSE));
    }
}
