package dev.swarmnet.controlplane.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ListenRestrictionTest {
    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    @Test
    void noLabelOrABlankOneRestrictsNothing() throws Exception {
        assertThat(ListenRestriction.parse(null)).isSameAs(ListenRestriction.ANYWHERE);
        assertThat(ListenRestriction.parse("  ")).isSameAs(ListenRestriction.ANYWHERE);
        assertThat(ListenRestriction.ANYWHERE.allows(ip("203.0.113.9"))).isTrue();
        List<InetAddress> configured = List.of(ip("0.0.0.0"));
        assertThat(ListenRestriction.ANYWHERE.select(configured, () -> {
            throw new AssertionError("the node's addresses are not needed");
        })).isSameAs(configured);
    }

    @Test
    void blocksAndBareAddressesAllowWhatTheyCoverAndNothingElse() throws Exception {
        ListenRestriction r = ListenRestriction.parse("10.1.0.0/16, 127.0.0.1");
        assertThat(r.allows(ip("10.1.255.7"))).isTrue();
        assertThat(r.allows(ip("10.2.0.1"))).isFalse();
        assertThat(r.allows(ip("127.0.0.1"))).isTrue();
        assertThat(r.allows(ip("127.0.0.2"))).as("a bare address is a /32").isFalse();
        assertThat(r.allows(ip("::1"))).as("IPv6 never, under a restriction").isFalse();
        assertThat(r.anywhere()).isFalse();
        assertThat(r).hasToString("10.1.0.0/16, 127.0.0.1");
    }

    @Test
    void hostBitsInABlockAreIgnored() throws Exception {
        assertThat(ListenRestriction.parse("192.168.7.9/24").allows(ip("192.168.7.200"))).isTrue();
    }

    @Test
    void aWildcardListenAddressStandsForTheNodesOwnAddressesInsideTheBlocks() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        List<InetAddress> selected = ListenRestriction.parse("10.0.0.0/8,127.0.0.1").select(
                List.of(ip("0.0.0.0"), ip("10.9.9.9"), ip("172.16.0.1")),
                () -> {
                    asked.incrementAndGet();
                    try {
                        return List.of(ip("127.0.0.1"), ip("10.9.9.9"), ip("198.51.100.4"));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
        assertThat(selected).containsExactly(ip("127.0.0.1"), ip("10.9.9.9"));
        assertThat(asked).hasValue(1);
    }

    @Test
    void aLabelThatDoesNotParseNamesThePartAndFailsClosed() throws Exception {
        assertThatThrownBy(() -> ListenRestriction.parse("10.0.0.0/8,eth0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("swarmnet.ingress.listen=10.0.0.0/8,eth0: 'eth0' is not an IPv4 address or CIDR block"
                        + " (a.b.c.d or a.b.c.d/n, comma-separated)");
        assertThatThrownBy(() -> ListenRestriction.parse("10.0.0.0/33")).hasMessageContaining("'10.0.0.0/33'");
        assertThatThrownBy(() -> ListenRestriction.parse("10.0.0.0/8,")).hasMessageContaining("''");

        ListenRestriction closed = ListenRestriction.ofLabel("eth0");
        assertThat(closed.problem()).contains("'eth0' is not an IPv4 address");
        assertThat(closed.anywhere()).isFalse();
        assertThat(closed.allows(ip("127.0.0.1"))).isFalse();
        assertThat(closed.select(List.of(ip("0.0.0.0")), () -> List.of(InetAddress.getLoopbackAddress()))).isEmpty();
    }

    @Test
    void restrictionsAreEqualWhenWrittenTheSame() {
        assertThat(ListenRestriction.parse("127.0.0.1")).isEqualTo(ListenRestriction.parse("127.0.0.1"));
        assertThat(ListenRestriction.parse("127.0.0.1")).isNotEqualTo(ListenRestriction.parse("127.0.0.0/8"));
        assertThat(ListenRestriction.ofLabel("x")).isNotEqualTo(ListenRestriction.ANYWHERE);
    }
}
