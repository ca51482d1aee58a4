package dev.swarmnet.dataplane.programfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.swarmnet.dataplane.wire.Ipv4;
import org.junit.jupiter.api.Test;

class NotationTest {

    @Test
    void shouldReadDurationsInMillisecondsSecondsMinutesAndHours() {
        assertThat(Notation.DURATION.parse("0")).isZero();
        assertThat(Notation.DURATION.parse("0s")).isZero();
        assertThat(Notation.DURATION.parse("500ms")).isEqualTo(500_000_000L);
        assertThat(Notation.DURATION.parse("10m")).isEqualTo(600_000_000_000L);
        assertThat(Notation.DURATION.parse("1h30m")).isEqualTo(5_400_000_000_000L);
    }

    @Test
    void shouldRefuseDurationsWithoutUnitsOrThatOverflow() {
        for (String text : new String[] {"10", "m", "1x", "10m 5s", "99999999999999999999h", "3000000h"}) {
            assertThatThrownBy(() -> Notation.DURATION.parse(text))
                    .hasMessage("'" + text + "' is not a duration such as 0s, 90s, 10m, 1h30m, 500ms");
        }
    }

    @Test
    void shouldReadUnicastMacsAndRefuseMulticastOnes() {
        assertThat(Notation.MAC.parse("02:42:0A:00:01:05")).isEqualTo(0x0242_0a00_0105L);
        assertThatThrownBy(() -> Notation.MAC.parse("01:00:5e:00:00:01"))
                .hasMessage("'01:00:5e:00:00:01' is not a unicast MAC address");
        assertThatThrownBy(() -> Notation.MAC.parse("02-42-0a-00-01-05"))
                .hasMessage("'02-42-0a-00-01-05' is not a MAC address (xx:xx:xx:xx:xx:xx)");
    }

    @Test
    void shouldReadAnUnderlayAddressWithOrWithoutPort() {
        assertThat(Notation.HOST_PORT.parse("198.18.0.1"))
                .isEqualTo(new Notation.HostPort(Ipv4.parse("198.18.0.1"), 0));
        assertThat(Notation.HOST_PORT.parse("198.18.0.1:4790"))
                .isEqualTo(new Notation.HostPort(Ipv4.parse("198.18.0.1"), 4790));
        assertThatThrownBy(() -> Notation.HOST_PORT.parse("198.18.0.1:0"))
                .hasMessage("'198.18.0.1:0' is not a.b.c.d or a.b.c.d:port with port in 1..65535");
    }

    @Test
    void shouldAcceptTheAlgorithmsAliasesButNameOnlyTheCanonicalOnes() {
        assertThat(Notation.ALGORITHM.parse("rr")).isZero();
        assertThatThrownBy(() -> Notation.ALGORITHM.parse("random"))
                .hasMessage("'random' is not one of round-robin, least-conn, maglev");
    }
}
