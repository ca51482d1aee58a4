package dev.swarmnet.controlplane.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.swarmnet.controlplane.cli.Swarmnet;
import dev.swarmnet.controlplane.standalone.LinuxPortFactory;
import dev.swarmnet.linux.LinuxSupport;
import dev.swarmnet.linux.NetworkNamespace;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code swarmnet lab} on this machine: real namespaces, veths, daemons and tasks (root only; CI
 * is root). Each run names its lab {@code swl<pid>} and removes it after each test, pass or fail.
 */
@Tag("netns")
class LabNamespacesTest {
    private static final String NAME = "swl" + ProcessHandle.current().pid() % 100_000_000;
    private static final String SUBNET = "198.18." + (200 + ProcessHandle.current().pid() % 50) + ".0/24";

    @TempDir
    Path dir;

    private Lab lab;

    @BeforeEach
    void lab() {
        Assumptions.assumeTrue(LinuxSupport.isAvailable(), "needs root");
        lab = new Lab(new LabLayout(new LabName(NAME), dir.resolve("state"), dir.resolve("run")));
    }

    @AfterEach
    void down() throws IOException {
        if (lab != null) {
            lab.down();
        }
    }

    /** What one in-process CLI invocation printed and returned. */
    private record Cli(int exitCode, String stdout, String stderr) {
    }

    private Cli swarmnet(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = Swarmnet.commandLine(new LinuxPortFactory());
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        int code = line.execute(args);
        return new Cli(code, out.toString(), err.toString());
    }

    private String[] labArgs(String command, String... rest) {
        List<String> all = new ArrayList<>(List.of("lab", command, "--name", NAME,
                "--state-dir", dir.resolve("state").toString(), "--run-dir", dir.resolve("run").toString()));
        all.addAll(List.of(rest));
        return all.toArray(new String[0]);
    }

    /** {@code swarmnet ARGS} in a JVM of its own, as a user types it, with {@code env} added. */
    private static Cli separateProcess(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(DaemonLauncher.currentJava(),
                "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "-cp", DaemonLauncher.currentClassPath(),
                Swarmnet.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("DOCKER_HOST");
        builder.environment().putAll(env);
        return run(builder);
    }

    private static Cli run(ProcessBuilder builder) throws Exception {
        Path out = Files.createTempFile("lab", ".out");
        Path err = Files.createTempFile("lab", ".err");
        try {
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s ends", builder.command()).isTrue();
            return new Cli(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void upBuildsAThreeNodeSwarmWithAWorkingDemoAndDownLeavesNothingBehind() throws Exception {
        Path config = Files.writeString(dir.resolve("lab.yaml"), "dataplane: {conntrack: {capacity: 4096}}\n");
        Cli up = swarmnet(labArgs("up", "--nodes", "3", "--managers", "1", "--subnet", SUBNET, "--demo",
                "--config", config.toString()));
        assertThat(up.exitCode()).as("lab up: %s", up.stderr()).isZero();
        LabState state = lab.state();
        for (LabState.Node node : state.nodes()) {
            assertThat(Files.readString(Path.of(node.log()))).as("%s read the lab's config file", node.name())
                    .contains("conntrack capacity 4096");
        }
        List<Long> pids = state.nodes().stream().map(LabState.Node::pid).toList();

        // ls: three live daemons, the first a manager.
        Cli ls = swarmnet(labArgs("ls"));
        assertThat(ls.stdout().lines().skip(1).toList()).hasSize(3).allMatch(l -> l.contains(" alive "));
        assertThat(ls.stdout()).containsPattern(NAME + "-1 +198\\.18\\.\\d+\\.1 +manager")
                .containsPattern(NAME + "-2 +198\\.18\\.\\d+\\.2 +worker")
                .containsPattern(NAME + "-3 +198\\.18\\.\\d+\\.3 +worker");
        assertThat(swarmnet(labArgs("ip", NAME + "-2")).stdout().trim())
                .isEqualTo(LabSubnet.parse(SUBNET).nodeAddress(2));

        // The printed SWARMNET_HOST line drives the swarm from a new process.
        String export = up.stdout().lines().filter(l -> l.trim().startsWith("export SWARMNET_HOST=")).findFirst()
                .orElseThrow().trim();
        Cli nodes = separateProcess(Map.of("SWARMNET_HOST", export.substring(export.indexOf('=') + 1)), "node", "ls");
        assertThat(nodes.exitCode()).as(nodes.stderr()).isZero();
        assertThat(nodes.stdout().lines().filter(l -> l.contains(" Ready ")).count()).isEqualTo(3);
        assertThat(up.stdout().lines().filter(l -> l.trim().startsWith("export DOCKER_HOST=unix://"))).hasSize(3);

        // exec runs in the node's namespace and returns the command's exit code.
        Cli addresses = separateProcess(Map.of(), labArgs("exec", NAME + "-2", "--", "sh", "-c",
                "ip -br addr; exit 7"));
        assertThat(addresses.exitCode()).as(addresses.stderr()).isEqualTo(7);
        assertThat(addresses.stdout()).contains(LabSubnet.parse(SUBNET).nodeAddress(2) + "/24");

        // The host reaches a node's lab IP.
        Cli ping = run(new ProcessBuilder("ping", "-c", "1", "-W", "2", LabSubnet.parse(SUBNET).nodeAddress(3)));
        assertThat(ping.exitCode()).as(ping.stdout()).isZero();

        // The demo's printed line answers with a whoami body.
        String curl = up.stdout().lines().filter(l -> l.trim().startsWith("ip netns exec ")).findFirst()
                .orElseThrow().trim();
        Cli answer = run(new ProcessBuilder(curl.split(" ")));
        assertThat(answer.exitCode()).as(answer.stderr()).isZero();
        assertThat(answer.stdout()).contains("Hostname: ").contains("TaskID: ");

        // So do its published-port lines, one per node, run from the host through the routing mesh.
        List<String> meshCurls = up.stdout().lines().map(String::trim)
                .filter(l -> l.startsWith("curl -s http://") && l.endsWith(":8080/")).toList();
        assertThat(meshCurls).hasSize(3);
        for (int node = 1; node <= 3; node++) {
            String line = meshCurls.get(node - 1);
            assertThat(line).contains(LabSubnet.parse(SUBNET).nodeAddress(node) + ":8080");
            Cli viaMesh = run(new ProcessBuilder(line.split(" ")));
            assertThat(viaMesh.exitCode()).as("%s: %s", line, viaMesh.stderr()).isZero();
            assertThat(viaMesh.stdout()).contains("TaskID: ");
        }

        // A second up of the same name is refused.
        Cli again = swarmnet(labArgs("up", "--subnet", SUBNET));
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.stderr()).contains("already exists").contains("swarmnet lab down --name " + NAME);

        Cli down = swarmnet(labArgs("down"));
        assertThat(down.exitCode()).as(down.stderr()).isZero();
        assertNothingLeft(pids);
        assertThat(swarmnet(labArgs("down")).exitCode()).as("down twice").isZero();
    }

    @Test
    void downRemovesALabWhoseUpStoppedHalfWayWithoutAStateFile() throws Exception {
        LabName name = lab.layout().name();
        Underlay.create(name, LabSubnet.parse(SUBNET), 2);
        Process daemon = DaemonLauncher.start(name, lab.layout(), name.node(1), null);
        Path socket = lab.layout().socket(name.node(1));
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(socket) || !daemon.isAlive());
        assertThat(daemon.isAlive()).isTrue();
        assertThat(lab.layout().stateFile()).doesNotExist();

        assertThat(lab.down()).as("namespaces removed").isEqualTo(3);
        assertNothingLeft(List.of(daemon.pid()));
    }

    @Test
    void upWithABadConfigFileNamesTheProblemAndMakesNothing() throws Exception {
        Path config = Files.writeString(dir.resolve("bad.yaml"), "ingress: {threads: 0}\n");

        Cli up = swarmnet(labArgs("up", "--nodes", "2", "--subnet", SUBNET, "--config", config.toString()));

        assertThat(up.exitCode()).isEqualTo(2);
        assertThat(up.stderr()).contains(config + ":1: ingress.threads: '0': outside the allowed range 1..64");
        assertNothingLeft(List.of());
    }

    @Test
    void upThatFailsPartWayRemovesWhatItMadeAndSaysWhy() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        Lab broken = new Lab(new LabLayout(new LabName(NAME), dir.resolve("state"), notADirectory.resolve("run")));
        assertThatThrownBy(() -> broken.up(new LabPlan(new LabName(NAME), 2, 1, LabSubnet.parse(SUBNET))))
                .isInstanceOf(IOException.class);
        assertNothingLeft(List.of());
    }

    private void assertNothingLeft(List<Long> pids) throws IOException {
        assertThat(NetworkNamespace.list()).noneMatch(ns -> ns.startsWith(NAME));
        assertThat(Path.of("/etc/netns")).satisfiesAnyOf(
                p -> assertThat(p).doesNotExist(),
                p -> {
                    try (Stream<Path> entries = Files.list(p)) {
                        assertThat(entries.map(e -> e.getFileName().toString())).noneMatch(n -> n.startsWith(NAME));
                    }
                });
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).filter(LabTeardown::running)).as("daemon %d", pid).isEmpty();
        }
        assertThat(ProcessHandle.allProcesses().filter(LabTeardown::running)
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(NAME)).orElse(false)))
                .as("processes naming the lab").isEmpty();
        assertThat(new String(new ProcessBuilder("ip", "-o", "link").start().getInputStream().readAllBytes(),
                StandardCharsets.UTF_8)).doesNotContain(NAME);
        assertThat(dir.resolve("state")).doesNotExist();
        assertThat(dir.resolve("run")).doesNotExist();
    }
}
