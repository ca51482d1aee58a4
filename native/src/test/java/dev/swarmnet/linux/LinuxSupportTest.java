package dev.swarmnet.linux;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinuxSupportTest {

    private static final String ALL_CAPS = "Name:\tjava\nCapInh:\t0000000000000000\nCapEff:\t000001ffffffffff\n";

    @Test
    void linuxSupportIsAvailableWithoutCauseWhenRunningAsRootOnLinux() {
        TestNamespaces.assumeLinuxSupport();
        assertThat(LinuxSupport.isAvailable()).isTrue();
        assertThat(LinuxSupport.unavailabilityCause()).isNull();
        LinuxSupport.ensureAvailability();
    }

    @Test
    void allChecksPassingGivesNoDiagnosis() {
        assertThat(LinuxSupport.diagnose("Linux", null, true, ALL_CAPS)).isNull();
    }

    @Test
    void anotherOperatingSystemIsNamedWithWhatToDo() {
        assertThat(LinuxSupport.diagnose("Mac OS X", null, false, null))
            .isEqualTo("swarmnet needs Linux for TAP devices and network namespaces but runs on Mac OS X:"
                + " run it on a Linux host or in a Linux container.");
    }

    @Test
    void aMissingTunDeviceSaysHowToProvideIt() {
        assertThat(LinuxSupport.diagnose("Linux", null, false, ALL_CAPS))
            .isEqualTo("swarmnet needs /dev/net/tun to create TAP devices: load the tun module (modprobe tun)"
                + " or run the container with --device /dev/net/tun.");
    }

    @Test
    void missingNetAdminSaysWhichCapabilityToAdd() {
        String withoutNetAdmin = ALL_CAPS.replace("000001ffffffffff", Long.toHexString(0x1ffffffffffL & ~(1L << 12)));
        assertThat(LinuxSupport.diagnose("Linux", null, true, withoutNetAdmin))
            .isEqualTo("swarmnet needs CAP_NET_ADMIN to create TAP devices: run the container with --privileged"
                + " or --cap-add NET_ADMIN.");
    }

    @Test
    void missingSysAdminSaysWhichCapabilityToAdd() {
        // A typical unprivileged Docker container: CAP_NET_ADMIN added, CAP_SYS_ADMIN not.
        assertThat(LinuxSupport.diagnose("Linux", null, true, "CapEff:\t00000000a80435fb\n"))
            .startsWith("swarmnet needs CAP_SYS_ADMIN to create and enter network namespaces:")
            .endsWith("--cap-add SYS_ADMIN.");
    }

    @Test
    void anUnreadableStatusFileAndAFailedLibcBindingEachGiveOneSentence() {
        assertThat(LinuxSupport.diagnose("Linux", null, true, "Name:\tjava\n"))
            .startsWith("swarmnet could not read CapEff").doesNotContain("\n");
        assertThat(LinuxSupport.diagnose("Linux", "java.lang.UnsatisfiedLinkError: noexec", true, ALL_CAPS))
            .startsWith("swarmnet could not bind libc through JNR-FFI (java.lang.UnsatisfiedLinkError: noexec)")
            .doesNotContain("\n");
    }

    @Test
    void capEffIsParsedAsAnUnsignedHexBitSet() {
        assertThat(LinuxSupport.capEff("CapEff:\tffffffffffffffff\n")).hasValue(-1L);
        assertThat(LinuxSupport.capEff("CapPrm:\t0\nCapEff:\t0000000000001000\n")).hasValue(1L << 12);
        assertThat(LinuxSupport.capEff(null)).isEmpty();
    }
}
