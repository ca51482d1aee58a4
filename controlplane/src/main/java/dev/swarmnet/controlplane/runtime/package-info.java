/**
 * The task runtime of a node: how the agent turns a task into a running process with its network.
 *
 * <p>Design note. A task is a process in its own network namespace, {@code <prefix><task id>}
 * ({@code swarmnet-} by default), with one TAP per network ({@code eth0}, {@code eth1}, ...)
 * created from a thread inside that namespace, carrying the task's address, Docker's MAC
 * ({@code 02:42:} + address), the network's MTU, a default route via the first network's gateway,
 * and {@code /etc/netns/<namespace>/resolv.conf} naming that gateway as DNS server (the data plane
 * answers it). The TAP fds go to the data plane; frames never touch the host's stack.
 *
 * <p>Three layers, from pure to I/O:
 * <ul>
 *   <li>{@link dev.swarmnet.controlplane.runtime.TaskLaunch} and
 *       {@link dev.swarmnet.controlplane.runtime.ImageCatalog}: values. A launch is resolved once
 *       from the cluster's task (argv from the image catalog, environment, names, attachments);
 *       nothing downstream looks at the model again.</li>
 *   <li>{@link dev.swarmnet.controlplane.runtime.TaskSupervisor}: the state machine
 *       ({@code preparing → starting → running → complete | failed | shutdown → remove}), owned by
 *       one thread, fed with desired tasks, reporting status changes. It reaches the host only
 *       through {@link dev.swarmnet.controlplane.runtime.TaskHost} and
 *       {@link dev.swarmnet.controlplane.runtime.PortAttacher}, so it is tested with fakes of
 *       those two and nothing else.</li>
 *   <li>{@link dev.swarmnet.controlplane.runtime.TaskRuntime}: the edge. Namespaces and TAPs via
 *       the native module, routes via {@code ip -n}, processes via {@code ip netns exec}
 *       (so the resolv.conf is bind-mounted and the pid is the task's own), logs appended to a
 *       file per task, and a state file per task so that a restarted daemon finds its tasks
 *       ({@code scan}), gives them fresh TAPs ({@code reattach}: the old ones died with the old
 *       daemon's fds) and watches their pids.</li>
 * </ul>
 *
 * <p>Limits: each task has its own network, mount and UTS namespace (hostname = the first 12
 * characters of its id), but no PID namespace or root filesystem of its own: it sees the host's
 * processes and files and runs as the daemon's user; a task's
 * exit status is unknowable after a daemon restart (the process is no longer our child).
 * The daemon must run in the host's mount namespace ({@code nsenter --net=...}, never
 * {@code ip netns exec}), or the namespaces it makes are invisible to other processes.
 */
package dev.swarmnet.controlplane.runtime;
