package dev.swarmnet.controlplane.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmnet.controlplane.cli.client.ApiClient;
import dev.swarmnet.controlplane.cli.client.DaemonAddress;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Makes the lab's daemons one swarm through their API sockets, with the requests
 * {@code swarmnet swarm init/join} send: node 1 initialises on its lab IP, the other managers
 * and then the workers join it, and it waits until node 1 lists every node as ready. Used on
 * the calling thread.
 */
final class SwarmBootstrap {

    /** The swarm's cluster port on every node. */
    static final int CLUSTER_PORT = 2377;

    private static final Duration READY_LIMIT = Duration.ofSeconds(60);

    private SwarmBootstrap() {
    }

    /** One API client for the daemon behind {@code socket}. */
    static ApiClient client(Path socket) {
        return new ApiClient(DaemonAddress.parse("unix://" + socket), "swarmnet-lab");
    }

    /** {@code swarm init} on the daemon behind {@code socket}, advertising {@code ip}. */
    static void init(Path socket, String ip) {
        try (ApiClient client = client(socket)) {
            ObjectNode request = ApiClient.json().createObjectNode()
                    .put("ListenAddr", "0.0.0.0:" + CLUSTER_PORT)
                    .put("AdvertiseAddr", ip)
                    .put("DataPathAddr", "")
                    .put("DataPathPort", 0)
                    .put("ForceNewCluster", false);
            request.set("Spec", ApiClient.json().createObjectNode());
            request.put("AutoLockManagers", false).put("Availability", "");
            request.putArray("DefaultAddrPool");
            request.put("SubnetSize", 24);
            client.post("/swarm/init", request);
        }
    }

    /** The join token for {@code manager} or worker nodes, from the manager behind {@code socket}. */
    static String joinToken(Path socket, boolean manager) {
        try (ApiClient client = client(socket)) {
            return client.get("/swarm").path("JoinTokens").path(manager ? "Manager" : "Worker").asText();
        }
    }

    /** {@code swarm join} of the daemon behind {@code socket}, advertising {@code ip}, to {@code managerIp}. */
    static void join(Path socket, String ip, String token, String managerIp) {
        try (ApiClient client = client(socket)) {
            ObjectNode request = ApiClient.json().createObjectNode()
                    .put("ListenAddr", "0.0.0.0:" + CLUSTER_PORT)
                    .put("AdvertiseAddr", ip)
                    .put("DataPathAddr", "");
            request.putArray("RemoteAddrs").add(managerIp + ":" + CLUSTER_PORT);
            request.put("JoinToken", token).put("Availability", "");
            client.post("/swarm/join", request);
        }
    }

    /** Waits until the manager behind {@code socket} lists {@code count} ready nodes. */
    static void awaitReady(Path socket, int count) throws IOException {
        Deadline.await(READY_LIMIT, count + " nodes to be ready", () -> readyNodes(socket) == count);
    }

    private static long readyNodes(Path socket) {
        try (ApiClient client = client(socket)) {
            long ready = 0;
            for (JsonNode node : client.get("/nodes")) {
                if (node.path("Status").path("State").asText().equals("ready")) {
                    ready++;
                }
            }
            return ready;
        }
    }
}
