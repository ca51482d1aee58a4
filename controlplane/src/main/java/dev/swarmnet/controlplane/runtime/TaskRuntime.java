package dev.swarmnet.controlplane.runtime;

import dev.swarmnet.linux.InterfaceControl;
import dev.swarmnet.linux.NetworkNamespace;
import dev.swarmnet.linux.TapConfig;
import dev.swarmnet.linux.TapDevice;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

/**
 * Runs tasks on this host: the I/O edge of the agent. A task is a process in its own network
 * namespace ({@code <prefix><task id>}) with one TAP per network attachment, its address, MAC,
 * MTU and default route, {@code /etc/netns/<namespace>/resolv.conf} pointing at the first
 * network's gateway, stdout and stderr appended to a log file, and a state file that lets a
 * restarted daemon find it ({@link #scan()}).
 *
 * <p>The process is started with {@code ip netns exec NAMESPACE unshare --uts -- sh -c ...}, which
 * enters the namespace, gives it a private mount namespace with that resolv.conf bind-mounted
 * over {@code /etc/resolv.conf} and its own UTS namespace whose hostname is the task's
 * ({@link TaskLaunch#hostname()}), then execs the program: each step execs the next, so the pid
 * returned is the task's own. So the
 * daemon itself must run in the host's mount namespace (start it with {@code nsenter --net=...},
 * never under {@code ip netns exec}), or the namespaces it creates are invisible to others.
 *
 * <p>The runtime creates and closes the TAP fds: the caller attaches {@link PreparedTask#ports()}
 * to its data plane and must detach them before {@link #remove}. Thread-safe: calls for different
 * tasks may run concurrently; calls for one task must not overlap.
 */
public final class TaskRuntime implements TaskHost {
    private static final int OFFLOADS = TapDevice.TUN_F_CSUM | TapDevice.TUN_F_TSO4;
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);
    /**
     * Run by {@code sh -c} in the task's own UTS namespace with {@code $0} = hostname and
     * {@code $@} = argv: sets the hostname and execs the program, so the pid stays the task's.
     */
    static final String SET_HOSTNAME_AND_EXEC = "echo \"$0\" > /proc/sys/kernel/hostname && exec \"$@\"";
    private static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private final RuntimeSettings settings;
    private final Map<String, Live> live = new ConcurrentHashMap<>();

    /**
     * A task this runtime prepared or reattached. Calls for one task do not overlap but may come
     * from different threads one after another, hence the volatile fields.
     */
    private static final class Live {
        final TaskLaunch launch;
        final NetworkNamespace namespace;
        final List<TapDevice> taps;
        volatile TaskRecord record;
        volatile Process process;
        volatile ProcessHandle adopted;

        Live(TaskLaunch launch, NetworkNamespace namespace, List<TapDevice> taps, TaskRecord record) {
            this.launch = launch;
            this.namespace = namespace;
            this.taps = taps;
            this.record = record;
        }

        Optional<ProcessHandle> handle() {
            return process != null ? Optional.of(process.toHandle()) : Optional.ofNullable(adopted);
        }
    }

    public TaskRuntime(RuntimeSettings settings) {
        this.settings = settings;
    }

    public RuntimeSettings settings() {
        return settings;
    }

    @Override
    public PreparedTask prepare(TaskLaunch launch) throws IOException {
        if (live.containsKey(launch.taskId())) {
            throw new IllegalStateException("task " + launch.taskId() + " is already prepared");
        }
        if (NetworkNamespace.exists(launch.namespace())) {
            throw new IOException("cannot prepare task " + launch.taskId() + ": network namespace "
                + launch.namespace() + " already exists (left by an earlier daemon? scan() and reattach or remove it)");
        }
        TaskRecord record = new TaskRecord(launch.taskId(), launch.namespace(), -1, 0);
        record.write(settings.stateDir());
        NetworkNamespace namespace = null;
        List<TapDevice> taps = new ArrayList<>();
        try {
            namespace = NetworkNamespace.create(launch.namespace());
            try (InterfaceControl links = namespace.openInterfaceControl()) {
                links.setUp("lo");
            }
            configure(namespace, launch, taps);
            Live task = new Live(launch, namespace, taps, record);
            live.put(launch.taskId(), task);
            return prepared(task);
        } catch (IOException | RuntimeException | Error e) {
            closeAll(taps, e);
            if (namespace != null) {
                try {
                    namespace.delete();
                } catch (IOException deleting) {
                    e.addSuppressed(deleting);
                }
            }
            deleteQuietly(resolvConfDir(launch.namespace()), e);
            deleteQuietly(TaskRecord.fileOf(settings.stateDir(), launch.taskId()), e);
            throw e;
        }
    }

    @Override
    public PreparedTask reattach(TaskLaunch launch) throws IOException {
        if (live.containsKey(launch.taskId())) {
            throw new IllegalStateException("task " + launch.taskId() + " is already prepared");
        }
        Path file = TaskRecord.fileOf(settings.stateDir(), launch.taskId());
        TaskRecord record = Files.exists(file) ? TaskRecord.read(file)
            : new TaskRecord(launch.taskId(), launch.namespace(), -1, 0);
        NetworkNamespace namespace = NetworkNamespace.open(launch.namespace());
        List<TapDevice> taps = new ArrayList<>();
        try {
            configure(namespace, launch, taps);
            Live task = new Live(launch, namespace, taps, record);
            task.adopted = aliveHandle(record).orElse(null);
            live.put(launch.taskId(), task);
            return prepared(task);
        } catch (IOException | RuntimeException | Error e) {
            closeAll(taps, e);
            try {
                namespace.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** The pid of a reattached task's adopted process, if it still runs. */
    public Optional<Long> adoptedPid(String taskId) {
        Live task = live.get(taskId);
        return task == null || task.adopted == null ? Optional.empty() : Optional.of(task.adopted.pid());
    }

    @Override
    public long start(PreparedTask prepared) throws IOException {
        TaskLaunch launch = prepared.launch();
        Live task = require(launch.taskId());
        if (task.handle().isPresent()) {
            throw new IllegalStateException("task " + launch.taskId() + " was already started");
        }
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", launch.namespace(),
            "unshare", "--uts", "--", "/bin/sh", "-c", SET_HOSTNAME_AND_EXEC, launch.hostname()));
        command.addAll(launch.argv());
        ProcessBuilder builder = new ProcessBuilder(command);
        useTaskEnvironment(builder, launch);
        Files.createDirectories(launch.logFile().toAbsolutePath().getParent());
        File log = launch.logFile().toFile();
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
            .redirectError(ProcessBuilder.Redirect.appendTo(log));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException("cannot start task " + launch.taskId() + " (" + String.join(" ", launch.argv())
                + "): " + e.getMessage(), e);
        }
        task.process = process;
        long startedAt = process.toHandle().info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        task.record = task.record.started(process.pid(), startedAt);
        task.record.write(settings.stateDir());
        return process.pid();
    }

    @Override
    public void onExit(String taskId, IntConsumer exitCode) {
        Live task = require(taskId);
        if (task.process != null) {
            Process process = task.process;
            process.onExit().thenRun(() -> exitCode.accept(process.exitValue()));
        } else if (task.adopted != null) {
            task.adopted.onExit().thenRun(() -> exitCode.accept(-1));
        } else {
            exitCode.accept(-1);
        }
    }

    @Override
    public int stop(String taskId, Duration grace) throws IOException {
        Live task = require(taskId);
        Optional<ProcessHandle> handle = task.handle();
        if (handle.isPresent() && handle.get().isAlive()) {
            terminate(handle.get(), grace);
        }
        return exitCode(task);
    }

    @Override
    public void remove(String taskId) throws IOException {
        Live task = live.remove(taskId);
        IOException failure = new IOException("removing task " + taskId + " left something behind");
        String namespaceName;
        if (task != null) {
            namespaceName = task.launch.namespace();
            task.handle().filter(ProcessHandle::isAlive).ifPresent(h -> terminate(h, Duration.ZERO));
            closeAll(task.taps, failure);
            try {
                task.namespace.close();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        } else {
            Path file = TaskRecord.fileOf(settings.stateDir(), taskId);
            TaskRecord record = Files.exists(file) ? TaskRecord.read(file) : null;
            namespaceName = record != null ? record.namespace() : settings.namespaceOf(taskId);
            if (record != null) {
                aliveHandle(record).ifPresent(h -> terminate(h, Duration.ZERO));
            }
        }
        if (NetworkNamespace.exists(namespaceName)) {
            try {
                NetworkNamespace.delete(namespaceName);
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
        deleteQuietly(resolvConfDir(namespaceName), failure);
        deleteQuietly(TaskRecord.fileOf(settings.stateDir(), taskId), failure);
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
    }

    @Override
    public int probe(String taskId, List<String> argv, Duration timeout) {
        Live task = live.get(taskId);
        if (task == null) {
            return -1;
        }
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", task.launch.namespace()));
        command.addAll(argv);
        ProcessBuilder builder = new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD);
        useTaskEnvironment(builder, task.launch);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return -1;
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The task's environment, and the daemon's PATH, instead of the daemon's environment. */
    private static void useTaskEnvironment(ProcessBuilder builder, TaskLaunch launch) {
        Map<String, String> env = builder.environment();
        String path = env.getOrDefault("PATH", DEFAULT_PATH);
        env.clear();
        env.put("PATH", path);
        for (String entry : launch.env()) {
            int equals = entry.indexOf('=');
            env.put(entry.substring(0, equals), entry.substring(equals + 1));
        }
    }

    @Override
    public void removeLogs(String taskId) throws IOException {
        Files.deleteIfExists(settings.logFileOf(taskId));
    }

    /**
     * What an earlier life of this daemon left on this host: every task with a state file in
     * {@link RuntimeSettings#stateDir()} that this instance has not prepared. The state file is
     * written before the namespace is created, so a namespace without one is never this daemon's
     * (several daemons may share {@code /var/run/netns}, each with its own state directory) and is
     * left alone.
     */
    public List<LeftoverTask> scan() throws IOException {
        List<LeftoverTask> found = new ArrayList<>();
        if (!Files.isDirectory(settings.stateDir())) {
            return found;
        }
        try (Stream<Path> files = Files.list(settings.stateDir())) {
            for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                String name = file.getFileName().toString();
                if (!name.endsWith(TaskRecord.SUFFIX) || name.startsWith(".")) {
                    continue;
                }
                TaskRecord record = TaskRecord.read(file);
                if (!live.containsKey(record.taskId())) {
                    found.add(new LeftoverTask(record.taskId(), record.namespace(), record.pid(),
                        record.startedAtMillis(), aliveHandle(record).isPresent(),
                        NetworkNamespace.exists(record.namespace())));
                }
            }
        }
        return found;
    }

    /** The resolv.conf that {@code ip netns exec} shows the task. */
    public Path resolvConfOf(String namespace) {
        return resolvConfDir(namespace).resolve("resolv.conf");
    }

    private void configure(NetworkNamespace namespace, TaskLaunch launch, List<TapDevice> taps) throws IOException {
        for (Attachment attachment : launch.attachments()) {
            TapDevice tap = TapDevice.create(namespace, TapConfig.named(attachment.interfaceName())
                .withMtu(attachment.mtu()).withMac(attachment.mac()).withVnetHeader(settings.offloads()));
            taps.add(tap);
            if (settings.offloads()) {
                tap.setOffloads(OFFLOADS);
            }
            tap.assignIpv4(attachment.address(), attachment.prefixLength());
        }
        if (!launch.attachments().isEmpty()) {
            Attachment first = launch.attachments().get(0);
            namespace.replaceDefaultRoute(first.gateway(), first.interfaceName());
            Path resolvConf = resolvConfOf(launch.namespace());
            Files.createDirectories(resolvConf.getParent());
            Files.writeString(resolvConf, "nameserver " + first.gateway().getHostAddress() + "\noptions ndots:0\n",
                StandardCharsets.UTF_8);
        }
    }

    private PreparedTask prepared(Live task) {
        List<TapPort> ports = new ArrayList<>();
        for (int i = 0; i < task.taps.size(); i++) {
            TapDevice tap = task.taps.get(i);
            ports.add(new TapPort(i, tap.fd(), tap.vnetHeader()));
        }
        return new PreparedTask(task.launch, ports);
    }

    private Live require(String taskId) {
        Live task = live.get(taskId);
        if (task == null) {
            throw new IllegalStateException("task " + taskId + " is not prepared on this runtime");
        }
        return task;
    }

    private Path resolvConfDir(String namespace) {
        return settings.netnsEtcDir().resolve(namespace);
    }

    /** The process of {@code record} if it still runs: same pid and same start time. */
    private static Optional<ProcessHandle> aliveHandle(TaskRecord record) {
        if (record.pid() <= 0) {
            return Optional.empty();
        }
        return ProcessHandle.of(record.pid()).filter(ProcessHandle::isAlive).filter(h -> h.info().startInstant()
            .map(Instant::toEpochMilli).map(started -> started == record.startedAtMillis()).orElse(false));
    }

    /**
     * SIGTERM to {@code process} and its descendants, SIGKILL to whatever is left after
     * {@code grace}; waits until the process is gone (at most grace + {@link #KILL_WAIT}).
     */
    private static void terminate(ProcessHandle process, Duration grace) {
        List<ProcessHandle> family = new ArrayList<>();
        family.add(process);
        process.descendants().forEach(family::add);
        if (!grace.isZero()) {
            family.forEach(ProcessHandle::destroy);
            if (awaitExit(process, grace)) {
                family.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
                return;
            }
        }
        process.descendants().forEach(family::add);
        family.forEach(ProcessHandle::destroyForcibly);
        awaitExit(process, KILL_WAIT);
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private static int exitCode(Live task) {
        if (task.process != null) {
            try {
                return task.process.exitValue();
            } catch (IllegalThreadStateException stillRunning) {
                return -1;
            }
        }
        return -1;
    }

    private static void closeAll(List<TapDevice> taps, Throwable failure) {
        for (TapDevice tap : taps) {
            try {
                tap.close();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }

    /** Deletes a file, or a directory with the files in it. */
    private static void deleteQuietly(Path path, Throwable failure) {
        try {
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.list(path)) {
                    for (Path file : (Iterable<Path>) files::iterator) {
                        Files.deleteIfExists(file);
                    }
                }
            }
            Files.deleteIfExists(path);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
