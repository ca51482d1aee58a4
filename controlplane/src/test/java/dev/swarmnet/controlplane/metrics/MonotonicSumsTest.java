package dev.swarmnet.controlplane.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MonotonicSumsTest {
    private final MonotonicSums sums = new MonotonicSums();

    @Test
    void aGroupIsTheSumOfItsMembers() {
        assertThat(sums.update(Map.of("p1", 10L, "p2", 5L, "p3", 1L), Map.of("p1", "blue", "p2", "blue", "p3", "red")))
                .containsEntry("blue", 15L).containsEntry("red", 1L).hasSize(2);
    }

    @Test
    void aGroupKeepsWhatAMemberThatLeftHadCounted() {
        sums.update(Map.of("p1", 10L, "p2", 5L), Map.of("p1", "blue", "p2", "blue"));

        assertThat(sums.update(Map.of("p2", 7L), Map.of("p2", "blue"))).containsEntry("blue", 17L);
        assertThat(sums.update(Map.of(), Map.of())).containsEntry("blue", 17L);
    }

    @Test
    void aMemberWhoseCounterWentBackIsANewMember() {
        sums.update(Map.of("p1", 10L), Map.of("p1", "blue"));

        assertThat(sums.update(Map.of("p1", 3L), Map.of("p1", "blue"))).containsEntry("blue", 13L);
        assertThat(sums.update(Map.of("p1", 4L), Map.of("p1", "blue"))).containsEntry("blue", 14L);
    }

    @Test
    void aMemberThatMovedToAnotherGroupLeavesItsCountBehind() {
        sums.update(Map.of("p1", 10L), Map.of("p1", "blue"));

        assertThat(sums.update(Map.of("p1", 12L), Map.of("p1", "red")))
                .containsEntry("blue", 10L).containsEntry("red", 12L);
    }
}
