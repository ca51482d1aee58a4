package dev.swarmnet.controlplane.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmnet.controlplane.cli.client.ApiClient;
import dev.swarmnet.controlplane.cli.client.NetworkCreateRequest;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code lab up --demo}: on a lab that is up, an overlay network {@code demo}, a service
 * {@code whoami} ({@code swarmnet/whoami}, 3 replicas) and a one-task service {@code client}
 * ({@code swarmnet/echo}) on it, through node 1's API. Node namespaces are not on the overlay,
 * only task namespaces are, and published ports wait for the routing mesh; so the demo's line is
 * a {@code curl} of whoami's VIP from the client task's namespace. It returns only once that
 * line has answered with a whoami body, so the line it prints works. Runs on the calling thread.
 */
public final class LabDemo {

    /** The demo's overlay network. */
    public static final String NETWORK = "demo";

    /** The demo's load-balanced service. */
    public static final String SERVICE = "whoami";

    /** The one-task service whose namespace the demo curls from. */
    public static final String CLIENT = "client";

    /** whoami's replicas. */
    public static final int REPLICAS = 3;

    private static final Duration RUNNING_LIMIT = Duration.ofSeconds(90);
    private static final Duration ANSWER_LIMIT = Duration.ofSeconds(60);

    /**
     * What the demo made.
     *
     * @param vip      whoami's virtual IP on {@code demo}
     * @param command  the command that curls it (run as root)
     * @param answer   what that command printed the first time it succeeded
     */
    public record Result(String vip, List<String> command, String answer) {
        /** The command as one line to type. */
        public String commandLine() {
            return String.join(" ", command);
        }
    }

    private LabDemo() {
    }

    /** Creates the demo on {@code state}'s lab and waits until its curl line answers. */
    public static Result run(LabState state) throws IOException {
        Path socket = Path.of(state.nodes().get(0).socket());
        try (ApiClient client = SwarmBootstrap.client(socket)) {
            String network = client.post("/networks/create", NetworkCreateRequest.body(NETWORK, "overlay", List.of(),
                    List.of(), false, List.of(), List.of())).path("Id").asText();
            client.post("/services/create", service(SERVICE, "swarmnet/whoami", REPLICAS, network, List.of()));
            client.post("/services/create", service(CLIENT, "swarmnet/echo", 1, network, List.of("ECHO_PORT=7")));
        }
        awaitRunning(socket, SERVICE, REPLICAS);
        List<JsonNode> clients = awaitRunning(socket, CLIENT, 1);
        String vip;
        try (ApiClient client = SwarmBootstrap.client(socket)) {
            String cidr = client.get("/services/" + SERVICE).path("Endpoint").path("VirtualIPs").path(0).path("Addr")
                    .asText();
            vip = cidr.substring(0, cidr.indexOf('/'));
        }
        String namespace = state.name() + "-t" + clients.get(0).path("ID").asText();
        List<String> command = List.of("ip", "netns", "exec", namespace, "curl", "-s", "http://" + vip + "/");
        List<String> bounded = new ArrayList<>(command);
        bounded.add(5, "--max-time");
        bounded.add(6, "5");
        String[] answer = {""};
        Deadline.await(ANSWER_LIMIT, "whoami to answer on its VIP " + vip, () -> {
            Shell.Result result = Shell.run(bounded);
            answer[0] = result.output();
            return result.ok() && result.output().contains("TaskID: ");
        });
        return new Result(vip, command, answer[0]);
    }

    /** The text {@code lab up --demo} prints after the demo is up. */
    public static String text(Result result) {
        return "Demo: service " + SERVICE + " (" + REPLICAS + " replicas of swarmnet/whoami) on overlay network "
                + NETWORK + ", VIP " + result.vip() + ".\n"
                + "Task namespaces are on the overlay (nodes are not), so curl the VIP from the " + CLIENT
                + " task's namespace, as root;\neach run may answer from another replica:\n"
                + "  " + result.commandLine() + "\n";
    }

    private static ObjectNode service(String name, String image, int replicas, String network, List<String> env) {
        ObjectNode spec = ApiClient.json().createObjectNode();
        spec.put("Name", name);
        ObjectNode template = spec.putObject("TaskTemplate");
        ObjectNode container = template.putObject("ContainerSpec");
        container.put("Image", image);
        env.forEach(container.putArray("Env")::add);
        template.putArray("Networks").addObject().put("Target", network);
        spec.putObject("Mode").putObject("Replicated").put("Replicas", replicas);
        return spec;
    }

    private static List<JsonNode> awaitRunning(Path socket, String service, int count) throws IOException {
        List<JsonNode> running = new ArrayList<>();
        String filter = URLEncoder.encode("{\"service\":{\"" + service + "\":true}}", StandardCharsets.UTF_8);
        Deadline.await(RUNNING_LIMIT, count + " running tasks of " + service, () -> {
            running.clear();
            try (ApiClient client = SwarmBootstrap.client(socket)) {
                for (JsonNode task : client.get("/tasks?filters=" + filter)) {
                    if (task.path("DesiredState").asText().equals("running")
                            && task.path("Status").path("State").asText().equals("running")) {
                        running.add(task);
                    }
                }
            }
            return running.size() == count;
        });
        return List.copyOf(running);
    }
}
