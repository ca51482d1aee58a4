package dev.swarmnet.dataplane.io;

import static dev.swarmnet.dataplane.testing.Frames.ip;
import static dev.swarmnet.dataplane.testing.Frames.macOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

import dev.swarmnet.dataplane.program.Program;
import dev.swarmnet.dataplane.program.ProgramDoor;
import dev.swarmnet.dataplane.stats.Counter;
import dev.swarmnet.dataplane.testing.NamespaceLab;
import dev.swarmnet.dataplane.testing.NamespaceLab.Host;
import dev.swarmnet.dataplane.testing.NamespaceLab.Task;
import dev.swarmnet.linux.LibC;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The data plane reads its own duplicate of a TAP descriptor: detaching a port or closing the data
 * plane leaves the caller's descriptor open and the device in place, and the device goes away when
 * the caller closes it. (When the data plane closed the caller's descriptor, the caller's own close
 * later closed whatever had reused that number: an API connection, a task's file.) Root only.
 */
@Tag("netns")
class TapPortOwnershipTest {
    private static final int GATEWAY = ip("10.0.7.1");
    private static final int TASK = ip("10.0.7.11");

    private NamespaceLab lab;
    private Host host;
    private Task task;

    /** The data plane's transport; {@link TapPortOwnershipIoUringTest} checks the same on io_uring. */
    Transport transport() {
        return Transport.EPOLL;
    }

    @BeforeEach
    void buildLab() throws Exception {
        Assumptions.assumeTrue(NamespaceLab.canRun(), "needs root and /dev/net/tun");
        Assumptions.assumeTrue(transport().unavailability() == null, () -> transport().unavailability());
        lab = new NamespaceLab();
        host = lab.host("h", 11);
        task = lab.task("t", TASK, macOf(TASK), GATEWAY, 1450);
        host.start(new ProgramDoor(Program.empty()), transport());
        assertThat(host.plane.transport()).isEqualTo(transport());
        host.attach(task, 1);
    }

    @AfterEach
    void removeLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void detachingAPortLeavesTheCallersDescriptorAndDeviceAlone() throws Exception {
        host.plane.detachPort(1);

        assertThatCode(() -> LibC.fcntl(task.tap.fd(), LibC.F_GETFD, 0)).doesNotThrowAnyException();
        assertThat(deviceExists()).isTrue();

        task.tap.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> !deviceExists());
    }

    @Test
    void aDetachedPortIsNoLongerRead() throws Exception {
        host.plane.detachPort(1);
        long before = host.plane.counters()[Counter.TAP_RX_FRAMES];

        // The task's kernel still sends (router solicitations, ARP for its gateway) to a TAP nobody reads.
        NamespaceLab.exec(task.ns, "ping", "-c", "2", "-i", "0.2", "-W", "1", "10.0.7.1");

        assertThat(host.plane.counters()[Counter.TAP_RX_FRAMES]).isEqualTo(before);
        assertThat(host.plane.portTraffic()[1]).isNull();
    }

    @Test
    void closingTheDataPlaneLeavesTheCallersDescriptorOpen() throws Exception {
        // A port still attached: its pending read interest must not hold the loop's shutdown up.
        assertTimeoutPreemptively(Duration.ofSeconds(5), host.plane::close);

        assertThatCode(() -> LibC.fcntl(task.tap.fd(), LibC.F_GETFD, 0)).doesNotThrowAnyException();
        assertThat(deviceExists()).isTrue();
    }

    @Test
    void aPortCanBeAttachedAgainAfterItWasDetached() throws Exception {
        host.plane.detachPort(1);
        host.attach(task, 1);
        host.plane.detachPort(1);

        assertThatCode(() -> LibC.fcntl(task.tap.fd(), LibC.F_GETFD, 0)).doesNotThrowAnyException();
    }

    private boolean deviceExists() throws IOException {
        return NamespaceLab.run(java.util.List.of("ip", "-n", task.ns.name(), "link", "show", "eth0"), 10).exit() == 0;
    }
}
