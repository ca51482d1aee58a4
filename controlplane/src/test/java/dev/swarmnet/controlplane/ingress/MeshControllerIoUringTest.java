package dev.swarmnet.controlplane.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.swarmnet.dataplane.io.Transport;
import org.junit.jupiter.api.Test;

/** Every case of {@link MeshControllerTest} with the mesh on io_uring event loops. */
class MeshControllerIoUringTest extends MeshControllerTest {

    @Override
    Transport transport() {
        assumeTrue(Transport.ioUringUnavailability() == null, () -> "io_uring: " + Transport.ioUringUnavailability());
        return Transport.IO_URING;
    }

    @Test
    void theMeshRunsOnIoUringWhenItLoads() {
        assertThat(MeshTransport.of(Transport.IO_URING).transport()).isEqualTo(Transport.IO_URING);
    }
}
