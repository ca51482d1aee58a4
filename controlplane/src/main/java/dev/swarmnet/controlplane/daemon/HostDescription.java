package dev.swarmnet.controlplane.daemon;

import dev.swarmnet.controlplane.api.ApiVersions;
import dev.swarmnet.controlplane.model.NodeDescription;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * What this host says about itself in {@code GET /info} and in its node's {@code Description}:
 * hostname, architecture in {@code uname -m} spelling, kernel, CPUs and memory. Read once at
 * start from {@code /proc} and the JVM. Immutable.
 */
record HostDescription(String hostname, String architecture, String kernelVersion, String operatingSystem,
                       int ncpu, long memTotal) {

    /** This host; {@code hostname} overrides the kernel's when not null (several daemons on one machine). */
    static HostDescription detect(String hostname) {
        String name = hostname != null ? hostname : firstLine(Path.of("/proc/sys/kernel/hostname"), "localhost");
        return new HostDescription(name, unameMachine(System.getProperty("os.arch")), System.getProperty("os.version"),
                prettyOs(), Runtime.getRuntime().availableProcessors(), readMemTotal());
    }

    /** The node description that goes into the cluster state. */
    NodeDescription nodeDescription() {
        return new NodeDescription(hostname, new NodeDescription.Platform(architecture, "linux"),
                new NodeDescription.Resources(ncpu * 1_000_000_000L, memTotal),
                new NodeDescription.Engine(ApiVersions.ENGINE, Map.of()));
    }

    /** Java's {@code os.arch} in the kernel's {@code uname -m} spelling, as Docker reports it. */
    static String unameMachine(String javaArch) {
        return switch (javaArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "x86_64";
            case "arm64", "aarch64" -> "aarch64";
            default -> javaArch;
        };
    }

    private static String prettyOs() {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
                if (line.startsWith("PRETTY_NAME=")) {
                    return line.substring("PRETTY_NAME=".length()).replace("\"", "");
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return "Linux";
    }

    private static long readMemTotal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return 0;
    }

    private static String firstLine(Path file, String fallback) {
        try {
            String text = Files.readString(file).trim();
            return text.isEmpty() ? fallback : text;
        } catch (IOException e) {
            return fallback;
        }
    }
}
