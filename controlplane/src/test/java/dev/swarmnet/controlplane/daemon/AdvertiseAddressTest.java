package dev.swarmnet.controlplane.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdvertiseAddressTest {

    private static final HostInterface LO = iface("lo", true, "127.0.0.1", "::1");
    private static final HostInterface ETH0 = iface("eth0", true, "192.168.56.10", "fe80::1");
    private static final HostInterface ETH1 = iface("eth1", true, "10.0.2.15");

    @Test
    void shouldPickTheOnlyUsableAddressSkippingLoopbackAndLinkLocal() throws Exception {
        assertThat(AdvertiseAddress.choose("", 2377, List.of(LO, ETH0)))
                .isEqualTo(new AdvertiseAddress.Chosen("192.168.56.10", 2377));
    }

    @Test
    void shouldRefuseWithDockersMessageWhenTwoInterfacesHaveAddresses() {
        assertThatThrownBy(() -> AdvertiseAddress.choose(null, 2377, List.of(LO, ETH1, ETH0)))
                .isInstanceOf(AdvertiseAddressException.class)
                .hasMessage("could not choose an IP address to advertise since this system has multiple addresses on "
                        + "different interfaces (10.0.2.15 on eth1 and 192.168.56.10 on eth0)");
    }

    @Test
    void shouldRefuseWhenOneInterfaceHasTwoIpv4Addresses() {
        assertThatThrownBy(() -> AdvertiseAddress.choose("", 2377, List.of(iface("eth0", true, "10.0.0.1", "10.0.0.2"))))
                .hasMessage("could not choose an IP address to advertise since this system has multiple addresses on "
                        + "interface eth0 (10.0.0.1 and 10.0.0.2)");
    }

    @Test
    void shouldIgnoreInterfacesThatAreDown() throws Exception {
        assertThat(AdvertiseAddress.choose("", 2377, List.of(iface("eth1", false, "10.0.2.15"), ETH0)).ip())
                .isEqualTo("192.168.56.10");
    }

    @Test
    void shouldSaySoWhenThereIsNoAddressAtAll() {
        assertThatThrownBy(() -> AdvertiseAddress.choose("", 2377, List.of(LO)))
                .hasMessage("could not find the system's IP address");
    }

    @Test
    void shouldAcceptAnInterfaceNameWithOrWithoutAPort() throws Exception {
        assertThat(AdvertiseAddress.choose("eth1", 2377, List.of(LO, ETH0, ETH1)).hostPort()).isEqualTo("10.0.2.15:2377");
        assertThat(AdvertiseAddress.choose("eth0:4000", 2377, List.of(LO, ETH0, ETH1)).hostPort())
                .isEqualTo("192.168.56.10:4000");
    }

    @Test
    void shouldAcceptAnIpOfThisHostIncludingLoopback() throws Exception {
        assertThat(AdvertiseAddress.choose("127.0.0.1", 2377, List.of(LO, ETH0, ETH1)).hostPort())
                .isEqualTo("127.0.0.1:2377");
        assertThat(AdvertiseAddress.choose("10.0.2.15:2400", 2377, List.of(LO, ETH0, ETH1)).hostPort())
                .isEqualTo("10.0.2.15:2400");
        assertThat(AdvertiseAddress.choose("[::1]:2400", 2377, List.of(LO)).hostPort()).isEqualTo("[::1]:2400");
    }

    @Test
    void shouldRefuseAnIpThatNoInterfaceHasAndListTheHostsAddresses() {
        assertThatThrownBy(() -> AdvertiseAddress.choose("192.0.2.7", 2377, List.of(LO, ETH1)))
                .hasMessage("advertise address 192.0.2.7 is not an address of any interface of this host (its "
                        + "addresses: 127.0.0.1 on lo, ::1 on lo, 10.0.2.15 on eth1)");
    }

    @Test
    void shouldRefuseTheUnspecifiedAddressAndHostnamesAsMobyDoes() {
        for (String bad : List.of("0.0.0.0", "manager.example", "nosuchif:2377")) {
            assertThatThrownBy(() -> AdvertiseAddress.choose(bad, 2377, List.of(LO, ETH0)))
                    .as(bad).hasMessage(AdvertiseAddress.BAD_ADDRESS);
        }
    }

    @Test
    void shouldPrintIpv6AddressesAsGoDoes() throws Exception {
        assertThat(AdvertiseAddress.literal(InetAddress.getByName("::1"))).isEqualTo("::1");
        assertThat(AdvertiseAddress.literal(InetAddress.getByName("2001:db8:0:0:1:0:0:1"))).isEqualTo("2001:db8::1:0:0:1");
        assertThat(AdvertiseAddress.literal(InetAddress.getByName("fe80::1%1"))).isEqualTo("fe80::1");
        assertThat(AdvertiseAddress.literal(InetAddress.getByName("1:2:3:4:5:6:7:8"))).isEqualTo("1:2:3:4:5:6:7:8");
    }

    @Test
    void shouldRefuseABadPort() {
        assertThatThrownBy(() -> AdvertiseAddress.choose("127.0.0.1:70000", 2377, List.of(LO)))
                .hasMessage("invalid advertise port 70000: want 1-65535");
    }

    private static HostInterface iface(String name, boolean up, String... addresses) {
        List<InetAddress> parsed = new ArrayList<>();
        for (String address : addresses) {
            try {
                parsed.add(InetAddress.getByName(address));
            } catch (java.net.UnknownHostException e) {
                throw new AssertionError(e);
            }
        }
        return new HostInterface(name, up, parsed);
    }
}
