package dev.swarmnet.controlplane.lab;

import dev.swarmnet.linux.NetworkNamespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code lab down}: removes everything a lab made, found from its name rather than only from its
 * state file, so it also cleans up after an {@code up} that failed half-way and is idempotent.
 * In order: daemons get SIGTERM, then SIGKILL after {@link #GRACE}; every process left in one
 * of the lab's namespaces (nodes and tasks) is killed; the namespaces, their
 * {@code /etc/netns} directories, the host's veth, the state and socket directories are
 * deleted. Runs on the calling thread.
 */
final class LabTeardown {

    /** How long daemons have to stop on SIGTERM. */
    static final Duration GRACE = Duration.ofSeconds(5);

    private static final Path ETC_NETNS = Path.of("/etc/netns");

    private LabTeardown() {
    }

    /** Removes lab {@code layout.name()}; returns how many namespaces it deleted. */
    static int remove(LabLayout layout) throws IOException {
        LabName name = layout.name();
        Optional<LabState> state = readQuietly(layout.stateFile());
        List<String> namespaces = NetworkNamespace.list().stream().filter(name::owns).toList();

        List<ProcessHandle> daemons = new ArrayList<>();
        state.ifPresent(s -> s.nodes().forEach(n -> n.daemon().ifPresent(daemons::add)));
        for (String ns : namespaces) {
            if (!name.ownsTask(ns)) {
                daemons.addAll(processesIn(ns));
            }
        }
        daemons.forEach(ProcessHandle::destroy);
        awaitGone(daemons, GRACE);
        daemons.forEach(ProcessHandle::destroyForcibly);
        awaitGone(daemons, GRACE);
        // A daemon may have created a task namespace after the first listing (a task starting
        // while it was told to stop): list again now that no daemon runs.
        Set<String> all = new LinkedHashSet<>(namespaces);
        NetworkNamespace.list().stream().filter(name::owns).forEach(all::add);
        namespaces = List.copyOf(all);

        List<ProcessHandle> left = new ArrayList<>();
        for (String ns : namespaces) {
            left.addAll(processesIn(ns));
        }
        left.forEach(ProcessHandle::destroyForcibly);
        awaitGone(left, GRACE);
        for (String ns : namespaces) {
            Shell.run(List.of("ip", "netns", "del", ns));
        }
        if (Files.isDirectory(ETC_NETNS)) {
            try (Stream<Path> dirs = Files.list(ETC_NETNS)) {
                for (Path dir : dirs.filter(d -> name.owns(d.getFileName().toString())).toList()) {
                    deleteTree(dir);
                }
            }
        }
        if (Shell.run(List.of("ip", "link", "show", "dev", name.hostLink())).ok()) {
            Shell.run(List.of("ip", "link", "del", name.hostLink()));
        }
        deleteTree(layout.runDir());
        deleteTree(layout.labDir());
        deleteIfEmpty(layout.runRoot());
        deleteIfEmpty(layout.stateRoot());
        return namespaces.size();
    }

    /** Whether anything of lab {@code layout.name()} exists on this host. */
    static boolean anythingLeft(LabLayout layout) throws IOException {
        LabName name = layout.name();
        return NetworkNamespace.list().stream().anyMatch(name::owns)
                || Files.exists(layout.labDir()) || Files.exists(layout.runDir())
                || Shell.run(List.of("ip", "link", "show", "dev", name.hostLink())).ok();
    }

    private static Optional<LabState> readQuietly(Path file) {
        try {
            return LabState.read(file);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static List<ProcessHandle> processesIn(String namespace) throws IOException {
        Shell.Result pids = Shell.run(List.of("ip", "netns", "pids", namespace));
        List<ProcessHandle> found = new ArrayList<>();
        if (pids.ok()) {
            for (String pid : pids.output().split("\\s+")) {
                if (pid.matches("[0-9]+")) {
                    ProcessHandle.of(Long.parseLong(pid)).ifPresent(found::add);
                }
            }
        }
        return found;
    }

    /**
     * Whether {@code process} still runs: a zombie does not (its parent may be a daemon that just
     * died, and an init that reaps late), though {@link ProcessHandle#isAlive} says it does.
     */
    static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            int end = stat.lastIndexOf(')');
            return end < 0 || end + 2 >= stat.length() || stat.charAt(end + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    private static void awaitGone(List<ProcessHandle> processes, Duration limit) throws IOException {
        try {
            Deadline.await(limit, "processes to end", () -> processes.stream().noneMatch(LabTeardown::running));
        } catch (IOException e) {
            // the caller escalates or the namespace goes regardless
        }
    }

    /** Removes a root left empty by the last lab, so the host is as it was before the first. */
    private static void deleteIfEmpty(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.deleteIfExists(dir);
        } catch (java.nio.file.DirectoryNotEmptyException e) {
            // another lab still lives there
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
