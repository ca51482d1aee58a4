package dev.swarmnet.controlplane.runtime;

import dev.swarmnet.controlplane.model.ContainerSpec;
import dev.swarmnet.controlplane.model.Task;
import dev.swarmnet.controlplane.model.TaskState;
import dev.swarmnet.controlplane.model.TaskStatus;
import dev.swarmnet.controlplane.model.TaskTemplate;
import dev.swarmnet.controlplane.model.Version;

import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskLaunchTest {
    static final String TASK_ID = "abcdefghijklmnopqrstuvwxy";

    static Inet4Address ip(String text) throws Exception {
        return (Inet4Address) InetAddress.getByName(text);
    }

    static Task task(ContainerSpec container) {
        return new Task(TASK_ID, new Version(1), 0, 0, "svcid", "web", 2, "node1",
            new TaskTemplate(container, null, List.of(), List.of(), 0), TaskState.RUNNING,
            TaskStatus.of(0, TaskState.ASSIGNED, "assigned"), List.of());
    }

    @Test
    void aLaunchCarriesDockersNamesTheResolvedArgvAndTheTaskEnvironment() throws Exception {
        ContainerSpec container = new ContainerSpec("swarmnet/echo", List.of(), List.of(), List.of("A=1"), Map.of(),
            3_000_000_000L);
        RuntimeSettings settings = RuntimeSettings.defaults().withNamespacePrefix("sw-")
            .withDirectories(Path.of("/tmp/state"), Path.of("/tmp/logs"));
        Attachment eth0 = new Attachment("eth0", ip("10.0.1.5"), 24, ip("10.0.1.1"), 1450);

        TaskLaunch launch = TaskLaunch.of(task(container), List.of(eth0), ImageCatalog.builtIn(), settings);

        assertThat(launch.taskName()).isEqualTo("web.2." + TASK_ID);
        assertThat(launch.hostname()).isEqualTo("abcdefghijkl");
        assertThat(launch.namespace()).isEqualTo("sw-" + TASK_ID);
        assertThat(launch.logFile()).isEqualTo(Path.of("/tmp/logs/" + TASK_ID + ".log"));
        assertThat(launch.stopGracePeriod()).isEqualTo(Duration.ofSeconds(3));
        assertThat(launch.argv()).last().isEqualTo("dev.swarmnet.controlplane.images.Echo");
        assertThat(launch.env()).containsExactly("A=1", "HOSTNAME=abcdefghijkl", "SWARMNET_TASK_ID=" + TASK_ID,
            "SWARMNET_TASK_NAME=web.2." + TASK_ID, "SWARMNET_SERVICE=web");
    }

    @Test
    void anAttachmentsMacIsDockers0242FollowedByTheAddress() throws Exception {
        Attachment eth0 = new Attachment("eth0", ip("10.0.1.5"), 24, ip("10.0.1.1"), 1450);

        assertThat(eth0.macText()).isEqualTo("02:42:0a:00:01:05");
        assertThat(eth0.cidr()).isEqualTo("10.0.1.5/24");
    }

    @Test
    void badAttachmentsAndEnvironmentAreRefusedNamingTheProblem() throws Exception {
        assertThatThrownBy(() -> new Attachment("a-very-long-name0", ip("10.0.1.5"), 24, ip("10.0.1.1"), 1450))
            .hasMessageContaining("interface name \"a-very-long-name0\" is not a Linux link name");
        assertThatThrownBy(() -> new Attachment("eth0", ip("10.0.1.5"), 32, ip("10.0.1.1"), 1450))
            .hasMessageContaining("prefix length /32 of eth0");
        assertThatThrownBy(() -> new TaskLaunch(TASK_ID, "n", "s", "h", "ns", List.of(), List.of("true"),
            List.of("NOVALUE"), Path.of("/tmp/x"), Duration.ZERO))
            .hasMessageContaining("environment entry \"NOVALUE\"");
    }
}
