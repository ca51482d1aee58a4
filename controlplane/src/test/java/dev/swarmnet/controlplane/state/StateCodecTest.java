package dev.swarmnet.controlplane.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StateCodecTest {
    private static final int TRIALS = 300;

    private final StateCodec codec = new StateCodec();

    @Test
    void shouldRoundTripRandomStatesExactly() {
        for (long seed = 0; seed < TRIALS; seed++) {
            ClusterState state = new RandomClusterStates(seed).state();

            byte[] bytes = codec.encodeState(state);
            ClusterState decoded = codec.decodeState(bytes);

            assertThat(decoded).as("seed %d", seed).isEqualTo(state);
            assertThat(codec.encodeState(decoded)).as("seed %d re-encodes to the same bytes", seed).isEqualTo(bytes);
        }
    }

    @Test
    void shouldRoundTripEveryCommandKindExactly() {
        Set<Class<?>> kinds = new HashSet<>();
        for (long seed = 0; seed < TRIALS; seed++) {
            RandomClusterStates random = new RandomClusterStates(seed);
            Command command = random.command((int) seed, List.of());
            StampedCommand entry = new StampedCommand(command, random.time());

            byte[] bytes = codec.encodeCommand(entry);

            assertThat(codec.decodeCommand(bytes)).as("seed %d", seed).isEqualTo(entry);
            assertThat(codec.encodeCommand(codec.decodeCommand(bytes))).isEqualTo(bytes);
            kinds.add(command.getClass());
        }
        assertThat(kinds).containsExactlyInAnyOrder(Command.class.getPermittedSubclasses());
    }

    @Test
    void shouldRestoreASnapshotThatContinuesExactlyLikeTheOriginal() {
        ClusterState original = Fixtures.smallCluster();
        ClusterState restored = codec.decodeState(codec.encodeState(original));
        Command command = new Command.RemoveNode(Fixtures.W1, false);

        assertThat(restored.apply(command, 5, Fixtures.T0)).isEqualTo(original.apply(command, 5, Fixtures.T0));
    }

    @Test
    void shouldWriteTheFormatAndVersionFirst() {
        String json = new String(codec.encodeState(Fixtures.smallCluster()), StandardCharsets.UTF_8);
        String entry = new String(codec.encodeCommand(new Command.RemoveNode(Fixtures.W1, true), 5), StandardCharsets.UTF_8);

        assertThat(json).startsWith("{\"format\":\"swarmnet-state\",\"version\":4,\"appliedIndex\":4,");
        assertThat(json).contains("\"role\":\"manager\"", "\"state\":\"ready\"", "\"reachability\":\"reachable\"");
        assertThat(entry).isEqualTo("{\"format\":\"swarmnet-command\",\"version\":4,\"timestampMillis\":5,"
                + "\"command\":{\"type\":\"remove-node\",\"nodeId\":\"" + Fixtures.W1 + "\",\"force\":true}}");
    }

    @Test
    void shouldRefuseASnapshotOfAnUnknownVersion() {
        byte[] future = ("{\"format\":\"swarmnet-state\",\"version\":5,\"appliedIndex\":0,\"cluster\":null,"
                + "\"nodes\":[],\"networks\":[],\"services\":[],\"tasks\":[],\"secrets\":[]}").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> codec.decodeState(future))
                .isInstanceOf(CodecException.class)
                .hasMessage("unsupported swarmnet-state version 5: this build reads versions 3 to 4");
    }

    @Test
    void shouldRefuseAVersionOneSnapshotWrittenBeforeNetworksServicesAndTasksExisted() {
        byte[] old = ("{\"format\":\"swarmnet-state\",\"version\":1,\"appliedIndex\":0,\"cluster\":null,"
                + "\"nodes\":[],\"networks\":[],\"services\":[],\"tasks\":[]}").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> codec.decodeState(old))
                .isInstanceOf(CodecException.class)
                .hasMessage("unsupported swarmnet-state version 1: this build reads versions 3 to 4");
    }

    @Test
    void shouldRefuseALogEntryOfAnUnknownVersion() {
        byte[] future = "{\"format\":\"swarmnet-command\",\"version\":5}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> codec.decodeCommand(future))
                .isInstanceOf(CodecException.class)
                .hasMessage("unsupported swarmnet-command version 5: this build reads versions 3 to 4");
    }

    @Test
    void shouldReadAVersionThreeSnapshotAndLogEntryAsContainerSpecsWithoutHealthChecks() {
        int read = 0;
        for (long seed = 0; seed < TRIALS; seed++) {
            ClusterState state = new RandomClusterStates(seed).state();
            String v4 = new String(codec.encodeState(state), StandardCharsets.UTF_8);
            if (v4.contains("\"healthcheck\":{") || !v4.contains("\"healthcheck\":null")) {
                continue; // version 3 had no health checks; only states without them existed then
            }
            String v3 = v4.replace("\"version\":4", "\"version\":3").replace(",\"healthcheck\":null", "");

            assertThat(v3).as("seed %d", seed).doesNotContain("healthcheck");
            assertThat(codec.decodeState(v3.getBytes(StandardCharsets.UTF_8))).as("seed %d", seed).isEqualTo(state);
            read++;
        }
        assertThat(read).as("version 3 snapshots read").isGreaterThan(20);
        String entry = new String(codec.encodeCommand(new Command.RemoveNode(Fixtures.W1, true), 5),
                StandardCharsets.UTF_8).replace("\"version\":4", "\"version\":3");
        assertThat(codec.decodeCommand(entry.getBytes(StandardCharsets.UTF_8)).command())
                .isEqualTo(new Command.RemoveNode(Fixtures.W1, true));
    }

    @Test
    void shouldRefuseBytesOfAnotherFormat() {
        byte[] entry = codec.encodeCommand(new Command.RemoveNode(Fixtures.W1, true), 5);

        assertThatThrownBy(() -> codec.decodeState(entry))
                .isInstanceOf(CodecException.class)
                .hasMessage("not a swarmnet-state snapshot: format is \"swarmnet-command\"");
        assertThatThrownBy(() -> codec.decodeState("[1,2]".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("not a swarmnet-state snapshot: want a JSON object");
    }

    @Test
    void shouldRefuseMalformedJsonUnknownFieldsAndUnknownCommands() {
        String valid = new String(codec.encodeState(Fixtures.smallCluster()), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> codec.decodeState("{\"format\":".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CodecException.class).hasMessageStartingWith("malformed swarmnet-state snapshot: ");
        assertThatThrownBy(() -> codec.decodeState(valid.replace("\"appliedIndex\":4,", "\"appliedIndex\":4,\"extra\":1,")
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CodecException.class).hasMessageContaining("extra");
        assertThatThrownBy(() -> codec.decodeState(valid.replace("\"role\":\"manager\"", "\"role\":\"captain\"")
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CodecException.class).hasMessageContaining("captain");
        assertThatThrownBy(() -> codec.decodeCommand(("{\"format\":\"swarmnet-command\",\"version\":4,\"timestampMillis\":1,"
                + "\"command\":{\"type\":\"launch-missiles\"}}").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CodecException.class).hasMessageContaining("launch-missiles");
    }

    @Test
    void shouldRefuseASnapshotWhoseObjectsBreakTheModel() {
        String valid = new String(codec.encodeState(Fixtures.smallCluster()), StandardCharsets.UTF_8);
        String badId = valid.replace(Fixtures.W1, "NOT-AN-ID");

        assertThatThrownBy(() -> codec.decodeState(badId.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CodecException.class).hasMessageContaining("invalid ID NOT-AN-ID");
    }
}
