package dev.swarmnet.controlplane.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.swarmnet.controlplane.standalone.RecordingPortFactory;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcap4j.core.Pcaps;
import picocli.CommandLine;

class CaptureCommandTest {
    private static final String A_ADDRESS = "10.201.7.1";
    private static final String B_ADDRESS = "10.201.7.2";

    /** Unique per run, so that concurrent builds on this machine never meet. */
    private final String prefix = "pc4j" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    private final List<String> namespaces = new ArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    @AfterEach
    void removeNamespaces() throws Exception {
        for (String namespace : namespaces) {
            run("ip", "netns", "del", namespace);
        }
    }

    @Test
    void shouldExitTwoNamingAnUnknownInterfaceAndListingThoseThatExist() {
        assumeLibpcap();

        int code = swarmnet("capture", "--interface", "nonexistent0", "--file", dir.resolve("x.pcap").toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("swarmnet capture: no interface 'nonexistent0'; interfaces that exist: ")
                .contains("lo");
        assertThat(dir.resolve("x.pcap")).doesNotExist();
    }

    @Test
    void shouldExitTwoWithLibpcapsMessageForABadFilter() {
        assumeLibpcap();
        assumeTrue(isRoot(), "opening lo needs CAP_NET_RAW");

        int code = swarmnet("capture", "--interface", "lo", "--filter", "udp prt 4789",
                "--file", dir.resolve("x.pcap").toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("swarmnet capture: bad BPF filter 'udp prt 4789': ")
                .contains("syntax error");
        assertThat(dir.resolve("x.pcap")).doesNotExist();
    }

    @Test
    void shouldExitTwoNamingAnUnknownNamespace() {
        assumeLibpcap();

        int code = swarmnet("capture", "--interface", "eth0", "--netns", prefix + "-missing",
                "--file", dir.resolve("x.pcap").toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("swarmnet capture: no network namespace '" + prefix + "-missing'");
    }

    @Test
    void shouldRefuseADurationItCannotRead() {
        int code = swarmnet("capture", "--interface", "lo", "--duration", "ten seconds", "--file", "x.pcap");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("'ten seconds' is not a duration: expected e.g. 500ms, 10s, 2m, 1h or PT1M30S");
    }

    @Test
    void shouldRequireTheInterfaceAndTheFile() {
        assertThat(swarmnet("capture")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required options: '--interface=IF', '--file=PATH'");
    }

    @Test
    @Tag("netns")
    void shouldCaptureThreeIcmpPacketsOnAVethInsideItsNamespace() throws Exception {
        assumeLibpcap();
        assumeTrue(isRoot(), "needs root to create namespaces and capture");
        String a = namespace(prefix + "-a");
        String b = namespace(prefix + "-b");
        String vethA = prefix + "a";
        String vethB = prefix + "b";
        run("ip", "link", "add", vethA, "netns", a, "type", "veth", "peer", "name", vethB, "netns", b);
        run("ip", "-n", a, "addr", "add", A_ADDRESS + "/30", "dev", vethA);
        run("ip", "-n", b, "addr", "add", B_ADDRESS + "/30", "dev", vethB);
        run("ip", "-n", a, "link", "set", vethA, "up");
        run("ip", "-n", b, "link", "set", vethB, "up");
        Path file = dir.resolve("icmp.pcap");

        CompletableFuture<Integer> capture = CompletableFuture.supplyAsync(() -> swarmnet("capture",
                "--interface", vethA, "--netns", a, "--file", file.toString(), "--count", "3", "--filter", "icmp",
                "--duration", "30s"));
        await().atMost(Duration.ofSeconds(20)).until(() -> err.toString().contains("listening on") || capture.isDone());
        run("ip", "netns", "exec", a, "ping", "-c", "3", "-i", "0.2", "-W", "2", B_ADDRESS);
        int code = capture.get(20, TimeUnit.SECONDS);

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo("swarmnet capture: 3 packet(s) written to " + file + " from " + vethA
                + " in netns " + a + " (filter 'icmp'); stopped by count; 0 dropped by the kernel"
                + System.lineSeparator());
        assumeTrue(tsharkInstalled(), "tshark is not installed (Debian package tshark)");
        assertThat(tshark(file, "ip.src", "ip.dst", "icmp.type")).containsExactly(
                A_ADDRESS + "\t" + B_ADDRESS + "\t8",
                B_ADDRESS + "\t" + A_ADDRESS + "\t0",
                A_ADDRESS + "\t" + B_ADDRESS + "\t8");
    }

    private int swarmnet(String... args) {
        CommandLine line = Swarmnet.commandLine(new RecordingPortFactory());
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return line.execute(args);
    }

    private String namespace(String name) throws Exception {
        run("ip", "netns", "add", name);
        namespaces.add(name);
        return name;
    }

    private static void assumeLibpcap() {
        try {
            Pcaps.libVersion();
        } catch (LinkageError e) {
            assumeTrue(false, "libpcap cannot be loaded: " + e.getMessage());
        }
    }

    private static boolean isRoot() {
        try {
            return run("id", "-u").trim().equals("0");
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean tsharkInstalled() {
        String path = System.getenv("PATH");
        return path != null
                && Arrays.stream(path.split(File.pathSeparator)).anyMatch(d -> new File(d, "tshark").canExecute());
    }

    private static List<String> tshark(Path file, String... fields) throws Exception {
        List<String> command = new ArrayList<>(List.of("tshark", "-n", "-r", file.toString(), "-T", "fields"));
        for (String field : fields) {
            command.add("-e");
            command.add(field);
        }
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("tshark finished").isTrue();
        assertThat(process.exitValue()).as("tshark's exit code").isZero();
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    /** Runs a command, returning its output; fails with its output when it exits non-zero. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish");
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited " + process.exitValue() + ": " + output);
        }
        return output;
    }
}
