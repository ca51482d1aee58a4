package dev.swarmnet.controlplane.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.epoll.Epoll;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stock {@code docker} CLI against a real daemon in this JVM (skipped when docker is not installed). */
class DockerCliAgainstDaemonTest {
    @TempDir
    Path dir;

    private Daemon daemon;
    private Path socket;

    @BeforeEach
    void start() throws IOException {
        assumeTrue(dockerInstalled(), "the docker CLI is not on the PATH");
        assumeTrue(Epoll.isAvailable(), "the API's unix socket needs Netty's epoll transport");
        DaemonConfig config = LocalDaemons.config(dir, "cli-node");
        socket = config.api().unixSocket();
        daemon = Daemon.start(config, Joiner.notWired());
    }

    @AfterEach
    void stop() throws IOException {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void dockerSwarmInitNodeLsAndJoinTokenShouldWorkAgainstTheDaemon() throws Exception {
        Run init = docker("swarm", "init", "--advertise-addr", "127.0.0.1");
        assertThat(init.exit()).as(init.err()).isZero();
        assertThat(init.out()).startsWith("Swarm initialized: current node (")
                .contains("docker swarm join --token SWMTKN-1-");

        Run ls = docker("node", "ls");
        assertThat(ls.exit()).as(ls.err()).isZero();
        List<String> rows = ls.out().lines().map(line -> line.replaceAll(" {2,}", "|")).toList();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1)).matches("[0-9a-z]{25} \\*\\|cli-node\\|Ready\\|Active\\|Leader\\|28.2.2");

        Run token = docker("swarm", "join-token", "-q", "worker");
        assertThat(token.exit()).as(token.err()).isZero();
        assertThat(token.out().trim()).matches("SWMTKN-1-[0-9a-z]{50}-[0-9a-z]{25}");
        assertThat(init.out()).contains(token.out().trim());

        Run rotate = docker("swarm", "join-token", "--rotate", "-q", "worker");
        assertThat(rotate.exit()).as(rotate.err()).isZero();
        assertThat(rotate.out().trim()).isNotEqualTo(token.out().trim());
    }

    private record Run(int exit, String out, String err) {
    }

    private Run docker(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Path config = Files.createDirectories(dir.resolve("docker-config"));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("DOCKER_"));
        builder.environment().put("DOCKER_HOST", "unix://" + socket);
        builder.environment().put("DOCKER_CONFIG", config.toString());
        builder.environment().put("DOCKER_CLI_HINTS", "false");
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("docker " + String.join(" ", args) + " did not finish in 60 s");
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static boolean dockerInstalled() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String entry : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(entry, "docker"))) {
                return true;
            }
        }
        return false;
    }
}
