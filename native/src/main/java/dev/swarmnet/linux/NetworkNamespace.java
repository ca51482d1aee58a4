package dev.swarmnet.linux;

import java.io.IOException;
import java.net.Inet4Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A named network namespace, kept the way {@code ip netns} keeps it: a bind mount of the
 * namespace's nsfs file at {@code /var/run/netns/NAME}, so that {@code ip -n NAME ...} and
 * {@code ip netns exec} see it too.
 *
 * <p>An instance holds an open fd on the namespace, which {@link #call} and {@link #run} use to
 * enter it. Each of those runs the task on a fresh platform thread that {@code setns}-es into the
 * namespace and exits afterwards, so no thread ever goes back to the root namespace and no pooled
 * or event-loop thread is ever moved. Threads started <em>from inside</em> a task inherit the
 * namespace (Linux copies it at {@code clone}): don't let a task lazily start a shared pool.
 *
 * <p>Thread-safe. {@link #close()} only closes this instance's fd; {@link #delete()} also
 * removes the name. The kernel frees the namespace once the name is gone and no fd, socket,
 * TAP fd or thread refers to it any more.
 */
public final class NetworkNamespace implements AutoCloseable {

    /** Where {@code ip netns} keeps named namespaces. */
    public static final Path RUN_DIR = Path.of("/var/run/netns");

    private static final Object RUN_DIR_LOCK = new Object();
    private static final int RUN_DIR_MODE = 0755;

    private final String name;
    private final String path;
    /** The nsfs fd, {@code -1} once closed; guarded by {@code this}. */
    private int fd;

    /**
     * Code to run inside a namespace; like {@link java.util.concurrent.Callable} but with a precise
     * exception type, so a task that throws nothing makes {@link #call} throw only
     * {@link LinuxException}.
     */
    @FunctionalInterface
    public interface Task<T, X extends Exception> {
        T call() throws X;
    }

    private NetworkNamespace(String name, String path, int fd) {
        this.name = name;
        this.path = path;
        this.fd = fd;
    }

    /**
     * Creates a namespace named {@code name}, like {@code ip netns add NAME}: makes
     * {@link #RUN_DIR} a shared mount, creates the file, and on a fresh thread that has
     * {@code unshare(CLONE_NEWNET)}-ed bind-mounts {@code /proc/thread-self/ns/net} onto it.
     * The new namespace holds only a down {@code lo}.
     *
     * @throws LinuxException e.g. {@code open("/var/run/netns/web") failed: File exists (EEXIST)}
     *     when the name is taken; nothing is left behind on failure
     */
    public static NetworkNamespace create(String name) throws LinuxException {
        String path = pathOf(name);
        synchronized (RUN_DIR_LOCK) {
            LibC.mkdir(RUN_DIR.toString(), RUN_DIR_MODE);
            makeRunDirShared();
        }
        LibC.close(LibC.open(path, LibC.O_RDONLY | LibC.O_CREAT | LibC.O_EXCL | LibC.O_CLOEXEC, 0));
        try {
            onFreshThread("netns-add-" + name, () -> {
                LibC.unshare(LibC.CLONE_NEWNET);
                LibC.mount("/proc/thread-self/ns/net", path, "none", LibC.MS_BIND);
                return null;
            });
            return open(name);
        } catch (LinuxException | RuntimeException | Error e) {
            removeQuietly(path, e);
            throw e;
        }
    }

    /**
     * Opens the existing namespace {@code name}.
     *
     * @throws LinuxException e.g. {@code open("/var/run/netns/web") failed: No such file or
     *     directory (ENOENT)}, or an ioctl failure when the file is not a namespace
     */
    public static NetworkNamespace open(String name) throws LinuxException {
        String path = pathOf(name);
        int fd = LibC.open(path, LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
        try {
            int type = LibC.ioctl(fd, Ioctl.NS_GET_NSTYPE, LibC.quote(path), 0L);
            if (type != LibC.CLONE_NEWNET) {
                throw LinuxException.refused("setns(" + LibC.quote(path) + ", CLONE_NEWNET)", Errno.EINVAL,
                    "the file is a namespace of type 0x" + Integer.toHexString(type) + ", not a network namespace");
            }
            return new NetworkNamespace(name, path, fd);
        } catch (LinuxException | RuntimeException | Error e) {
            closeQuietly(fd, e);
            throw e;
        }
    }

    /** Whether {@code /var/run/netns/NAME} exists. */
    public static boolean exists(String name) {
        return Files.exists(Path.of(pathOf(name)));
    }

    /** Names under {@link #RUN_DIR}, like {@code ip netns list}; empty if the directory is absent. */
    public static List<String> list() throws IOException {
        if (!Files.isDirectory(RUN_DIR)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(RUN_DIR)) {
            files.forEach(f -> names.add(f.getFileName().toString()));
        }
        return names;
    }

    /**
     * Deletes the name, like {@code ip netns del NAME}: lazily unmounts and unlinks
     * {@code /var/run/netns/NAME}. Open fds (this class's, sockets', TAP fds') keep the namespace
     * and its links alive until they are closed.
     */
    public static void delete(String name) throws LinuxException {
        String path = pathOf(name);
        try {
            LibC.umount2(path, LibC.MNT_DETACH);
        } catch (LinuxException e) {
            if (e.errno() != Errno.EINVAL) {
                throw e;
            }
        }
        LibC.unlink(path);
    }

    public String name() {
        return name;
    }

    /** {@code /var/run/netns/NAME}. */
    public Path path() {
        return Path.of(path);
    }

    /** The namespace fd (O_CLOEXEC), valid until {@link #close()}. */
    public synchronized int fd() {
        checkOpen();
        return fd;
    }

    /**
     * Runs {@code task} inside this namespace on a fresh platform thread and waits for it.
     *
     * @return the task's result
     * @throws X what the task threw, unchanged
     * @throws LinuxException if the thread could not enter the namespace
     */
    public <T, X extends Exception> T call(Task<T, X> task) throws X, LinuxException {
        return onFreshThread("netns-" + name, () -> {
            enter();
            return task.call();
        });
    }

    /** Runs {@code task} inside this namespace; see {@link #call}. */
    public void run(Runnable task) throws LinuxException {
        call(() -> {
            task.run();
            return null;
        });
    }

    /** Opens an {@link InterfaceControl} socket in this namespace. */
    public InterfaceControl openInterfaceControl() throws LinuxException {
        return call(InterfaceControl::openInCurrentNamespace);
    }

    /**
     * Sets the namespace's IPv4 default route through {@code gateway} on {@code device}
     * ({@code ip -n NAME -4 route replace default via GATEWAY dev DEVICE}). The gateway must be
     * reachable on the device's prefix, so assign the address first. Done with the {@code ip}
     * tool for now, until the module speaks rtnetlink.
     */
    public void replaceDefaultRoute(Inet4Address gateway, String device) throws IOException {
        IpCommand.run("-n", name, "-4", "route", "replace", "default",
            "via", gateway.getHostAddress(), "dev", device);
    }

    /** Closes this instance's fd; the namespace stays. Idempotent. */
    @Override
    public void close() throws LinuxException {
        int toClose;
        synchronized (this) {
            toClose = fd;
            fd = -1;
        }
        if (toClose >= 0) {
            LibC.close(toClose);
        }
    }

    /** Closes the fd and deletes the name ({@link #delete(String)}). */
    public void delete() throws LinuxException {
        close();
        delete(name);
    }

    @Override
    public String toString() {
        return "netns " + name;
    }

    /** Moves the calling thread into this namespace. The lock keeps close() from racing setns. */
    private synchronized void enter() throws LinuxException {
        checkOpen();
        LibC.setns(fd, LibC.CLONE_NEWNET, LibC.quote(path));
    }

    private void checkOpen() {
        if (fd < 0) {
            throw new IllegalStateException(this + " is closed");
        }
    }

    @SuppressWarnings("unchecked")
    private static <T, X extends Exception> T onFreshThread(String threadName, Task<T, Exception> task)
            throws X, LinuxException {
        try {
            return NamespaceThread.call(threadName, task::call);
        } catch (LinuxException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw (X) e;
        }
    }

    /**
     * Makes {@link #RUN_DIR} a shared mount, as iproute2 does, so that unmounting a name in one
     * mount namespace unmounts it in the others and the namespace can be freed.
     */
    private static void makeRunDirShared() throws LinuxException {
        String dir = RUN_DIR.toString();
        try {
            LibC.mount("", dir, "none", LibC.MS_SHARED | LibC.MS_REC);
        } catch (LinuxException e) {
            if (e.errno() != Errno.EINVAL) {
                throw e;
            }
            LibC.mount(dir, dir, "none", LibC.MS_BIND | LibC.MS_REC);
            LibC.mount("", dir, "none", LibC.MS_SHARED | LibC.MS_REC);
        }
    }

    private static String pathOf(String name) {
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
                || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not a namespace name: \"" + name + "\"");
        }
        return RUN_DIR.resolve(name).toString();
    }

    private static void removeQuietly(String path, Throwable failure) {
        try {
            LibC.umount2(path, LibC.MNT_DETACH);
        } catch (LinuxException e) {
            if (e.errno() != Errno.EINVAL) {
                failure.addSuppressed(e);
            }
        }
        try {
            LibC.unlink(path);
        } catch (LinuxException e) {
            failure.addSuppressed(e);
        }
    }

    private static void closeQuietly(int fd, Throwable failure) {
        try {
            LibC.close(fd);
        } catch (LinuxException e) {
            failure.addSuppressed(e);
        }
    }
}
