package dev.swarmnet.linux;

import jnr.ffi.LastError;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.annotations.Variadic;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;
import jnr.ffi.types.u_int64_t;

/**
 * The libc calls swarmnet needs, bound with JNR-FFI, each checked: a failure becomes a
 * {@link LinuxException} naming the call, its argument and errno's text. The only exception to
 * that rule is {@code EAGAIN} on {@link #read}/{@link #write} of a non-blocking fd, which is
 * reported as {@code -1} because it is not a failure.
 *
 * <p>Stateless; any thread. errno is read right after each call on the calling thread (JNR saves
 * it per thread). Constants are the generic Linux ABI values used by x86-64 and arm64.
 */
public final class LibC {

    public static final int O_RDONLY = 0x0;
    public static final int O_RDWR = 0x2;
    public static final int O_CREAT = 0x40;
    public static final int O_EXCL = 0x80;
    public static final int O_NONBLOCK = 0x800;
    public static final int O_CLOEXEC = 0x80000;

    public static final int F_GETFD = 1;
    public static final int F_DUPFD_CLOEXEC = 1030;
    public static final int F_GETFL = 3;
    public static final int F_SETFL = 4;
    public static final int FD_CLOEXEC = 0x1;

    public static final int CLONE_NEWNET = 0x40000000;

    public static final int AF_INET = 2;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_CLOEXEC = 0x80000;

    public static final int MS_BIND = 0x1000;
    public static final int MS_REC = 0x4000;
    public static final int MS_SHARED = 0x100000;
    public static final int MNT_DETACH = 0x2;

    public static final int POLLIN = 0x1;
    public static final int POLLOUT = 0x4;
    public static final int POLLERR = 0x8;
    public static final int POLLHUP = 0x10;
    public static final int POLLNVAL = 0x20;

    private static final int POLLFD_SIZE = 8;
    private static final int POLLFD_FD_OFFSET = 0;
    private static final int POLLFD_EVENTS_OFFSET = 4;
    private static final int POLLFD_REVENTS_OFFSET = 6;

    /** The raw binding; return values are unchecked, errno is saved for {@link LastError}. */
    public interface Native {
        @SaveError @Variadic(fixedCount = 2)
        int open(String path, int flags, int mode);

        @SaveError
        int close(int fd);

        @SaveError @Variadic(fixedCount = 2)
        int ioctl(int fd, @u_int64_t long request, Pointer arg);

        @SaveError @Variadic(fixedCount = 2)
        int ioctl(int fd, @u_int64_t long request, @u_int64_t long arg);

        @SaveError @Variadic(fixedCount = 2)
        int fcntl(int fd, int cmd, int arg);

        @SaveError
        int setns(int fd, int nstype);

        @SaveError
        int unshare(int flags);

        @SaveError
        int socket(int domain, int type, int protocol);

        @SaveError
        @ssize_t long read(int fd, @Out byte[] buf, @size_t long count);

        @SaveError
        @ssize_t long write(int fd, @In byte[] buf, @size_t long count);

        @SaveError
        int poll(Pointer fds, @u_int64_t long nfds, int timeoutMillis);

        @SaveError
        int mount(String source, String target, String fstype, @u_int64_t long flags, Pointer data);

        @SaveError
        int umount2(String target, int flags);

        @SaveError
        int mkdir(String path, int mode);

        @SaveError
        int unlink(String path);

        String strerror(int errnum);
    }

    private static final class Holder {
        static final Native NATIVE = LibraryLoader.create(Native.class).load("c");
        static final Runtime RUNTIME = Runtime.getRuntime(NATIVE);
    }

    private LibC() {
    }

    /** The unchecked binding, for callers that handle errno themselves (see {@link #errno()}). */
    public static Native unchecked() {
        return Holder.NATIVE;
    }

    /** errno left by the calling thread's last call through this binding. */
    public static int errno() {
        return LastError.getLastError(Holder.RUNTIME);
    }

    /** Zeroed native memory, freed when the returned pointer is collected. */
    static Pointer allocate(int size) {
        return Memory.allocateDirect(Holder.RUNTIME, size, true);
    }

    /** {@code open(2)}; returns the new fd. */
    public static int open(String path, int flags, int mode) throws LinuxException {
        int fd = Holder.NATIVE.open(path, flags, mode);
        if (fd < 0) {
            throw failure("open(" + quote(path) + ")");
        }
        return fd;
    }

    /**
     * {@code close(2)}. Linux releases the fd even when close reports an error (EINTR, EIO), so the
     * fd must never be closed again either way.
     */
    public static void close(int fd) throws LinuxException {
        if (Holder.NATIVE.close(fd) < 0) {
            throw failure("close(fd " + fd + ")");
        }
    }

    /**
     * {@code ioctl(2)} with a pointer argument.
     *
     * @param subject what the message names as the argument, e.g. the quoted interface name
     * @return the call's non-negative result
     */
    public static int ioctl(int fd, Ioctl request, String subject, Pointer arg) throws LinuxException {
        int rc = Holder.NATIVE.ioctl(fd, request.request(), arg);
        if (rc < 0) {
            throw failure("ioctl(" + request + ", " + subject + ")");
        }
        return rc;
    }

    /** {@code ioctl(2)} with an argument passed by value (e.g. {@link Ioctl#TUNSETOFFLOAD}). */
    public static int ioctl(int fd, Ioctl request, String subject, long arg) throws LinuxException {
        int rc = Holder.NATIVE.ioctl(fd, request.request(), arg);
        if (rc < 0) {
            throw failure("ioctl(" + request + ", " + subject + ")");
        }
        return rc;
    }

    /** {@code fcntl(2)} with an int argument; returns the call's result. */
    public static int fcntl(int fd, int cmd, int arg) throws LinuxException {
        int rc = Holder.NATIVE.fcntl(fd, cmd, arg);
        if (rc < 0) {
            throw failure("fcntl(fd " + fd + ", " + cmd + ")");
        }
        return rc;
    }

    /**
     * A second descriptor for the same open file ({@code fcntl(F_DUPFD_CLOEXEC)}): it shares the
     * file's flags (non-blocking) and keeps a TAP device alive until it is closed too. Gives two
     * owners one descriptor each, so that neither closes a number the other still uses.
     */
    public static int duplicate(int fd) throws LinuxException {
        int copy = Holder.NATIVE.fcntl(fd, F_DUPFD_CLOEXEC, 0);
        if (copy < 0) {
            throw failure("fcntl(fd " + fd + ", F_DUPFD_CLOEXEC)");
        }
        return copy;
    }

    /**
     * {@code setns(2)}: moves the <em>calling thread</em> into the namespace behind {@code fd}.
     *
     * @param subject what the message names, e.g. the namespace's quoted path
     */
    public static void setns(int fd, int nstype, String subject) throws LinuxException {
        if (Holder.NATIVE.setns(fd, nstype) < 0) {
            throw failure("setns(" + subject + ", " + nstypeName(nstype) + ")");
        }
    }

    /** {@code unshare(2)}: gives the <em>calling thread</em> new namespaces of the given kinds. */
    public static void unshare(int flags) throws LinuxException {
        if (Holder.NATIVE.unshare(flags) < 0) {
            throw failure("unshare(" + nstypeName(flags) + ")");
        }
    }

    /** {@code socket(2)}; the socket belongs to the calling thread's network namespace for good. */
    public static int socket(int domain, int type, int protocol) throws LinuxException {
        int fd = Holder.NATIVE.socket(domain, type, protocol);
        if (fd < 0) {
            throw failure("socket(" + domain + ", " + type + ", " + protocol + ")");
        }
        return fd;
    }

    /**
     * {@code read(2)} into {@code buf} from index 0.
     *
     * @return bytes read, or {@code -1} if a non-blocking fd has nothing to read (EAGAIN)
     */
    public static int read(int fd, byte[] buf) throws LinuxException {
        long n = Holder.NATIVE.read(fd, buf, buf.length);
        if (n < 0) {
            int errno = errno();
            if (errno == Errno.EAGAIN) {
                return -1;
            }
            throw new LinuxException("read(fd " + fd + ")", errno);
        }
        return (int) n;
    }

    /**
     * {@code write(2)} of {@code buf[0, length)}; one call is one frame on a TAP fd.
     *
     * @return bytes written, or {@code -1} if a non-blocking fd cannot take more now (EAGAIN)
     */
    public static int write(int fd, byte[] buf, int length) throws LinuxException {
        if (length < 0 || length > buf.length) {
            throw new IndexOutOfBoundsException("length " + length + " of " + buf.length);
        }
        long n = Holder.NATIVE.write(fd, buf, length);
        if (n < 0) {
            int errno = errno();
            if (errno == Errno.EAGAIN) {
                return -1;
            }
            throw new LinuxException("write(fd " + fd + ")", errno);
        }
        return (int) n;
    }

    /**
     * {@code poll(2)} on one fd.
     *
     * @param events {@link #POLLIN}, {@link #POLLOUT} or both
     * @return the returned events, {@code 0} when the timeout passed first
     */
    public static int poll(int fd, int events, int timeoutMillis) throws LinuxException {
        Pointer pollfd = allocate(POLLFD_SIZE);
        pollfd.putInt(POLLFD_FD_OFFSET, fd);
        pollfd.putShort(POLLFD_EVENTS_OFFSET, (short) events);
        int rc = Holder.NATIVE.poll(pollfd, 1, timeoutMillis);
        if (rc < 0) {
            throw failure("poll(fd " + fd + ")");
        }
        return rc == 0 ? 0 : pollfd.getShort(POLLFD_REVENTS_OFFSET) & 0xffff;
    }

    /** {@code mount(2)} without data. */
    public static void mount(String source, String target, String fstype, long flags) throws LinuxException {
        if (Holder.NATIVE.mount(source, target, fstype, flags, null) < 0) {
            throw failure("mount(" + quote(source) + ", " + quote(target) + ")");
        }
    }

    /** {@code umount2(2)}. */
    public static void umount2(String target, int flags) throws LinuxException {
        if (Holder.NATIVE.umount2(target, flags) < 0) {
            throw failure("umount2(" + quote(target) + ")");
        }
    }

    /** {@code mkdir(2)}; returns {@code false} if {@code path} already exists. */
    public static boolean mkdir(String path, int mode) throws LinuxException {
        if (Holder.NATIVE.mkdir(path, mode) < 0) {
            int errno = errno();
            if (errno == Errno.EEXIST) {
                return false;
            }
            throw new LinuxException("mkdir(" + quote(path) + ")", errno);
        }
        return true;
    }

    /** {@code unlink(2)}. */
    public static void unlink(String path) throws LinuxException {
        if (Holder.NATIVE.unlink(path) < 0) {
            throw failure("unlink(" + quote(path) + ")");
        }
    }

    /**
     * {@code strerror(3)}. glibc returns constant strings for known errnos and a thread-local
     * buffer for unknown ones, so this is safe from any thread.
     */
    public static String strerror(int errno) {
        return Holder.NATIVE.strerror(errno);
    }

    /** A string argument as messages show it: in double quotes. */
    static String quote(String s) {
        return s == null ? "NULL" : '"' + s + '"';
    }

    private static LinuxException failure(String call) {
        return new LinuxException(call, errno());
    }

    private static String nstypeName(int nstype) {
        return nstype == CLONE_NEWNET ? "CLONE_NEWNET" : "0x" + Integer.toHexString(nstype);
    }
}
