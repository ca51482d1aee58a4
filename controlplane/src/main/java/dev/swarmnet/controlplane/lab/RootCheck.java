package dev.swarmnet.controlplane.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Whether this process runs as root, which every lab command that changes the host needs. */
public final class RootCheck {

    /** What {@code lab} prints, and exits 1 with, when not run as root. */
    public static final String MESSAGE = "swarmnet lab needs root: it creates network namespaces and TAP devices; "
            + "run it with sudo";

    private RootCheck() {
    }

    /** The message to fail with for a process whose effective user ID is {@code euid}, if any. */
    public static Optional<String> problem(long euid) {
        return euid == 0 ? Optional.empty() : Optional.of(MESSAGE);
    }

    /** This process's effective user ID, from {@code /proc/self/status} (-1 if unreadable). */
    public static long effectiveUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Long.parseLong(line.substring(4).trim().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
