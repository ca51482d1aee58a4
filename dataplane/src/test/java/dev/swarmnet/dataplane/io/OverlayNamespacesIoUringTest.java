package dev.swarmnet.dataplane.io;

import org.junit.jupiter.api.Tag;

/**
 * {@link OverlayNamespacesTest} with both hosts' data planes on io_uring: TAP ports watched by
 * io_uring polls, the underlay and DNS sockets on io_uring channels. The same pings, transfers,
 * VIP spread, kernel VTEP and garbage checks must hold. Skipped where io_uring cannot load.
 * Root only; its own namespaces (a fresh lab prefix).
 */
@Tag("netns")
class OverlayNamespacesIoUringTest extends OverlayNamespacesTest {
    @Override
    Transport transport() {
        return Transport.IO_URING;
    }
}
