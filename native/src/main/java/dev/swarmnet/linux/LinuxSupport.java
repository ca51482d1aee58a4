package dev.swarmnet.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Whether this process can create TAP devices and network namespaces, in the manner of Netty's
 * {@code Epoll.isAvailable()}: checked once, on first use; when it cannot, the cause's message is
 * one sentence saying what is missing and what to do.
 *
 * <p>Checks, in order: Linux, libc bound through JNR-FFI, {@code /dev/net/tun}, and in
 * {@code CapEff} of {@code /proc/self/status} the capabilities CAP_NET_ADMIN (TAP devices,
 * interface configuration) and CAP_SYS_ADMIN (setns, unshare, mount). Thread-safe.
 */
public final class LinuxSupport {

    static final int CAP_NET_ADMIN = 12;
    static final int CAP_SYS_ADMIN = 21;

    private static final Throwable UNAVAILABILITY_CAUSE = probe();

    private LinuxSupport() {
    }

    public static boolean isAvailable() {
        return UNAVAILABILITY_CAUSE == null;
    }

    /** Why swarmnet cannot use Linux here, or {@code null} if it can; the message is one sentence. */
    public static Throwable unavailabilityCause() {
        return UNAVAILABILITY_CAUSE;
    }

    /** @throws IllegalStateException with the {@link #unavailabilityCause()}'s sentence */
    public static void ensureAvailability() {
        if (UNAVAILABILITY_CAUSE != null) {
            throw new IllegalStateException(UNAVAILABILITY_CAUSE.getMessage(), UNAVAILABILITY_CAUSE);
        }
    }

    private static Throwable probe() {
        String osName = System.getProperty("os.name", "");
        String libcFailure = null;
        boolean tun = false;
        String status = null;
        if (isLinux(osName)) {
            try {
                LibC.strerror(Errno.EPERM);
            } catch (Throwable t) {
                libcFailure = t.toString();
            }
            tun = Files.exists(Path.of(TapDevice.TUN_PATH));
            try {
                status = Files.readString(Path.of("/proc/self/status"), StandardCharsets.UTF_8);
            } catch (IOException e) {
                status = null;
            }
        }
        String sentence = diagnose(osName, libcFailure, tun, status);
        return sentence == null ? null : new Unavailable(sentence);
    }

    /**
     * The one-sentence diagnosis for the given facts, or {@code null} when all is well.
     *
     * @param libcFailure why binding libc failed, or {@code null}
     * @param procStatus the text of {@code /proc/self/status}, or {@code null} if unreadable
     */
    static String diagnose(String osName, String libcFailure, boolean tunPresent, String procStatus) {
        if (!isLinux(osName)) {
            return "swarmnet needs Linux for TAP devices and network namespaces but runs on " + osName
                + ": run it on a Linux host or in a Linux container.";
        }
        if (libcFailure != null) {
            return "swarmnet could not bind libc through JNR-FFI (" + libcFailure
                + "): make java.io.tmpdir executable or point -Djffi.extract.dir at a directory that is not noexec.";
        }
        if (!tunPresent) {
            return "swarmnet needs " + TapDevice.TUN_PATH + " to create TAP devices: load the tun module"
                + " (modprobe tun) or run the container with --device /dev/net/tun.";
        }
        OptionalLong capabilities = capEff(procStatus);
        if (capabilities.isEmpty()) {
            return "swarmnet could not read CapEff from /proc/self/status to check its capabilities:"
                + " run it with /proc mounted.";
        }
        long capEff = capabilities.getAsLong();
        if ((capEff & (1L << CAP_NET_ADMIN)) == 0) {
            return "swarmnet needs CAP_NET_ADMIN to create TAP devices: run the container with --privileged"
                + " or --cap-add NET_ADMIN.";
        }
        if ((capEff & (1L << CAP_SYS_ADMIN)) == 0) {
            return "swarmnet needs CAP_SYS_ADMIN to create and enter network namespaces: run the container"
                + " with --privileged or --cap-add SYS_ADMIN.";
        }
        return null;
    }

    /** The {@code CapEff:} bit set of a {@code /proc/PID/status} text, if there is one. */
    static OptionalLong capEff(String procStatus) {
        if (procStatus == null) {
            return OptionalLong.empty();
        }
        for (String line : procStatus.split("\n")) {
            if (line.startsWith("CapEff:")) {
                try {
                    return OptionalLong.of(Long.parseUnsignedLong(line.substring("CapEff:".length()).trim(), 16));
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }

    private static boolean isLinux(String osName) {
        return osName.toLowerCase(Locale.ROOT).startsWith("linux");
    }

    /** The cause: its message is the diagnosis; a stack trace would add nothing. */
    static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        Unavailable(String sentence) {
            super(sentence, null, false, false);
        }
    }
}
