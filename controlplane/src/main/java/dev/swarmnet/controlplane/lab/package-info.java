/**
 * {@code swarmnet lab}: a local multi-node swarm on one machine, the part docker-machine plays in
 * Docker's tutorials.
 *
 * <h2>Topology</h2>
 * A lab named {@code NAME} is: a namespace {@code NAME-u} holding bridge {@code br0}; one network
 * namespace per node, {@code NAME-1..N}, whose {@code u0} is a veth into that bridge with the
 * node's address ({@code .1, .2, ...} of the subnet, {@link dev.swarmnet.controlplane.lab.LabSubnet});
 * and a veth {@code NAME-h} from the host's own namespace into the bridge with the subnet's last
 * address, so the host reaches every node's IP (published ports, once the routing mesh exists).
 * Each node runs {@code swarmnet daemon} (same java, same class path as the CLI) detached with
 * {@code setsid nsenter --net=/var/run/netns/NAME-i}: {@code ip netns exec} would give it a
 * private mount namespace and the task namespaces it creates would not be visible to the host.
 * Daemons name their task namespaces {@code NAME-t<task ID>} ({@code --task-prefix}).
 *
 * <h2>Files</h2>
 * {@code /var/lib/swarmnet-lab/NAME/} holds {@code lab.json} ({@link dev.swarmnet.controlplane.lab.LabState}:
 * nodes, IPs, roles, PIDs, sockets) and per node a data dir and {@code daemon.log};
 * {@code /run/swarmnet-lab/NAME/NODE.sock} are the API sockets, usable as {@code SWARMNET_HOST} or
 * {@code DOCKER_HOST}. Both roots can be changed ({@code --state-dir}, {@code --run-dir}).
 *
 * <h2>Lifecycle</h2>
 * {@code up} refuses a name that is taken or a subnet the host already uses, then builds the
 * underlay, starts the daemons, waits for their sockets, initialises the swarm on node 1 and joins
 * the others through the same API requests {@code swarmnet swarm init/join} send, and waits until
 * every node is ready. It writes {@code lab.json} as soon as the daemons are started, and if any
 * step fails it removes everything before reporting. {@code down}
 * ({@link dev.swarmnet.controlplane.lab.LabTeardown}) finds what to remove from the lab's name,
 * not only from its state file: every namespace {@link dev.swarmnet.controlplane.lab.LabName#owns}
 * (and every process in them), {@code /etc/netns/} entries, the host veth and both directories.
 * It is idempotent and leaves the host as it found it.
 *
 * <h2>Demo</h2>
 * {@code up --demo} adds an overlay network, a 3-replica {@code swarmnet/whoami} service published
 * on port 8080 and a one-task {@code client} service, then prints a {@code curl} of port 8080 on
 * every node's lab IP, run from the host (the routing mesh: the host has {@code .254} on the lab
 * bridge), and a {@code curl} of whoami's VIP run in the client task's namespace (only task
 * namespaces are on the overlay; nodes are not). Every printed line is run before it is printed.
 *
 * <p>Pure parts ({@code LabName}, {@code LabSubnet}, {@code LabPlan}, {@code LabText},
 * {@code RootCheck.problem}) are tested without a kernel; the rest runs real namespaces and
 * daemons. All of it runs on the caller's thread.
 */
package dev.swarmnet.controlplane.lab;
