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
 * {@code whoami} ({@code swarmnet/whoami}, 3 replicas) published on port {@value #PUBLISHED} of
 * every node through the routing mesh, and a one-task service {@code client}
 * ({@code swarmnet/echo}) on the overlay, through node 1's API. It prints two kinds of line: a
 * {@code curl} of each node's lab IP on the published port, from the host (north-south, through
 * the mesh, whichever node the tasks run on), and a {@code curl} of whoami's VIP from the client
 * task's namespace (east-west: node namespaces are not on the overlay, task namespaces are). It
 * returns only once every one of those lines has answered with a whoami body, so the lines it
 * prints work. Runs on the calling thread.
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

    /** The port whoami is published on, on every node. */
    public static final int PUBLISHED = 8080;

    private static final Duration RUNNING_LIMIT = Duration.ofSeconds(90);
    private static final Duration ANSWER_LIMIT = Duration.ofSeconds(60);

    /**
     * What the demo made.
     *
     * @param vip       whoami's virtual IP on {@code demo}
     * @param command   the command that curls it from the client task (run as root)
     * @param answer    what that command printed the first time it succeeded
     * @param published a curl of the published port per node, from the host, each answered once
     */
    public record Result(String vip, List<String> command, String answer, List<List<String>> published) {
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
        String network;
        try (ApiClient client = SwarmBootstrap.client(socket)) {
            network = client.post("/networks/create", NetworkCreateRequest.body(NETWORK, "overlay", List.of(),
                    List.of(), false, List.of(), List.of())).path("Id").asText();
            client.post("/services/create", service(SERVICE, "swarmnet/whoami", REPLICAS, network, List.of(),
                    PUBLISHED));
            client.post("/services/create", service(CLIENT, "swarmnet/echo", 1, network, List.of("ECHO_PORT=7"), 0));
        }
        awaitRunning(socket, SERVICE, REPLICAS);
        List<JsonNode> clients = awaitRunning(socket, CLIENT, 1);
        String vip;
        try (ApiClient client = SwarmBootstrap.client(socket)) {
            String cidr = "";
            // one VIP per network: the demo network's, not ingress' (the service is published)
            for (JsonNode entry : client.get("/services/" + SERVICE).path("Endpoint").path("VirtualIPs")) {
                if (entry.path("NetworkID").asText().equals(network)) {
                    cidr = entry.path("Addr").asText();
                }
            }
            if (cidr.indexOf('/') < 0) {
                throw new IOException("service " + SERVICE + " has no VIP on network " + NETWORK);
            }
            vip = cidr.substring(0, cidr.indexOf('/'));
        }
        String namespace = state.name() + "-t" + clients.get(0).path("ID").asText();
        List<String> command = List.of("ip", "netns", "exec", namespace, "curl", "-s", "http://" + vip + "/");
        List<String> bounded = new ArrayList<>(command);
        bounded.add(5, "--max-time");
        bounded.add(6, "5");
        String answer = awaitWhoami(bounded, "whoami to answer on its VIP " + vip);
        List<List<String>> published = new ArrayList<>();
        for (LabState.Node node : state.nodes()) {
            List<String> curl = List.of("curl", "-s", "http://" + node.ip() + ":" + PUBLISHED + "/");
            List<String> boundedCurl = new ArrayList<>(curl);
            boundedCurl.addAll(2, List.of("--max-time", "5"));
            awaitWhoami(boundedCurl, "the routing mesh to answer on " + node.name() + " (" + node.ip() + ":"
                    + PUBLISHED + ")");
            published.add(curl);
        }
        return new Result(vip, command, answer, List.copyOf(published));
    }

    /** Runs {@code command} until it prints a whoami body; returns that body. */
    private static String awaitWhoami(List<String> command, String what) throws IOException {
        String[] answer = {""};
        Deadline.await(ANSWER_LIMIT, what, () -> {
            Shell.Result result = Shell.run(command);
            answer[0] = result.output();
            return result.ok() && result.output().contains("TaskID: ");
        });
        return answer[0];
    }

    /** The text {@code lab up --demo} prints after the demo is up. */
    public static String text(Result result) {
        StringBuilder text = new StringBuilder()
                .append("Demo: service ").append(SERVICE).append(" (").append(REPLICAS)
                .append(" replicas of swarmnet/whoami) on overlay network ").append(NETWORK).append(", VIP ")
                .append(result.vip()).append(", published on port ").append(PUBLISHED).append(" of every node.\n")
                .append("From this host, any node's port ").append(PUBLISHED)
                .append(" answers through the routing mesh (each run may answer from another replica):\n");
        for (List<String> curl : result.published()) {
            text.append("  ").append(String.join(" ", curl)).append('\n');
        }
        text.append("From inside the overlay (the ").append(CLIENT)
                .append(" task's namespace, as root), the VIP answers too:\n")
                .append("  ").append(result.commandLine()).append('\n');
        return text.toString();
    }

    /** A replicated service spec; {@code published} &gt; 0 publishes TCP port 80 on it through the mesh. */
    private static ObjectNode service(String name, String image, int replicas, String network, List<String> env,
                                      int published) {
        ObjectNode spec = ApiClient.json().createObjectNode();
        spec.put("Name", name);
        ObjectNode template = spec.putObject("TaskTemplate");
        ObjectNode container = template.putObject("ContainerSpec");
        container.put("Image", image);
        env.forEach(container.putArray("Env")::add);
        template.putArray("Networks").addObject().put("Target", network);
        spec.putObject("Mode").putObject("Replicated").put("Replicas", replicas);
        if (published > 0) {
            spec.putObject("EndpointSpec").putArray("Ports").addObject().put("Protocol", "tcp").put("TargetPort", 80)
                    .put("PublishedPort", published).put("PublishMode", "ingress");
        }
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
