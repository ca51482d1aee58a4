package dev.swarmnet.controlplane.api;

import dev.swarmnet.controlplane.api.model.Node;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real {@link ApiServer} over the {@link InMemorySwarm} fake on a unix socket in a test's
 * directory, opened to tests of other packages (the CLI client). Owned by the test thread.
 */
public final class FakeDaemon implements AutoCloseable {

    /** This node's ID in {@link #managerOfThree}. */
    public static final String SELF_ID = InMemorySwarm.SELF_ID;
    /** The worker {@code wrk1}'s ID. */
    public static final String WORKER_ID = "x7c2v9b3n4m5l6k7j8h9g0f1d";
    /** The reachable manager {@code mgr2}'s ID. */
    public static final String MANAGER_ID = "5qwe8rty1uio2pas3dfg4hjk6";
    /** The cluster ID. */
    public static final String CLUSTER_ID = InMemorySwarm.CLUSTER_ID;

    /** What the stock {@code docker} client printed and how it ended. */
    public record DockerResult(int exitCode, String stdout, String stderr) {
    }

    private final InMemorySwarm swarm;
    private final ApiServer server;
    private final Path dir;

    private FakeDaemon(InMemorySwarm swarm, Path dir) throws IOException {
        this.swarm = swarm;
        this.dir = dir;
        this.server = ApiServer.start(ApiServerConfig.unixSocket(dir.resolve("swarmnet.sock")), swarm);
    }

    /** A leader {@code mgr1} (this node), a worker {@code wrk1} and a manager {@code mgr2}. */
    public static FakeDaemon managerOfThree(Path dir) throws IOException {
        return new FakeDaemon(InMemorySwarm.managerOfThree(), dir);
    }

    /** A node {@code lonely} in no swarm. */
    public static FakeDaemon outsideASwarm(Path dir) throws IOException {
        return new FakeDaemon(new InMemorySwarm("lonely"), dir);
    }

    /** The unix socket the API listens on. */
    public Path socket() {
        return server.unixSocket();
    }

    /** {@code unix://} followed by the socket path. */
    public String host() {
        return "unix://" + socket().toAbsolutePath();
    }

    /** The node as the fake holds it now. */
    public Node node(String ref) {
        return swarm.inspectNode(ref);
    }

    /** The worker join token as the fake holds it now. */
    public String workerToken() {
        return swarm.inspectSwarm().joinTokens().worker();
    }

    /** The manager join token as the fake holds it now. */
    public String managerToken() {
        return swarm.inspectSwarm().joinTokens().manager();
    }

    /** Whether a {@code docker} executable is on the PATH. */
    public static boolean dockerInstalled() {
        return DockerCli.isInstalled();
    }

    /** Runs the stock {@code docker} client against this daemon only. */
    public DockerResult docker(String... args) throws IOException, InterruptedException {
        DockerCli cli = new DockerCli(socket(), Files.createDirectories(dir.resolve("docker-config")));
        DockerCli.Result result = cli.run(args);
        return new DockerResult(result.exitCode(), result.stdout(), result.stderr());
    }

    @Override
    public void close() {
        server.close();
    }
}
