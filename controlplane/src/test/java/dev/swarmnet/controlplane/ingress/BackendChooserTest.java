package dev.swarmnet.controlplane.ingress;

import dev.swarmnet.dataplane.lb.LbAlgorithm;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackendChooserTest {
    private static final MeshBackend A = new MeshBackend("a", "10.0.0.3", 80, false);
    private static final MeshBackend B = new MeshBackend("b", "10.0.0.4", 80, false);
    private static final MeshBackend C = new MeshBackend("c", "10.0.0.5", 80, false);

    private static InetSocketAddress client(int i) {
        return new InetSocketAddress("198.18.0." + (1 + i % 250), 40000 + i);
    }

    @Test
    @DisplayName("round robin hands out the backends in turn")
    void roundRobinHandsOutTheBackendsInTurn() {
        BackendChooser chooser = new BackendChooser(LbAlgorithm.ROUND_ROBIN, 0, List.of(C, A, B));
        List<String> picks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            picks.add(chooser.choose(client(i), 0).taskId());
        }
        assertThat(picks).containsExactly("a", "b", "c", "a", "b", "c");
    }

    @Test
    @DisplayName("draining backends get no new flows and an all-draining set gets none at all")
    void drainingBackendsGetNoNewFlows() {
        MeshBackend drainingB = new MeshBackend("b", "10.0.0.4", 80, true);
        BackendChooser chooser = new BackendChooser(LbAlgorithm.ROUND_ROBIN, 0, List.of(A, drainingB));
        for (int i = 0; i < 10; i++) {
            assertThat(chooser.choose(client(i), 0)).isEqualTo(A);
        }
        chooser.update(List.of(new MeshBackend("a", "10.0.0.3", 80, true)));
        assertThat(chooser.choose(client(1), 0)).isNull();
    }

    @Test
    @DisplayName("least connections picks the backend with the fewest open flows")
    void leastConnectionsPicksTheBackendWithFewestOpenFlows() {
        BackendChooser chooser = new BackendChooser(LbAlgorithm.LEAST_CONNECTIONS, 0, List.of(A, B, C));
        MeshBackend first = chooser.choose(client(0), 0);
        MeshBackend second = chooser.choose(client(1), 0);
        MeshBackend third = chooser.choose(client(2), 0);
        assertThat(List.of(first, second, third)).containsExactlyInAnyOrder(A, B, C);
        chooser.release(second);
        assertThat(chooser.choose(client(3), 0)).isEqualTo(second);
        assertThat(chooser.openFlows(second.taskId())).isEqualTo(1);
    }

    @Test
    @DisplayName("maglev sends a client to the same backend every time and moves few clients when a backend leaves")
    void maglevIsConsistent() {
        BackendChooser chooser = new BackendChooser(LbAlgorithm.MAGLEV, 0, List.of(A, B, C));
        Map<Integer, String> before = new HashMap<>();
        Map<String, Integer> spread = new HashMap<>();
        for (int i = 0; i < 3000; i++) {
            String pick = chooser.choose(client(i), 0).taskId();
            assertThat(chooser.choose(client(i), 0).taskId()).isEqualTo(pick);
            before.put(i, pick);
            spread.merge(pick, 1, Integer::sum);
        }
        assertThat(spread.values()).allSatisfy(count -> assertThat(count).isBetween(700, 1300));
        chooser.update(List.of(A, B));
        int moved = 0;
        for (int i = 0; i < 3000; i++) {
            String pick = chooser.choose(client(i), 0).taskId();
            if (!before.get(i).equals("c") && !before.get(i).equals(pick)) {
                moved++;
            }
        }
        assertThat(moved).as("clients of surviving backends that moved").isLessThan(300);
    }

    @Test
    @DisplayName("maglev tables are full and balanced for seeded random backend sets")
    void maglevTablesAreFullAndBalanced() {
        Random random = new Random(42);
        for (int trial = 0; trial < 20; trial++) {
            int n = 1 + random.nextInt(12);
            List<MeshBackend> backends = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                backends.add(new MeshBackend("t" + random.nextLong(), "10.0.0." + (i + 2), 80, false));
            }
            int[] table = BackendChooser.maglevTable(backends);
            int[] counts = new int[n];
            for (int slot : table) {
                counts[slot]++;
            }
            for (int count : counts) {
                assertThat(count).isBetween(BackendChooser.MAGLEV_TABLE / n - 1, BackendChooser.MAGLEV_TABLE / n + 2);
            }
        }
    }

    @Test
    @DisplayName("client affinity keeps a client IP on its backend within the timeout, then lets it go")
    void clientAffinityKeepsAClientOnItsBackend() {
        long second = 1_000_000_000L;
        BackendChooser chooser = new BackendChooser(LbAlgorithm.ROUND_ROBIN, 30 * second, List.of(A, B, C));
        MeshBackend first = chooser.choose(new InetSocketAddress("198.18.0.9", 1000), 0);
        for (int i = 1; i < 10; i++) {
            assertThat(chooser.choose(new InetSocketAddress("198.18.0.9", 1000 + i), i * second)).isEqualTo(first);
        }
        assertThat(chooser.choose(new InetSocketAddress("198.18.0.9", 2000), 100 * second)).isNotEqualTo(first);
    }

    @Test
    @DisplayName("an affine backend that starts draining loses its clients to active ones")
    void affinityYieldsToDraining() {
        BackendChooser chooser = new BackendChooser(LbAlgorithm.ROUND_ROBIN, 60_000_000_000L, List.of(A, B));
        MeshBackend first = chooser.choose(new InetSocketAddress("198.18.0.9", 1000), 0);
        chooser.update(List.of(new MeshBackend(first.taskId(), first.address(), 80, true),
                first == A ? B : A));
        assertThat(chooser.choose(new InetSocketAddress("198.18.0.9", 1001), 1)).isNotEqualTo(first);
    }

    @Test
    @DisplayName("an unknown algorithm is refused with its number")
    void unknownAlgorithmIsRefused() {
        assertThatThrownBy(() -> new BackendChooser(7, 0, List.of(A)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("7");
    }
}
