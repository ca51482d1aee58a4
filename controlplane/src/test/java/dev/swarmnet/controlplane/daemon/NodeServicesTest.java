package dev.swarmnet.controlplane.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Whom a node's heartbeats go to. */
class NodeServicesTest {

    @Test
    void aManagerHeartbeatsToItselfFirstThenToTheOtherManagersItKnows() {
        Membership promoted = new Membership(1, "c", "n", true, "10.0.0.2:2377", "0.0.0.0:2377", 2378, false,
                List.of("10.0.0.1:2377", "10.0.0.2:2377", "10.0.0.3:2377"));
        assertThat(NodeServices.ownAddressFirst(promoted))
                .containsExactly("10.0.0.2:2377", "10.0.0.1:2377", "10.0.0.3:2377");
    }

    @Test
    void aManagerThatKnowsNoOtherHeartbeatsToItselfOnly() {
        Membership founder = new Membership(1, "c", "n", true, "10.0.0.1:2377", "0.0.0.0:2377", 2378, true, List.of());
        assertThat(NodeServices.ownAddressFirst(founder)).containsExactly("10.0.0.1:2377");
    }
}
