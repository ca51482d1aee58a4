package dev.swarmnet.controlplane.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmnet.controlplane.model.Service;
import dev.swarmnet.controlplane.model.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeterminismTest {
    private static final int TRIALS = 100;
    private static final int COMMANDS = 120;

    private final StateCodec codec = new StateCodec();

    @Test
    void shouldReachEqualStatesWhenTheSameCommandsAreAppliedTwice() {
        for (long seed = 0; seed < TRIALS; seed++) {
            List<StampedCommand> log = randomLog(seed);

            ClusterState first = replay(ClusterState.EMPTY, log, 1);
            ClusterState second = replay(ClusterState.EMPTY, log, 1);

            assertThat(second).as("seed %d", seed).isEqualTo(first);
            assertThat(codec.encodeState(second)).isEqualTo(codec.encodeState(first));
        }
    }

    @Test
    void shouldReachTheSameStateFromASnapshotTakenHalfwayAsFromTheWholeLog() {
        for (long seed = 0; seed < TRIALS; seed++) {
            List<StampedCommand> log = randomLog(seed);
            int half = log.size() / 2;

            ClusterState whole = replay(ClusterState.EMPTY, log, 1);
            ClusterState halfway = replay(ClusterState.EMPTY, log.subList(0, half), 1);
            ClusterState restored = codec.decodeState(codec.encodeState(halfway));
            ClusterState resumed = replay(restored, log.subList(half, log.size()), half + 1);

            assertThat(resumed).as("seed %d", seed).isEqualTo(whole);
        }
    }

    @Test
    void shouldDecodeLogEntriesIntoTheSameTransitions() {
        for (long seed = 0; seed < TRIALS; seed++) {
            List<StampedCommand> log = randomLog(seed);
            List<StampedCommand> decoded = new ArrayList<>();
            for (StampedCommand entry : log) {
                decoded.add(codec.decodeCommand(codec.encodeCommand(entry)));
            }

            assertThat(replay(ClusterState.EMPTY, decoded, 1)).isEqualTo(replay(ClusterState.EMPTY, log, 1));
        }
    }

    @Test
    void shouldKeepAtMostOneLeaderWhateverTheCommands() {
        for (long seed = 0; seed < TRIALS; seed++) {
            ClusterState state = replay(ClusterState.EMPTY, randomLog(seed), 1);

            assertThat(state.nodes().values().stream()
                    .filter(n -> n.managerStatus() != null && n.managerStatus().leader())).hasSizeLessThanOrEqualTo(1);
            if (state.initialized()) {
                assertThat(state.managers()).as("seed %d keeps a manager", seed).isNotEmpty();
            }
        }
    }

    @Test
    void shouldExerciseBothAcceptedAndRefusedCommandsOfEveryKind() {
        java.util.Map<String, int[]> outcomes = new java.util.TreeMap<>();
        for (long seed = 0; seed < TRIALS; seed++) {
            ClusterState state = ClusterState.EMPTY;
            long index = 1;
            for (StampedCommand entry : randomLog(seed)) {
                Applied applied = state.apply(entry, index++);
                int[] counts = outcomes.computeIfAbsent(entry.command().getClass().getSimpleName(), k -> new int[2]);
                counts[applied.result().succeeded() ? 0 : 1]++;
                state = applied.state();
            }
        }

        assertThat(outcomes).hasSize(Command.class.getPermittedSubclasses().length);
        outcomes.forEach((kind, counts) -> {
            assertThat(counts[0]).as("%s accepted", kind).isPositive();
            assertThat(counts[1]).as("%s refused", kind).isPositive();
        });
    }

    /** A log that starts with a valid init most of the time, then mixes valid and invalid commands. */
    private static List<StampedCommand> randomLog(long seed) {
        RandomClusterStates random = new RandomClusterStates(seed);
        List<StampedCommand> log = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        if (seed % 5 != 0) {
            log.add(new StampedCommand(Fixtures.init(), Fixtures.T0));
            ids.add(Fixtures.MGR1);
        }
        ClusterState state = ClusterState.EMPTY;
        for (StampedCommand entry : log) {
            state = state.apply(entry, state.appliedIndex() + 1).state();
        }
        for (int i = 0; i < COMMANDS; i++) {
            Command command = random.command(random.random().nextInt(RandomClusterStates.KINDS), ids);
            if (command instanceof Command.UpdateService update && !state.services().isEmpty() && random.random().nextBoolean()) {
                // Half the updates name a service that exists, with its version, name and mode, so some are accepted.
                List<Service> services = List.copyOf(state.services().values());
                Service target = services.get(random.random().nextInt(services.size()));
                ServiceSpec spec = update.spec() == null ? null : new ServiceSpec(target.name(), update.spec().labels(),
                        update.spec().taskTemplate(), target.spec().mode(), update.spec().updateConfig(),
                        update.spec().rollbackConfig(), update.spec().endpointSpec());
                command = new Command.UpdateService(target.id(), target.version(), spec, update.rollback());
            }
            if (!state.services().isEmpty() && random.random().nextBoolean()) {
                // Half the service removals and update reports name a service that exists.
                List<String> services = List.copyOf(state.services().keySet());
                String existing = services.get(random.random().nextInt(services.size()));
                if (command instanceof Command.RemoveService) {
                    command = new Command.RemoveService(existing);
                } else if (command instanceof Command.SetUpdateStatus set) {
                    command = new Command.SetUpdateStatus(existing, set.status());
                }
            }
            ids.addAll(newIds(command));
            StampedCommand entry = new StampedCommand(command, Fixtures.T0 + i);
            state = state.apply(entry, state.appliedIndex() + 1).state();
            log.add(entry);
        }
        return log;
    }

    private static List<String> newIds(Command command) {
        if (command instanceof Command.AddNode add) {
            return List.of(add.nodeId());
        } else if (command instanceof Command.InitCluster init && !init.ingressNetworkId().isEmpty()) {
            return List.of(init.ingressNetworkId());
        } else if (command instanceof Command.CreateNetwork create && create.networkId() != null) {
            return List.of(create.networkId());
        } else if (command instanceof Command.CreateService create && create.serviceId() != null) {
            return List.of(create.serviceId());
        } else if (command instanceof Command.WriteTasks write) {
            List<String> ids = new ArrayList<>();
            write.create().forEach(task -> ids.add(task.taskId()));
            return ids;
        }
        return List.of();
    }

    private static ClusterState replay(ClusterState state, List<StampedCommand> log, long firstIndex) {
        long index = firstIndex;
        for (StampedCommand entry : log) {
            state = state.apply(entry, index++).state();
        }
        return state;
    }
}
