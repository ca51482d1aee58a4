/**
 * Linux system interfaces for swarmnet, bound through JNR-FFI: checked libc calls
 * ({@link dev.swarmnet.linux.LibC}), network namespaces ({@link dev.swarmnet.linux.NetworkNamespace}),
 * TAP devices ({@link dev.swarmnet.linux.TapDevice}), interface configuration
 * ({@link dev.swarmnet.linux.InterfaceControl}) and the availability check
 * ({@link dev.swarmnet.linux.LinuxSupport}).
 *
 * <h2>Design note</h2>
 *
 * <p><b>Only door to the kernel.</b> This is the only module that makes system calls. Nothing
 * here is on the per-packet path: the data plane gets file descriptors from here and moves frames
 * through its own event loops (Netty's {@code FileDescriptor} on direct memory).
 * {@code LibC.read}/{@code write} allocate and exist for tests and diagnostics.
 *
 * <p><b>Errors.</b> Every failed call becomes a {@link dev.swarmnet.linux.LinuxException}, a
 * checked {@code IOException}, whose message names the call, its argument and errno's text:
 * {@code ioctl(TUNSETIFF, "swn0") failed: Operation not permitted (EPERM)}. The one result that is
 * not a failure, EAGAIN on a non-blocking read or write, is returned as {@code -1}. Environment
 * problems that would make every call fail (not Linux, no {@code /dev/net/tun}, missing
 * CAP_NET_ADMIN or CAP_SYS_ADMIN) are diagnosed once, up front, in one sentence by
 * {@code LinuxSupport}.
 *
 * <p><b>Namespaces are per thread.</b> {@code setns(2)} and {@code unshare(2)} move only the
 * calling thread. Code that must run in a namespace runs on a <em>fresh platform thread</em> per
 * call ({@code NetworkNamespace.call}/{@code run}): the thread enters, runs the task, and exits.
 * So no thread ever has to find its way back to the root namespace, no pooled or event-loop
 * thread is ever moved (which would silently put every later socket of that pool into the wrong
 * namespace), and a failure half-way through cannot leave a reusable thread in a confused state.
 * A thread start costs tens of microseconds, the same order as entering and leaving (~11 µs), and
 * these calls are control-plane only. Threads started from inside a task inherit its namespace,
 * so a task must not lazily start a shared pool (the common ForkJoinPool included).
 *
 * <p><b>Things created in a namespace stay there.</b> A socket belongs for its whole life to the
 * namespace of the thread that created it, whichever thread later uses it; so does a TAP created
 * by such a thread. {@code InterfaceControl} relies on the first: its socket is opened inside,
 * then its ioctls configure that namespace from any thread. The data plane may rely on it too:
 * bind a socket on a namespace thread, drive it from an event loop.
 *
 * <p><b>Why the TAP is created inside the namespace.</b> Created by a thread that has entered the
 * task's namespace, the TAP is born there: its name only has to be unique in that namespace, it
 * never shows up in the root namespace (where tools, other tasks or a network manager could see
 * or grab it), and there is no move step. Moving a link with {@code ip link set NAME netns NS}
 * keeps the fd valid but takes the link down and drops its addresses, and leaves a window in
 * which it lives in the wrong namespace.
 *
 * <p><b>File descriptor lifetimes.</b> All fds are opened {@code O_CLOEXEC} so that processes we
 * start ({@code ip}) do not inherit them. The TAP fd is also {@code O_NONBLOCK}: a thread blocked
 * in {@code read(2)} is <em>not</em> woken by {@code close(2)} from another thread, so a TAP is
 * never read by a blocking thread; its event loop cancels the registration first and then the
 * owner closes the fd. The TAP is not persistent: closing its fd destroys it. An open fd keeps
 * its namespace alive: a namespace fd, a socket, and a TAP fd too (seen here: after
 * {@code ip netns del}, a TAP whose fd is open keeps reading and writing frames in the now
 * nameless namespace). Teardown therefore closes every fd; deleting the name is not enough.
 *
 * <p><b>Looking at a namespace.</b> {@code /proc/self/net} shows the main thread's namespace;
 * use {@code /proc/thread-self/net} from a thread inside. The JDK's {@code NetworkInterface}
 * mixes in root-namespace interfaces; don't inspect a namespace with it. Names follow
 * {@code ip netns}: a bind mount at {@code /var/run/netns/NAME}, so {@code ip -n NAME} works
 * on them, and routes are set with {@code ip} until the module speaks rtnetlink.
 *
 * <p><b>ABI.</b> Constants (open flags, ioctl numbers, {@code struct ifreq} layout) are those of
 * 64-bit Linux on x86-64 and arm64.
 */
package dev.swarmnet.linux;
