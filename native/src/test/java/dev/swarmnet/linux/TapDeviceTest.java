package dev.swarmnet.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TapDeviceTest {

    private static final byte[] TAP_MAC = {0x02, 0x53, 0x57, 0x00, 0x00, 0x01};
    private static final byte[] PEER_MAC = {0x02, 0x53, 0x57, 0x00, 0x00, 0x02};
    private static final Inet4Address TAP_IP = ipv4("10.83.87.1");
    private static final Inet4Address PEER_IP = ipv4("10.83.87.2");
    private static final Inet4Address GATEWAY_IP = ipv4("10.83.87.254");
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);
    private static final AtomicInteger TAP_COUNTER = new AtomicInteger();

    private final TestNamespaces resources = new TestNamespaces();
    private NetworkNamespace namespace;
    private String tapName;

    @BeforeEach
    void createQuietNamespace() throws Exception {
        TestNamespaces.assumeLinuxSupport();
        namespace = resources.create();
        // No IPv6 in the test namespace: its router and neighbour solicitations would be the only
        // frames the kernel sends unasked, and tests want a TAP that stays silent until spoken to.
        namespace.call(() -> {
            for (String conf : new String[] {"all", "default"}) {
                Path knob = Path.of("/proc/sys/net/ipv6/conf", conf, "disable_ipv6");
                if (Files.exists(knob)) {
                    Files.writeString(knob, "1");
                }
            }
            return null;
        });
        // Unique across concurrent runs, so "not in the root namespace" cannot be a coincidence.
        tapName = "swt" + ProcessHandle.current().pid() + "x" + TAP_COUNTER.incrementAndGet();
    }

    @AfterEach
    void removeWhatTheTestCreated() throws Exception {
        resources.removeAll();
    }

    @AfterAll
    static void noNamespaceOfThisRunRemains() throws IOException {
        if (LinuxSupport.isAvailable()) {
            assertThat(TestNamespaces.leftovers()).isEmpty();
        }
    }

    @Test
    void aTapAppearsInItsNamespaceWithTheMtuMacAndTxQueueLengthItWasGivenAndUp() throws Exception {
        TapDevice tap = create(TapConfig.named(tapName).withMtu(1400).withMac(TAP_MAC).withTxQueueLength(5000));

        String link = IpCommand.run("-n", namespace.name(), "-o", "link", "show", tap.name());
        assertThat(link).contains(": " + tapName + ": ", " mtu 1400 ", " qlen 5000", "link/ether 02:53:57:00:00:01 ");
        String flags = link.substring(link.indexOf('<') + 1, link.indexOf('>'));
        assertThat(flags.split(",")).contains("UP", "LOWER_UP");
        try (InterfaceControl links = namespace.openInterfaceControl()) {
            assertThat(links.mtu(tapName)).isEqualTo(1400);
            assertThat(links.mac(tapName)).isEqualTo(TAP_MAC);
            assertThat(links.txQueueLength(tapName)).isEqualTo(5000);
            assertThat(links.flags(tapName) & InterfaceControl.IFF_UP).isEqualTo(InterfaceControl.IFF_UP);
        }
        assertThat(tap.namespace()).isSameAs(namespace);
        assertThat(tap.vnetHeader()).isFalse();
    }

    @Test
    void aTapIsVisibleInsideItsNamespaceAndNotInTheRootNamespace() throws Exception {
        create(TapConfig.named(tapName));

        assertThat(namespace.call(NetworkNamespaceTest::deviceNamesOfThisThread)).containsExactlyInAnyOrder("lo", tapName);
        assertThat(NetworkNamespaceTest.deviceNamesOfThisThread()).doesNotContain(tapName);
    }

    @Test
    void aNamePatternIsNumberedByTheKernel() throws Exception {
        TapDevice tap = create(TapConfig.named("swt%d"));

        assertThat(tap.name()).isEqualTo("swt0");
        assertThat(namespace.call(NetworkNamespaceTest::deviceNamesOfThisThread)).contains("swt0");
    }

    @Test
    void theTapFdIsNonBlockingAndCloseOnExec() throws Exception {
        TapDevice tap = create(TapConfig.named(tapName));

        assertThat(LibC.fcntl(tap.fd(), LibC.F_GETFL, 0) & LibC.O_NONBLOCK).isEqualTo(LibC.O_NONBLOCK);
        assertThat(LibC.fcntl(tap.fd(), LibC.F_GETFD, 0) & LibC.FD_CLOEXEC).isEqualTo(LibC.FD_CLOEXEC);
    }

    @Test
    void readingAnIdleTapReturnsMinusOneInsteadOfBlocking() throws Exception {
        TapDevice tap = create(TapConfig.named(tapName));

        assertThat(LibC.poll(tap.fd(), LibC.POLLIN, 10)).isZero();
        assertThat(LibC.read(tap.fd(), new byte[2048])).isEqualTo(-1);
    }

    @Test
    void theKernelInTheNamespaceAnswersAnArpRequestForTheTapsAddress() throws Exception {
        TapDevice tap = create(TapConfig.named(tapName).withMac(TAP_MAC));
        tap.assignIpv4(TAP_IP, 24);

        byte[] request = TestFrames.arpRequest(PEER_MAC, PEER_IP, TAP_IP);
        assertThat(LibC.write(tap.fd(), request, request.length)).isEqualTo(request.length);
        byte[] reply = TestFrames.awaitFrame(tap.fd(), f -> TestFrames.isArp(f, TestFrames.ARP_REPLY), ANSWER_TIMEOUT);

        assertThat(reply).isEqualTo(TestFrames.arpReply(TAP_MAC, TAP_IP, PEER_MAC, PEER_IP));
    }

    @Test
    void theKernelInTheNamespaceAnswersAnIcmpEchoRequestToTheTapsAddress() throws Exception {
        TapDevice tap = create(TapConfig.named(tapName).withMac(TAP_MAC));
        tap.assignIpv4(TAP_IP, 24);
        // The ARP request teaches the kernel PEER_MAC, so the echo reply needs no resolution.
        byte[] arp = TestFrames.arpRequest(PEER_MAC, PEER_IP, TAP_IP);
        LibC.write(tap.fd(), arp, arp.length);
        TestFrames.awaitFrame(tap.fd(), f -> TestFrames.isArp(f, TestFrames.ARP_REPLY), ANSWER_TIMEOUT);

        byte[] payload = "swarmnet".getBytes(StandardCharsets.US_ASCII);
        byte[] echo = TestFrames.icmpEchoRequest(TAP_MAC, PEER_MAC, PEER_IP, TAP_IP, 0xbeef, payload);
        assertThat(LibC.write(tap.fd(), echo, echo.length)).isEqualTo(echo.length);
        byte[] reply = TestFrames.awaitFrame(tap.fd(), f -> TestFrames.isIcmp(f, TestFrames.ICMP_ECHO_REPLY),
            ANSWER_TIMEOUT);

        assertThat(Arrays.copyOfRange(reply, 0, 6)).as("destination MAC").isEqualTo(PEER_MAC);
        assertThat(Arrays.copyOfRange(reply, 6, 12)).as("source MAC").isEqualTo(TAP_MAC);
        assertThat(Arrays.copyOfRange(reply, 14 + 12, 14 + 16)).as("source IP").isEqualTo(TAP_IP.getAddress());
        assertThat(Arrays.copyOfRange(reply, 14 + 16, 14 + 20)).as("destination IP").isEqualTo(PEER_IP.getAddress());
        assertThat(Arrays.copyOfRange(reply, TestFrames.ICMP_OFFSET + 4, reply.length))
            .as("identifier, sequence and payload echoed")
            .isEqualTo(Arrays.copyOfRange(echo, TestFrames.ICMP_OFFSET + 4, echo.length));
    }

    @Test
    void anAssignedAddressAndDefaultRouteShowInTheNamespace() throws Exception {
        TapDevice tap = create(TapConfig.named(tapName));

        tap.assignIpv4(TAP_IP, 24);
        namespace.replaceDefaultRoute(GATEWAY_IP, tap.name());

        assertThat(IpCommand.run("-n", namespace.name(), "-4", "-o", "addr", "show", "dev", tap.name()))
            .contains("inet 10.83.87.1/24 ");
        assertThat(IpCommand.run("-n", namespace.name(), "-4", "route", "show", "default"))
            .contains("default via 10.83.87.254 dev " + tap.name());
    }

    @Test
    void aDefaultRouteThroughAnUnreachableGatewayFailsWithWhatIpSaid() throws Exception {
        TapDevice tap = create(TapConfig.named(tapName));

        assertThatThrownBy(() -> namespace.replaceDefaultRoute(GATEWAY_IP, tap.name()))
            .isInstanceOf(IOException.class)
            .hasMessageStartingWith("ip -n " + namespace.name() + " -4 route replace default via 10.83.87.254 dev "
                + tap.name() + " failed (exit 2): ");
    }

    @Test
    void theVnetHeaderAndOffloadsCanBeTurnedOn() throws Exception {
        TapDevice tap = create(TapConfig.named(tapName).withVnetHeader(true));

        tap.setOffloads(TapDevice.TUN_F_CSUM | TapDevice.TUN_F_TSO4 | TapDevice.TUN_F_TSO6
            | TapDevice.TUN_F_USO4 | TapDevice.TUN_F_USO6);

        assertThat(tap.vnetHeader()).isTrue();
        assertThat(IpCommand.run("-n", namespace.name(), "-d", "link", "show", tap.name())).contains("vnet_hdr on");
    }

    @Test
    void closingTheTapRemovesTheDevice() throws Exception {
        TapDevice tap = create(TapConfig.named(tapName));

        tap.close();

        Conditions.await(tapName + " is gone", ANSWER_TIMEOUT,
            () -> !namespace.call(NetworkNamespaceTest::deviceNamesOfThisThread).contains(tapName));
        assertThatThrownBy(tap::fd).isInstanceOf(IllegalStateException.class);
        tap.close();
    }

    @Test
    void aNameLongerThan15BytesIsRefusedNamingTheCallAndEinval() {
        String name = "swn-much-too-long";

        assertThatThrownBy(() -> TapDevice.create(namespace, TapConfig.named(name)))
            .isInstanceOf(LinuxException.class)
            .hasMessage("ioctl(TUNSETIFF, \"swn-much-too-long\") failed: Invalid argument (EINVAL);"
                + " interface names are at most 15 bytes, this one has 17, refused before the call");
    }

    @Test
    void aNameTheKernelRejectsFailsWithTheKernelsErrno() {
        assertThatThrownBy(() -> TapDevice.create(namespace, TapConfig.named("swn/bad")))
            .isInstanceOf(LinuxException.class)
            .hasMessage("ioctl(TUNSETIFF, \"swn/bad\") failed: Invalid argument (EINVAL)");
    }

    @Test
    void aTapThatFailsToBeConfiguredIsNotLeftBehind() throws Exception {
        assertThatThrownBy(() -> TapDevice.create(namespace, TapConfig.named(tapName).withMtu(70_000)))
            .isInstanceOf(LinuxException.class)
            .hasMessage("ioctl(SIOCSIFMTU, \"" + tapName + "\") failed: Invalid argument (EINVAL)");
        Conditions.await(tapName + " is gone", ANSWER_TIMEOUT,
            () -> !namespace.call(NetworkNamespaceTest::deviceNamesOfThisThread).contains(tapName));
    }

    @Test
    void aSecondTapWithANameInUseIsBusy() throws Exception {
        create(TapConfig.named(tapName));

        assertThatThrownBy(() -> TapDevice.create(namespace, TapConfig.named(tapName)))
            .isInstanceOf(LinuxException.class)
            .hasMessage("ioctl(TUNSETIFF, \"" + tapName + "\") failed: Device or resource busy (EBUSY)");
        assertThat(namespace.call(NetworkNamespaceTest::deviceNamesOfThisThread)).containsOnlyOnce(tapName);
    }

    @Test
    void configuringAnInterfaceThatDoesNotExistNamesTheIoctlTheNameAndEnodev() throws Exception {
        try (InterfaceControl links = resources.register(namespace.openInterfaceControl())) {
            assertThatThrownBy(() -> links.setMtu("swn-absent", 1400))
                .isInstanceOf(LinuxException.class)
                .hasMessage("ioctl(SIOCSIFMTU, \"swn-absent\") failed: No such device (ENODEV)");
        }
    }

    private TapDevice create(TapConfig config) throws LinuxException {
        return resources.register(TapDevice.create(namespace, config));
    }

    private static Inet4Address ipv4(String literal) {
        try {
            return (Inet4Address) InetAddress.getByName(literal);
        } catch (IOException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
