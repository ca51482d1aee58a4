package dev.swarmnet.dataplane.program;

import static dev.swarmnet.dataplane.testing.Frames.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.swarmnet.dataplane.wire.dns.DnsNames;
import org.junit.jupiter.api.Test;

/** The per-network name table the control plane precomputes and the packet path probes. */
class DnsTableTest {
    private static final DnsTable TABLE = DnsTable.builder()
            .zone("blue")
            .address("web", ip("10.0.1.2"), false)
            .address("web.blue", ip("10.0.1.2"), false)
            .address("tasks.web", ip("10.0.1.5"), true)
            .address("tasks.web", ip("10.0.1.6"), true)
            .address("tasks.web", ip("10.0.1.5"), true)
            .known("db")
            .pointer(ip("10.0.1.5"), "web.1.abc.blue")
            .pointer(ip("10.0.1.5"), "ignored.blue")
            .build();

    /** The entry for a dotted name typed in any case, probed as the packet path does. */
    static int find(DnsTable table, String dotted) {
        byte[] wire = DnsNames.encode(dotted);
        byte[] scratch = new byte[255];
        System.arraycopy(wire, 0, scratch, 0, wire.length);
        // The packet path lower-cases while copying; encode already did.
        return table.find(scratch, wire.length, DnsTable.hash(scratch, wire.length));
    }

    @Test
    void namesAreFoundCaseInsensitivelyWithOrWithoutTheTrailingDot() {
        assertThat(TABLE.addresses(find(TABLE, "WeB"))).containsExactly(ip("10.0.1.2"));
        assertThat(TABLE.addresses(find(TABLE, "web.blue."))).containsExactly(ip("10.0.1.2"));
        assertThat(find(TABLE, "web.red")).isEqualTo(-1);
        assertThat(find(TABLE, "we")).isEqualTo(-1);
    }

    @Test
    void addressesOfANameAreMergedWithoutDuplicatesAndRotateWhenAsked() {
        int tasks = find(TABLE, "tasks.web");
        assertThat(TABLE.addresses(tasks)).containsExactly(ip("10.0.1.5"), ip("10.0.1.6"));
        assertThat(TABLE.rotates(tasks)).isTrue();
        assertThat(TABLE.rotates(find(TABLE, "web"))).isFalse();
    }

    @Test
    void aKnownNameWithoutAddressesIsFoundEmpty() {
        assertThat(TABLE.addresses(find(TABLE, "db"))).isEmpty();
    }

    @Test
    void reverseNamesPointAtTheFirstNameGiven() {
        int entry = find(TABLE, "5.1.0.10.in-addr.arpa");
        assertThat(DnsNames.toDotted(TABLE.pointer(entry))).isEqualTo("web.1.abc.blue.");
        assertThat(TABLE.addresses(entry)).isEmpty();
    }

    @Test
    void singleLabelNamesAndNamesUnderTheNetworkAreInTheZoneOthersAreNot() {
        assertThat(inZone("anything")).isTrue();
        assertThat(inZone("blue")).isTrue();
        assertThat(inZone("nothing.blue")).isTrue();
        assertThat(inZone("tasks.nothing.blue")).isTrue();
        assertThat(inZone("example.com")).isFalse();
        assertThat(inZone("notblue")).isTrue();
        assertThat(inZone("x.notblue")).isFalse();
        assertThat(inZone("")).isFalse();
    }

    @Test
    void reverseNamesParseToTheirAddressAndAnythingElseDoesNot() {
        assertThat(reverse("5.1.0.10.in-addr.arpa")).isEqualTo(ip("10.0.1.5") & 0xffff_ffffL);
        assertThat(reverse("255.255.255.255.in-addr.arpa")).isEqualTo(0xffff_ffffL);
        assertThat(reverse("1.0.10.in-addr.arpa")).isEqualTo(-1);
        assertThat(reverse("256.1.0.10.in-addr.arpa")).isEqualTo(-1);
        assertThat(reverse("05.1.0.10.in-addr.arpa")).isEqualTo(-1);
        assertThat(reverse("a.1.0.10.in-addr.arpa")).isEqualTo(-1);
        assertThat(reverse("5.1.0.10.in-addr.arpa.example")).isEqualTo(-1);
        assertThat(reverse("web")).isEqualTo(-1);
    }

    @Test
    void invalidNamesAreRefusedNamingTheProblem() {
        assertThatThrownBy(() -> DnsTable.builder().address("bad..name", 1, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty label");
        String longLabel = "x".repeat(64);
        assertThatThrownBy(() -> DnsTable.builder().known(longLabel))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than 63");
    }

    @Test
    void aLargeTableFindsEveryNameItHolds() {
        DnsTable.Builder builder = DnsTable.builder();
        for (int i = 0; i < 5000; i++) {
            builder.address("svc" + i, i + 1, false);
        }
        DnsTable big = builder.build();
        for (int i = 0; i < 5000; i++) {
            assertThat(big.addresses(find(big, "SVC" + i))).containsExactly(i + 1);
        }
        assertThat(find(big, "svc5000")).isEqualTo(-1);
    }

    private static boolean inZone(String dotted) {
        byte[] wire = DnsNames.encode(dotted);
        return TABLE.inZone(wire, wire.length);
    }

    private static long reverse(String dotted) {
        byte[] wire = DnsNames.encode(dotted);
        return DnsTable.reverseAddress(wire, wire.length);
    }
}
