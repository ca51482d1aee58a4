package dev.swarmnet.dataplane.io;

import org.junit.jupiter.api.Tag;

/**
 * {@link TapPortOwnershipTest} on io_uring: detaching cancels the port's outstanding poll and
 * closes only the data plane's duplicate (the device goes away once the caller closes its
 * descriptor, so no poll still holds the file), and closing the data plane with a port attached
 * returns promptly. Skipped where io_uring cannot load. Root only.
 */
@Tag("netns")
class TapPortOwnershipIoUringTest extends TapPortOwnershipTest {
    @Override
    Transport transport() {
        return Transport.IO_URING;
    }
}
