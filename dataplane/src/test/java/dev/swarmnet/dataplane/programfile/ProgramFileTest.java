package dev.swarmnet.dataplane.programfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.swarmnet.dataplane.lb.BackendState;
import dev.swarmnet.dataplane.lb.LbAlgorithm;
import dev.swarmnet.dataplane.program.Endpoint;
import dev.swarmnet.dataplane.program.Program;
import dev.swarmnet.dataplane.program.ServiceEntry;
import dev.swarmnet.dataplane.wire.Ipv4;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProgramFileTest {

    /** A valid program; the broken cases below change it in place, so its line numbers stay put. */
    private static final String BASE = """
            node:
              underlay: 198.18.0.1
            networks:
              - name: blue
                vni: 4097
                subnet: 10.0.1.0/24
            endpoints:
              - {network: blue, address: 10.0.1.5, namespace: task-a}
              - {network: blue, address: 10.0.1.7, node: 198.18.0.2}
            services:
              - name: web
                network: blue
                vip: 10.0.1.2
                algorithm: round-robin
                ports: [{port: 80, target: 8080}]
                backends: [{address: 10.0.1.7}, {address: 10.0.1.5}]
            """;

    private static final String EXAMPLE_AS_JSON = """
            {
              "node": {"underlay": "198.18.0.1"},
              "networks": [
                {"name": "blue", "vni": 4097, "subnet": "10.0.1.0/24", "gateway": "10.0.1.1", "mtu": 1450}
              ],
              "endpoints": [
                {"network": "blue", "address": "10.0.1.5", "namespace": "task-a", "interface": "eth0"},
                {"network": "blue", "address": "10.0.1.6", "namespace": "task-b", "mac": "02:42:0a:00:01:06"},
                {"network": "blue", "address": "10.0.1.7", "node": "198.18.0.2"}
              ],
              "services": [
                {"name": "web", "network": "blue", "vip": "10.0.1.2", "algorithm": "round-robin", "affinity": "0s",
                 "ports": [{"port": 80, "target": 8080, "protocol": "tcp"}, {"port": 53, "protocol": "udp"}],
                 "backends": [{"address": "10.0.1.7"}, {"address": "10.0.1.5", "weight": 2},
                              {"address": "10.0.1.6", "state": "draining"}]}
              ]
            }
            """;

    static Stream<Arguments> brokenFiles() {
        return Stream.of(
                broken("bad YAML syntax", "    vni: 4097", "    vni: [4097",
                        "program.yaml:6: not valid YAML: while parsing a flow sequence, expected ',' or ']', but got :"),
                broken("unknown key", "    subnet: 10.0.1.0/24", "    sbunet: 10.0.1.0/24",
                        "program.yaml:4: networks[0].subnet: required key is missing (an IPv4 subnet (a.b.c.d/n))",
                        "program.yaml:6: networks[0].sbunet: unknown key (known: name, vni, subnet, gateway, mtu)"),
                broken("wrong type", "    vni: 4097", "    vni: blue",
                        "program.yaml:5: networks[0].vni: 'blue' is not an integer in 1..16777215"),
                broken("list where a scalar goes", "    vip: 10.0.1.2", "    vip: [10.0.1.2]",
                        "program.yaml:13: services[0].vip: expected an IPv4 address, got a list"),
                broken("bad CIDR", "10.0.1.0/24", "10.0.1.0/33",
                        "program.yaml:6: networks[0].subnet: '10.0.1.0/33' is not an IPv4 subnet a.b.c.d/n with n in 8..30"),
                broken("CIDR with host bits", "10.0.1.0/24", "10.0.1.9/24",
                        "program.yaml:6: networks[0].subnet: '10.0.1.9/24' has host bits set (the subnet is 10.0.1.0/24)"),
                broken("VNI out of range", "vni: 4097", "vni: 16777216",
                        "program.yaml:5: networks[0].vni: 16777216 is outside 1..16777215"),
                broken("unknown algorithm", "algorithm: round-robin", "algorithm: fastest",
                        "program.yaml:14: services[0].algorithm: 'fastest' is not one of round-robin, least-conn, maglev"),
                broken("duplicate address", "address: 10.0.1.7, node", "address: 10.0.1.5, node",
                        "program.yaml:9: endpoints[1]: endpoint 10.0.1.5 on network blue: address is used twice",
                        "program.yaml:11: services[0]: service web (10.0.1.2:80): backend 10.0.1.7 is not an endpoint of network blue"),
                broken("backend not an endpoint", "{address: 10.0.1.7}", "{address: 10.0.1.9}",
                        "program.yaml:11: services[0]: service web (10.0.1.2:80): backend 10.0.1.9 is not an endpoint of network blue"),
                broken("endpoint both local and remote", "namespace: task-a}", "namespace: task-a, node: 198.18.0.3}",
                        "program.yaml:8: endpoints[0].node: an endpoint is local (namespace) or remote (node), not both"),
                broken("endpoint neither local nor remote", ", node: 198.18.0.2}", "}",
                        "program.yaml:9: endpoints[1]: needs a namespace (a local endpoint, on this node) or a node (a remote endpoint's underlay address)"),
                broken("missing required key", "    vip: 10.0.1.2", "    # no vip",
                        "program.yaml:11: services[0].vip: required key is missing (an IPv4 address)"),
                broken("unknown network", "network: blue, address: 10.0.1.5", "network: bleu, address: 10.0.1.5",
                        "program.yaml:8: endpoints[0].network: 'bleu' is not a network of this file (networks: blue)"),
                broken("VIP on an endpoint address", "vip: 10.0.1.2", "vip: 10.0.1.7",
                        "program.yaml:11: services[0]: service web (10.0.1.7:80): VIP is already an endpoint or gateway address"),
                broken("key given twice", "    algorithm: round-robin", "    vip: 10.0.1.3",
                        "program.yaml:14: services[0].vip: given twice (first on line 13)"),
                broken("several problems at once", "vni: 4097", "vni: 0", "algorithm: round-robin", "algorithm: random",
                        "namespace: task-a}", "namespace: task/a}",
                        "program.yaml:5: networks[0].vni: 0 is outside 1..16777215",
                        "program.yaml:8: endpoints[0].namespace: 'task/a' is not a namespace name (letters, digits, '_', '.', '-'; no '/')",
                        "program.yaml:14: services[0].algorithm: 'random' is not one of round-robin, least-conn, maglev"));
    }

    /** {@code edits} are pairs (text, replacement) followed by the expected problems. */
    private static Arguments broken(String description, String... editsThenProblems) {
        String text = BASE;
        int i = 0;
        while (i + 1 < editsThenProblems.length && !editsThenProblems[i].startsWith("program.yaml:")) {
            assertThat(text).as(description).contains(editsThenProblems[i]);
            text = text.replace(editsThenProblems[i], editsThenProblems[i + 1]);
            i += 2;
        }
        return Arguments.of(description, text, List.of(editsThenProblems).subList(i, editsThenProblems.length));
    }

    @Test
    void shouldLoadAndCompileTheExample() throws Exception {
        ProgramSpec spec = ProgramFile.load(example());

        assertThat(spec.node().underlay()).isEqualTo(Ipv4.parse("198.18.0.1"));
        assertThat(spec.node().port()).isZero();
        assertThat(spec.networks()).singleElement().satisfies(n -> {
            assertThat(n.vni()).isEqualTo(4097);
            assertThat(n.prefixLength()).isEqualTo(24);
            assertThat(n.gateway()).isEqualTo(Ipv4.parse("10.0.1.1"));
            assertThat(n.mtu()).isEqualTo(1450);
        });
        assertThat(spec.localEndpoints()).extracting(EndpointSpec::namespace, EndpointSpec::interfaceName)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("task-a", "eth0"),
                        org.assertj.core.groups.Tuple.tuple("task-b", "eth0"));

        Program program = spec.compile(spec.densePortIds());

        assertThat(program.endpoints()).containsExactly(
                Endpoint.local(4097, Ipv4.parse("10.0.1.5"), Endpoint.macFor(Ipv4.parse("10.0.1.5")), 0),
                Endpoint.local(4097, Ipv4.parse("10.0.1.6"), 0x0242_0a00_0106L, 1),
                Endpoint.remote(4097, Ipv4.parse("10.0.1.7"), Endpoint.macFor(Ipv4.parse("10.0.1.7")),
                        Ipv4.parse("198.18.0.2")));
        assertThat(program.services()).hasSize(2);
        ServiceEntry http = program.service(0, Ipv4.parse("10.0.1.2"), Ipv4.PROTO_TCP, 80);
        assertThat(http.algorithm).isEqualTo(LbAlgorithm.ROUND_ROBIN);
        assertThat(http.backendPorts).containsExactly(8080, 8080, 8080);
        assertThat(http.weights).containsExactly(1, 2, 1);
        assertThat(http.states).containsExactly(BackendState.ACTIVE, BackendState.ACTIVE, BackendState.DRAINING);
        ServiceEntry dns = program.service(0, Ipv4.parse("10.0.1.2"), Ipv4.PROTO_UDP, 53);
        assertThat(dns.backendPorts).containsExactly(53, 53, 53);
        assertThat(program.portNetwork(1)).isZero();
    }

    @Test
    void shouldReadTheJsonEquivalentOfTheExampleAsTheSameProgram() throws Exception {
        ProgramSpec yaml = ProgramFile.load(example());
        ProgramSpec json = ProgramFile.parse("program.json", EXAMPLE_AS_JSON);

        Program fromYaml = yaml.compile(yaml.densePortIds());
        Program fromJson = json.compile(json.densePortIds());

        assertThat(fromJson.networks()).isEqualTo(fromYaml.networks());
        assertThat(fromJson.endpoints()).isEqualTo(fromYaml.endpoints());
        assertThat(fromJson.services()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("maglev")
                .isEqualTo(fromYaml.services());
        assertThat(json.node()).isEqualTo(new NodeSpec(yaml.node().underlay(), 0, 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void shouldReportEveryProblemWithItsLineAndKey(String description, String text, List<String> expected) {
        assertThatThrownBy(() -> ProgramFile.parse("program.yaml", text))
                .isInstanceOfSatisfying(ProgramFileException.class, e -> {
                    assertThat(e.problems()).extracting(Problem::toString).as(description)
                            .containsExactlyElementsOf(expected);
                    assertThat(e.getMessage()).isEqualTo(String.join("\n", expected));
                });
    }

    @Test
    void shouldAcceptTheBaseProgram() throws Exception {
        assertThat(ProgramFile.parse("program.yaml", BASE).services()).hasSize(1);
    }

    @Test
    void shouldNameTheFileWhenItIsMissing(@TempDir Path dir) {
        Path missing = dir.resolve("missing.yaml");

        assertThatThrownBy(() -> ProgramFile.load(missing))
                .isInstanceOf(ProgramFileException.class)
                .hasMessage(missing + ": no such file");
    }

    @Test
    void shouldRefuseAnEmptyFile(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "# nothing yet\n");

        assertThatThrownBy(() -> ProgramFile.load(empty))
                .hasMessage(empty + ": is empty; a program needs at least node: and networks:");
    }

    @Test
    void shouldReportAVniUsedTwiceAtTheSecondNetworkAndSkipItsEndpoints() {
        String text = BASE.replace("endpoints:\n", """
                  - {name: red, vni: 4097, subnet: 10.0.2.0/24}
                endpoints:
                  - {network: red, address: 10.0.2.5, namespace: task-r}
                """);

        assertThatThrownBy(() -> ProgramFile.parse("program.yaml", text))
                .hasMessage("program.yaml:7: networks[1]: network red: VNI 4097 is used twice");
    }

    @Test
    void shouldNumberPortsAsTheCallerSays() throws Exception {
        ProgramSpec spec = ProgramFile.parse("program.yaml", BASE);

        Program program = spec.compile(endpoint -> 42, 7);

        assertThat(program.generation()).isEqualTo(7);
        assertThat(program.portAddress(42)).isEqualTo(Ipv4.parse("10.0.1.5"));
    }

    private static Path example() throws URISyntaxException {
        return Path.of(ProgramFileTest.class.getResource("/dev/swarmnet/dataplane/programfile/example-program.yaml")
                .toURI());
    }
}
