package dev.swarmnet.controlplane.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.swarmnet.controlplane.cli.Swarmnet;
import dev.swarmnet.controlplane.standalone.LinuxPortFactory;
import dev.swarmnet.controlplane.testing.Commands;
import dev.swarmnet.linux.NetworkNamespace;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/**
 * A test topology: hosts as network namespaces on one underlay bridge ({@code 198.18.X.i/24}),
 * a {@code swarmnet daemon} process in each, driven with swarmnet's own CLI over its unix socket.
 *
 * <p>Daemons run under {@code nsenter --net=...}, not {@code ip netns exec}: the latter gives
 * them a private mount namespace, and task namespaces they create would be invisible to the
 * test. Task namespaces carry {@link #taskPrefix()}, so {@link #close()} finds and removes
 * them (and kills what runs in them) even when a test fails half-way.
 */
final class NamespaceHosts implements AutoCloseable {
    private final String prefix;
    private final String subnet;
    private final Path dir;
    private final List<String> namespaces = new ArrayList<>();
    private final Map<Integer, Process> daemons = new LinkedHashMap<>();
    /** Options added to every daemon's command line from now on (e.g. {@code --config FILE}). */
    private final List<String> daemonOptions = new ArrayList<>();

    /** One bridge and {@code count} hosts named {@code <prefix>h1..N}, with addresses {@code subnet + i}. */
    NamespaceHosts(String prefix, String subnet, int count, Path dir) throws IOException {
        this.prefix = prefix;
        this.subnet = subnet;
        this.dir = dir;
        try {
            String underlay = prefix + "u";
            Commands.sh("ip", "netns", "add", underlay);
            namespaces.add(underlay);
            Commands.sh("ip", "-n", underlay, "link", "add", "br0", "type", "bridge");
            Commands.sh("ip", "-n", underlay, "link", "set", "br0", "up");
            for (int i = 1; i <= count; i++) {
                String host = host(i);
                Commands.sh("ip", "netns", "add", host);
                namespaces.add(host);
                Commands.sh("ip", "-n", host, "link", "set", "lo", "up");
                Commands.sh("ip", "link", "add", "u0", "netns", host, "type", "veth", "peer", "name", "p" + i,
                        "netns", underlay);
                Commands.sh("ip", "-n", underlay, "link", "set", "p" + i, "master", "br0", "up");
                Commands.sh("ip", "-n", host, "addr", "add", address(i) + "/24", "dev", "u0");
                Commands.sh("ip", "-n", host, "link", "set", "u0", "up");
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    String host(int i) {
        return prefix + "h" + i;
    }

    String address(int i) {
        return subnet + i;
    }

    /** The prefix of every task namespace the daemons make. */
    String taskPrefix() {
        return prefix + "t";
    }

    Path socket(int i) {
        return dir.resolve("h" + i + ".sock");
    }

    Path dataDir(int i) {
        return dir.resolve("h" + i).resolve("data");
    }

    Path log(int i) {
        return dir.resolve("h" + i).resolve("daemon.log");
    }

    /**
     * Starts the daemons of hosts 1..{@code count}, makes host 1 a swarm's manager and the others
     * its workers, and waits until every node is Ready.
     */
    void formSwarm(int count) throws IOException {
        for (int i = 1; i <= count; i++) {
            start(i);
        }
        ok(1, "swarm", "init", "--advertise-addr", address(1));
        String token = ok(1, "swarm", "join-token", "-q", "worker").trim();
        for (int i = 2; i <= count; i++) {
            ok(i, "swarm", "join", "--token", token, "--advertise-addr", address(i), address(1) + ":2377");
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(ok(1, "node", "ls").lines().filter(l -> l.contains("Ready")).count()).isEqualTo(count));
    }

    /** Adds {@code options} to the command line of every daemon started after this. */
    void daemonOptions(String... options) {
        daemonOptions.addAll(List.of(options));
    }

    /** Starts host {@code i}'s daemon (hostname {@code node-i}) and waits for its socket. */
    void start(int i) throws IOException {
        Files.createDirectories(dataDir(i));
        List<String> command = new ArrayList<>(List.of("nsenter", "--net=" + NetworkNamespace.RUN_DIR.resolve(host(i)),
                ProcessHandle.current().info().command().orElse("java"),
                "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Swarmnet.class.getName(),
                "daemon", "--data-dir", dataDir(i).toString(), "--socket", socket(i).toString(),
                "--tcp", "none", "--hostname", "node-" + i, "--task-prefix", taskPrefix()));
        command.addAll(daemonOptions);
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(i).toFile())).start();
        daemons.put(i, p);
        await().atMost(Duration.ofSeconds(90)).until(() -> Files.exists(socket(i)) || !p.isAlive());
        assertThat(p.isAlive()).as("daemon on h%d: %s", i, Files.readString(log(i))).isTrue();
    }

    /** The process id of host {@code i}'s running daemon: the parent of its tasks' processes. */
    long daemonPid(int i) {
        return daemons.get(i).pid();
    }

    /** kill -9 of host {@code i}'s daemon; its tasks' processes live on, as after a real crash. */
    void kill(int i) throws InterruptedException, IOException {
        Process p = daemons.remove(i);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
        Files.deleteIfExists(socket(i));
    }

    /** What one CLI invocation printed and returned. */
    record Cli(int exitCode, String stdout, String stderr) {
    }

    /** Runs {@code swarmnet ARGS} against host {@code i}'s daemon, in this JVM. */
    Cli cli(int i, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        int insertAt = List.of("swarm", "node", "network", "service").contains(args[0]) ? 2 : 1;
        all.add(insertAt, "-H");
        all.add(insertAt + 1, "unix://" + socket(i));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = Swarmnet.commandLine(new LinuxPortFactory());
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        int code = line.execute(all.toArray(new String[0]));
        return new Cli(code, out.toString(), err.toString());
    }

    /** As {@link #cli} and asserts success. */
    String ok(int i, String... args) {
        Cli result = cli(i, args);
        assertThat(result.exitCode()).as("swarmnet %s: %s", String.join(" ", args), result.stderr()).isZero();
        return result.stdout();
    }

    /** Task namespaces that exist now (any host's). */
    List<String> taskNamespaces() throws IOException {
        return NetworkNamespace.list().stream().filter(n -> n.startsWith(taskPrefix())).toList();
    }

    /** Copies the daemons' logs to {@code target/daemon-logs/<prefix>/} for a look after a failure. */
    private void keepLogs() {
        Path kept = Path.of("target", "daemon-logs", prefix);
        try {
            Files.createDirectories(kept);
            try (var logs = Files.find(dir, 2, (path, attrs) -> path.getFileName().toString().equals("daemon.log"))) {
                for (Path log : (Iterable<Path>) logs::iterator) {
                    Files.copy(log, kept.resolve(dir.relativize(log).getParent() + ".log"),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            System.err.println("could not keep the daemon logs: " + e);
        }
    }

    /** Kills every daemon, every process in a task namespace, and removes every namespace made. */
    @Override
    public void close() throws IOException {
        for (Process p : daemons.values()) {
            p.destroyForcibly();
        }
        for (Process p : daemons.values()) {
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        daemons.clear();
        keepLogs();
        for (String ns : taskNamespaces()) {
            Commands.Result pids = Commands.run(List.of("ip", "netns", "pids", ns));
            for (String pid : pids.output().split("\\s+")) {
                if (pid.matches("[0-9]+")) {
                    ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
            Commands.run(List.of("ip", "netns", "del", ns));
            Commands.run(List.of("rm", "-rf", "/etc/netns/" + ns));
        }
        for (String ns : namespaces) {
            Commands.run(List.of("ip", "netns", "del", ns));
        }
        namespaces.clear();
    }
}
