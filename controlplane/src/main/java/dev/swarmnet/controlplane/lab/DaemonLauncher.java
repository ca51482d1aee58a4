package dev.swarmnet.controlplane.lab;

import dev.swarmnet.controlplane.cli.Swarmnet;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Starts one node's {@code swarmnet daemon}, detached: {@code setsid nsenter --net=NODE java ...}
 * with this JVM's java and class path, its output appended to the node's log. {@code nsenter}
 * rather than {@code ip netns exec}, which would give the daemon a private mount namespace in
 * which the task namespaces it creates are invisible to the host. Both {@code setsid} and
 * {@code nsenter} exec, so the process started is the daemon's JVM and its PID is the daemon's.
 * It runs in the lab's state directory, not the caller's.
 * Used on the calling thread.
 */
final class DaemonLauncher {

    private DaemonLauncher() {
    }

    /** The command line that runs the daemon of {@code node}, reading {@code config} if not null (pure). */
    static List<String> command(String java, String classPath, LabName name, LabLayout layout, String node,
                                Path config) {
        List<String> command = new ArrayList<>(List.of("setsid", "nsenter", "--net=" + Underlay.namespacePath(node),
                java, "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
                "-cp", classPath, Swarmnet.class.getName(),
                "daemon", "--data-dir", layout.dataDir(node).toString(), "--socket", layout.socket(node).toString(),
                "--tcp", "none", "--hostname", node, "--task-prefix", name.taskPrefix()));
        if (config != null) {
            command.addAll(List.of("--config", config.toAbsolutePath().toString()));
        }
        return command;
    }

    /** The java executable of this JVM. */
    static String currentJava() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** This JVM's class path (the jar, when run with {@code -jar}), each entry made absolute. */
    static String currentClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** Starts the daemon of {@code node} and returns it; it outlives this JVM. */
    static Process start(LabName name, LabLayout layout, String node, Path config) throws IOException {
        Files.createDirectories(layout.dataDir(node));
        Files.createDirectories(layout.runDir());
        Path log = layout.log(node);
        return new ProcessBuilder(command(currentJava(), currentClassPath(), name, layout, node, config))
                .directory(layout.labDir().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }
}
