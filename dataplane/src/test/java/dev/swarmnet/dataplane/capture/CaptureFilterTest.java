package dev.swarmnet.dataplane.capture;

import static dev.swarmnet.dataplane.capture.CapturePoint.PORT_RX;
import static dev.swarmnet.dataplane.capture.CapturePoint.PORT_TX;
import static dev.swarmnet.dataplane.capture.CapturePoint.UNDERLAY_RX;
import static dev.swarmnet.dataplane.capture.CapturePoint.UNDERLAY_TX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.swarmnet.dataplane.capture.CaptureFilter.Direction;
import java.util.function.IntUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CaptureFilterTest {
    /** Ports 1 and 2 are on VNI 4097, port 3 on 4098, others on no network. */
    private static final IntUnaryOperator PORT_VNI = port -> port == 1 || port == 2 ? 4097 : port == 3 ? 4098 : -1;

    static Stream<Arguments> texts() {
        return Stream.of(
                Arguments.of("port=3", CaptureFilter.port(3)),
                Arguments.of(" port=3 ", CaptureFilter.port(3)),
                Arguments.of("network=4097", CaptureFilter.network(4097)),
                Arguments.of("underlay", CaptureFilter.underlay()),
                Arguments.of("all", CaptureFilter.all()),
                Arguments.of("ALL", CaptureFilter.all()),
                Arguments.of("port=3,rx", CaptureFilter.port(3).direction(Direction.RX)),
                Arguments.of("network=4097 tx", CaptureFilter.network(4097).direction(Direction.TX)),
                Arguments.of("underlay, both", CaptureFilter.underlay()));
    }

    @ParameterizedTest(name = "''{0}'' parses as {1}")
    @MethodSource("texts")
    void shouldParseTheOperatorsSyntax(String text, CaptureFilter expected) {
        assertThat(CaptureFilter.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{1} prints as text that parses back")
    @MethodSource("texts")
    void shouldPrintAsTheTextItParsesFrom(String text, CaptureFilter filter) {
        assertThat(CaptureFilter.parse(filter.toString())).isEqualTo(filter);
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("", "empty capture filter: expected port=<id>, network=<vni>, underlay or all"),
                Arguments.of("   ", "empty capture filter"),
                Arguments.of("port", "port id missing in capture filter 'port'"),
                Arguments.of("port=", "port id missing"),
                Arguments.of("port=three", "port id 'three' in capture filter 'port=three' is not a decimal number"),
                Arguments.of("port=-1", "port id -1 is negative"),
                Arguments.of("network=16777216", "VNI 16777216 is outside 0..16777215"),
                Arguments.of("network=0x1001", "network VNI '0x1001' in capture filter 'network=0x1001' is not a decimal"),
                Arguments.of("underlay=4789", "'underlay' takes no value in capture filter 'underlay=4789'"),
                Arguments.of("host=10.0.1.5", "unknown capture scope 'host=10.0.1.5'"),
                Arguments.of("port=3,in", "unknown direction 'in' in capture filter 'port=3,in': expected rx, tx or both"),
                Arguments.of("port=3,rx,tx", "has 3 terms"));
    }

    @ParameterizedTest(name = "''{0}'' is refused: {1}")
    @MethodSource("mistakes")
    void shouldSayWhatIsWrongWithAFilter(String text, String message) {
        assertThatThrownBy(() -> CaptureFilter.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    /** description, filter, capture point, port (port points) or VNI (underlay points), selected. */
    static Stream<Arguments> selections() {
        return Stream.of(
                Arguments.of("a port's own received frame", "port=1", PORT_RX, 1, true),
                Arguments.of("a port's own sent frame", "port=1", PORT_TX, 1, true),
                Arguments.of("another port's frame", "port=1", PORT_RX, 2, false),
                Arguments.of("an underlay datagram for a port filter", "port=1", UNDERLAY_RX, 4097, false),
                Arguments.of("a received frame when only tx is asked", "port=1,tx", PORT_RX, 1, false),
                Arguments.of("a sent frame when only tx is asked", "port=1,tx", PORT_TX, 1, true),
                Arguments.of("a port of the network", "network=4097", PORT_RX, 2, true),
                Arguments.of("a port of another network", "network=4097", PORT_TX, 3, false),
                Arguments.of("an unprogrammed port", "network=4097", PORT_RX, 9, false),
                Arguments.of("a datagram of the network", "network=4097", UNDERLAY_TX, 4097, true),
                Arguments.of("a datagram of another network", "network=4097", UNDERLAY_RX, 4098, false),
                Arguments.of("a datagram too short for a VNI", "network=4097", UNDERLAY_RX, -1, false),
                Arguments.of("any received datagram", "underlay", UNDERLAY_RX, 4098, true),
                Arguments.of("a sent datagram when only rx is asked", "underlay,rx", UNDERLAY_TX, 4097, false),
                Arguments.of("a port frame for the underlay", "underlay", PORT_RX, 1, false),
                Arguments.of("any port frame", "all", PORT_TX, 9, true),
                Arguments.of("any datagram", "all", UNDERLAY_RX, -1, true),
                Arguments.of("a received datagram when only tx is asked", "all,tx", UNDERLAY_RX, 4097, false));
    }

    @ParameterizedTest(name = "{1} keeps {0}: {4}")
    @MethodSource("selections")
    void shouldSelectFramesByScopeAndDirection(String description, String filter, int point, int portOrVni,
                                               boolean selected) {
        CaptureFilter f = CaptureFilter.parse(filter);
        boolean actual = CapturePoint.isUnderlay(point)
                ? f.selectsUnderlay(point, portOrVni)
                : f.selectsPort(point, portOrVni, PORT_VNI);
        assertThat(actual).as(description).isEqualTo(selected);
    }
}
