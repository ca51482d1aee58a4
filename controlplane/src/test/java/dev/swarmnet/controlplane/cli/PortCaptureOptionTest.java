package dev.swarmnet.controlplane.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.swarmnet.dataplane.capture.CaptureFilter;
import dev.swarmnet.dataplane.capture.CaptureFilter.Direction;
import dev.swarmnet.dataplane.programfile.ProgramFile;
import dev.swarmnet.dataplane.programfile.ProgramSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PortCaptureOptionTest {
    private static final String PROGRAM = """
            node: {underlay: 198.18.0.1}
            networks: [{name: blue, vni: 4097, subnet: 10.0.1.0/24}]
            endpoints:
              - {network: blue, address: 10.0.1.5, namespace: task-a}
              - {network: blue, address: 10.0.1.6, namespace: task-b}
              - {network: blue, address: 10.0.1.7, namespace: task-b, interface: eth1}
              - {network: blue, address: 10.0.1.9, node: 198.18.0.2}
            """;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            port=3=/tmp/p.pcap          | port=3        | /tmp/p.pcap
            port=3,rx=/tmp/p.pcap       | port=3,rx     | /tmp/p.pcap
            network=4097=/tmp/n.pcap    | network=4097  | /tmp/n.pcap
            underlay,tx=/tmp/u.pcap     | underlay,tx   | /tmp/u.pcap
            all=/tmp/a=b.pcap           | all           | /tmp/a=b.pcap
            """)
    void shouldSplitTheFilterFromThePath(String value, String filter, String file) {
        PortCaptureOption option = PortCaptureOption.parse(value);

        assertThat(option.filter()).isEqualTo(CaptureFilter.parse(filter));
        assertThat(option.file()).isEqualTo(Path.of(file));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            /tmp/p.pcap         | '/tmp/p.pcap': expected FILTER=PATH
            port=3              | 'port=3': no file; expected FILTER=PATH
            all=                | 'all=': no file
            prot=3=/tmp/p.pcap  | unknown capture scope 'prot=3'
            port=x=/tmp/p.pcap  | port id 'x' in capture filter 'port=x' is not a decimal number
            ns==/tmp/p.pcap     | 'ns==/tmp/p.pcap': expected FILTER=PATH
            ns=a,up=/tmp/p.pcap | unknown direction 'up': expected rx, tx or both
            """)
    void shouldSayWhatIsWrongWithABadValue(String value, String message) {
        assertThatThrownBy(() -> PortCaptureOption.parse(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void shouldResolveANamespaceToThePortOfItsOneLocalEndpoint() throws Exception {
        ProgramSpec program = ProgramFile.parse("program.yaml", PROGRAM);

        assertThat(PortCaptureOption.parse("ns=task-a,tx=/tmp/a.pcap").resolve(program))
                .isEqualTo(CaptureFilter.port(0).direction(Direction.TX));
    }

    @Test
    void shouldRefuseANamespaceWithoutExactlyOneLocalEndpointListingThePorts() throws Exception {
        ProgramSpec program = ProgramFile.parse("program.yaml", PROGRAM);

        assertThatThrownBy(() -> PortCaptureOption.parse("ns=task-b=/tmp/b.pcap").resolve(program))
                .hasMessage("--capture ns=task-b: namespace task-b holds 2 local endpoints (ports [1, 2]); name one "
                        + "with port=N; ports: 0=task-a/eth0 (blue), 1=task-b/eth0 (blue), 2=task-b/eth1 (blue)");
        assertThatThrownBy(() -> PortCaptureOption.parse("ns=task-z=/tmp/z.pcap").resolve(program))
                .hasMessageStartingWith("--capture ns=task-z: no local endpoint of program.yaml is in namespace task-z");
    }
}
