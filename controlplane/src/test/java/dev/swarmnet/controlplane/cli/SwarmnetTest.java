package dev.swarmnet.controlplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmnet.controlplane.standalone.PortFactory;
import dev.swarmnet.controlplane.standalone.RecordingPortFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SwarmnetTest {
    private static final String BROKEN = """
            node:
              underlay: 198.18.0.1
            networks:
              - name: blue
                vni: 4097
                sbunet: 10.0.1.0/24
            endpoints:
              - {network: blue, address: 10.0.1.5, namespace: task-a}
            services:
              - {name: web, network: blue, vip: 10.0.1.2, algorithm: fastest, ports: [{port: 80}]}
            """;

    private static final String VALID = """
            node: {underlay: 198.18.0.1}
            networks: [{name: blue, vni: 4097, subnet: 10.0.1.0/24}]
            endpoints: [{network: blue, address: 10.0.1.5, namespace: task-a}]
            services: [{name: web, network: blue, vip: 10.0.1.2, ports: [{port: 80}], backends: [{address: 10.0.1.5}]}]
            """;

    private final RecordingPortFactory ports = new RecordingPortFactory();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    @Test
    void shouldListTheDataplaneCommandInItsHelp() {
        int code = swarmnet(ports, "--help");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("Usage: swarmnet").containsPattern("(?m)^\\s+dataplane\\s+Runs the data plane from a static program file");
    }

    @Test
    void shouldPrintItsVersion() {
        assertThat(swarmnet(ports, "--version")).isZero();
        assertThat(out.toString()).startsWith("swarmnet ");
    }

    @Test
    void shouldFailAsAUsageErrorWithoutACommand() {
        assertThat(swarmnet(ports)).isEqualTo(2);
        assertThat(err.toString()).contains("missing a command").contains("Usage: swarmnet");
    }

    @Test
    void shouldExitTwoNamingTheFileWhenTheProgramIsMissing() {
        Path missing = dir.resolve("missing.yaml");

        int code = swarmnet(ports, "dataplane", "--program", missing.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).isEqualTo(missing + ": no such file" + System.lineSeparator());
        assertThat(ports.calls).isEmpty();
    }

    @Test
    void shouldExitTwoWithEveryLineNumberedProblemAndCreateNothing() throws Exception {
        Path file = Files.writeString(dir.resolve("program.yaml"), BROKEN);

        int code = swarmnet(ports, "dataplane", "--program", file.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).isEqualTo(String.join(System.lineSeparator(),
                file + ":4: networks[0].subnet: required key is missing (an IPv4 subnet (a.b.c.d/n))",
                file + ":6: networks[0].sbunet: unknown key (known: name, vni, subnet, gateway, mtu)",
                file + ":10: services[0].algorithm: 'fastest' is not one of round-robin, least-conn, maglev",
                ""));
        assertThat(ports.calls).as("no namespace, no TAP").isEmpty();
    }

    @Test
    void shouldRequireTheProgramOption() {
        assertThat(swarmnet(ports, "dataplane")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--program=FILE'");
    }

    @Test
    void shouldOnlyValidateWithCheck() throws Exception {
        Path file = Files.writeString(dir.resolve("program.yaml"), VALID);

        int code = swarmnet(ports, "dataplane", "--program", file.toString(), "--check");

        assertThat(code).isZero();
        assertThat(out.toString()).isEqualTo(file + ": OK: 1 network(s), 1 endpoint(s) (1 local), 1 service(s)"
                + System.lineSeparator());
        assertThat(ports.calls).isEmpty();
    }

    @Test
    void shouldExitOneWithOneSentenceWhenTheHostCannotRunIt() throws Exception {
        Path file = Files.writeString(dir.resolve("program.yaml"), VALID);

        int code = swarmnet(PortFactory.unavailable("swarmnet needs CAP_NET_ADMIN to create TAP devices: run the "
                + "container with --privileged or --cap-add NET_ADMIN."), "dataplane", "--program", file.toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("swarmnet dataplane: swarmnet needs CAP_NET_ADMIN to create TAP devices: "
                + "run the container with --privileged or --cap-add NET_ADMIN." + System.lineSeparator());
    }

    @Test
    void shouldRefuseANegativeUnderlayPort() throws Exception {
        Path file = Files.writeString(dir.resolve("program.yaml"), VALID);

        assertThat(swarmnet(ports, "dataplane", "--program", file.toString(), "--underlay-port", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("--underlay-port -1 is outside 1..65535");
    }

    @Test
    void shouldListTheCaptureCommandInItsHelp() {
        assertThat(swarmnet(ports, "--help")).isZero();
        assertThat(out.toString()).containsPattern("(?m)^\\s+capture\\s+Captures packets on a network interface");
    }

    @Test
    void shouldExitTwoNamingTheTransportsWhenTheTransportIsUnknownAndCreateNothing() throws Exception {
        Path file = Files.writeString(dir.resolve("program.yaml"), VALID);

        int code = swarmnet(ports, "dataplane", "--program", file.toString(), "--transport", "kqueue");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--transport: unknown transport 'kqueue': use epoll, io_uring or nio");
        assertThat(ports.calls).isEmpty();
    }

    @Test
    void shouldShowTheTransportOptionAndItsDefaultInTheDataplaneHelp() {
        assertThat(swarmnet(ports, "dataplane", "--help")).isZero();
        assertThat(out.toString()).contains("--transport=epoll|io_uring|nio").contains("(default: epoll)");
    }

    @Test
    void shouldShowTheCaptureOptionInTheDataplaneHelp() {
        assertThat(swarmnet(ports, "dataplane", "--help")).isZero();
        assertThat(out.toString()).contains("--capture=FILTER=PATH").contains("FILTER: port=N, network=VNI, underlay,");
    }

    @Test
    void shouldExitTwoNamingTheProblemWithABadCaptureAndCreateNothing() throws Exception {
        Path file = Files.writeString(dir.resolve("program.yaml"), VALID);

        int code = swarmnet(ports, "dataplane", "--program", file.toString(), "--capture", "prot=0=/tmp/x.pcap");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--capture': 'prot=0=/tmp/x.pcap': unknown "
                + "capture scope 'prot=0'");
        assertThat(ports.calls).isEmpty();
    }

    @Test
    void shouldExitTwoListingThePortsWhenTheCaptureNamesANamespaceWithoutEndpoint() throws Exception {
        Path file = Files.writeString(dir.resolve("program.yaml"), VALID);

        int code = swarmnet(ports, "dataplane", "--program", file.toString(), "--capture", "ns=task-z=/tmp/z.pcap");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--capture ns=task-z: no local endpoint of " + file
                + " is in namespace task-z; ports: 0=task-a/eth0 (blue)");
        assertThat(ports.calls).isEmpty();
    }

    @Test
    void shouldAcceptACaptureByNamespaceWithCheck() throws Exception {
        Path file = Files.writeString(dir.resolve("program.yaml"), VALID);

        assertThat(swarmnet(ports, "dataplane", "--program", file.toString(), "--capture", "ns=task-a,rx=/tmp/a.pcap",
                "--check")).isZero();
    }

    private int swarmnet(PortFactory factory, String... args) {
        CommandLine line = Swarmnet.commandLine(factory);
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return line.execute(args);
    }
}
