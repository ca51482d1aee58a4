package dev.swarmnet.controlplane.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmnet.controlplane.api.model.ServiceStatus;
import dev.swarmnet.controlplane.model.ContainerSpec;
import dev.swarmnet.controlplane.model.EndpointSpec;
import dev.swarmnet.controlplane.model.NetworkAttachment;
import dev.swarmnet.controlplane.model.Service;
import dev.swarmnet.controlplane.model.ServiceEndpoint;
import dev.swarmnet.controlplane.model.ServiceMode;
import dev.swarmnet.controlplane.model.ServiceSpec;
import dev.swarmnet.controlplane.model.Task;
import dev.swarmnet.controlplane.model.TaskState;
import dev.swarmnet.controlplane.model.TaskStatus;
import dev.swarmnet.controlplane.model.TaskTemplate;
import dev.swarmnet.controlplane.model.UpdateStatus;
import dev.swarmnet.controlplane.model.Version;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Services and tasks of the model as Docker's JSON, and the counts {@code service ls} prints. */
class ServiceJsonTest {

    private static final String SERVICE_ID = "626as37knwmv9522ac2tys4i6";
    private static final TaskTemplate TEMPLATE = new TaskTemplate(ContainerSpec.of("nginx:alpine"), null, null, null, 0);

    private static Service service(ServiceMode mode) {
        ServiceSpec spec = new ServiceSpec("web", Map.of(), TEMPLATE, mode, null, null, null);
        return new Service(SERVICE_ID, new Version(13), 1000, 2000, spec, null,
                new ServiceEndpoint(EndpointSpec.vip(), List.of(), List.of()),
                new UpdateStatus(UpdateStatus.COMPLETED, 1500, 1900, "update completed"));
    }

    private static Task task(int n, TaskState desired, TaskState observed) {
        return new Task(String.format("40ncq8t8mln152k8sdk7xvz%02d", n), new Version(20 + n), 1000, 3000, SERVICE_ID,
                "web", n, "rpgghi749nqvc3kz550vwdwpb", TEMPLATE, desired,
                new TaskStatus(3500, observed, observed.wire(), observed == TaskState.FAILED ? "exit 1" : "", 0, 1),
                List.of(new NetworkAttachment("dvj36lws45gk34ujzr5nn9yxy", "10.0.1.3/24")));
    }

    @Test
    void replicatedStatusCountsRunningTasksAgainstTheReplicaCount() {
        List<Task> tasks = List.of(task(1, TaskState.RUNNING, TaskState.RUNNING),
                task(2, TaskState.RUNNING, TaskState.STARTING), task(3, TaskState.SHUTDOWN, TaskState.COMPLETE));
        assertThat(ServiceJson.status(service(ServiceMode.replicated(3)), tasks)).isEqualTo(new ServiceStatus(1, 3, 1));
    }

    @Test
    void globalStatusWantsTheTasksDesiredRunning() {
        List<Task> tasks = List.of(task(1, TaskState.RUNNING, TaskState.RUNNING),
                task(2, TaskState.RUNNING, TaskState.PREPARING), task(3, TaskState.SHUTDOWN, TaskState.FAILED));
        assertThat(ServiceJson.status(service(ServiceMode.globalMode()), tasks)).isEqualTo(new ServiceStatus(1, 2, 0));
    }

    @Test
    void serviceJsonCarriesVersionTimesAndUpdateStatus() {
        String json = new String(DockerJson.write(ServiceJson.toApi(service(ServiceMode.replicated(3)))),
                StandardCharsets.UTF_8);
        assertThat(json).startsWith("{\"ID\":\"" + SERVICE_ID + "\",\"Version\":{\"Index\":13},"
                + "\"CreatedAt\":\"1970-01-01T00:00:01Z\",\"UpdatedAt\":\"1970-01-01T00:00:02Z\",\"Spec\":{\"Name\":\"web\"")
                .contains("\"Endpoint\":{\"Spec\":{\"Mode\":\"vip\"}}",
                        "\"UpdateStatus\":{\"State\":\"completed\",\"StartedAt\":\"1970-01-01T00:00:01.5Z\","
                                + "\"CompletedAt\":\"1970-01-01T00:00:01.9Z\",\"Message\":\"update completed\"}")
                .doesNotContain("PreviousSpec", "ServiceStatus");
    }

    @Test
    void taskJsonHasWhatServicePsAndTheProgressMonitorRead() {
        var network = new dev.swarmnet.controlplane.model.Network("dvj36lws45gk34ujzr5nn9yxy", new Version(12), 0, 0,
                dev.swarmnet.controlplane.model.NetworkSpec.overlay("appnet"), 4097, "10.0.1.0/24", "10.0.1.1", 1450, "");
        String json = new String(DockerJson.write(TaskJson.toApi(task(2, TaskState.SHUTDOWN, TaskState.FAILED),
                id -> id.equals(network.id()) ? network : null)), StandardCharsets.UTF_8);
        assertThat(json).startsWith("{\"ID\":\"40ncq8t8mln152k8sdk7xvz02\",\"Version\":{\"Index\":22},"
                        + "\"CreatedAt\":\"1970-01-01T00:00:01Z\",\"UpdatedAt\":\"1970-01-01T00:00:03Z\","
                        + "\"Spec\":{\"ContainerSpec\":{\"Image\":\"nginx:alpine\"")
                .contains("\"ServiceID\":\"" + SERVICE_ID + "\",\"Slot\":2,\"NodeID\":\"rpgghi749nqvc3kz550vwdwpb\","
                        + "\"Status\":{\"Timestamp\":\"1970-01-01T00:00:03.5Z\",\"State\":\"failed\",\"Message\":\"failed\","
                        + "\"Err\":\"exit 1\",\"ContainerStatus\":{\"PID\":0,\"ExitCode\":1}},\"DesiredState\":\"shutdown\","
                        + "\"NetworksAttachments\":[{\"Network\":{\"Name\":\"appnet\",\"Id\":\"dvj36lws45gk34ujzr5nn9yxy\"",
                        "\"Addresses\":[\"10.0.1.3/24\"]}]}");
    }
}
