package dev.swarmnet.controlplane.daemon;

import dev.swarmnet.controlplane.runtime.ImageCatalog;
import dev.swarmnet.controlplane.runtime.RuntimeSettings;
import dev.swarmnet.dataplane.io.DataPlaneConfig;
import dev.swarmnet.dataplane.io.ResolverConfig;
import dev.swarmnet.dataplane.lb.LbAlgorithm;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How this node's agent runs tasks, its data plane and its side of the routing mesh.
 *
 * @param runtime       namespace prefix, directories and TAP offloads of the task runtime
 * @param images        image → command mappings (built-ins plus the config's {@code images:})
 * @param dataPlane     the data plane's tunables; its underlay address is replaced by the
 *                      advertise address at start, its port ({@link #dataPathPort()}) is the VXLAN port
 * @param resolver      where the embedded DNS forwards names outside the cluster, and how patiently
 * @param hostResolvers whether the upstreams are instead the host's {@code /etc/resolv.conf},
 *                      read when the agent starts ({@link #resolverNow()})
 * @param ingressListen the addresses published ports listen on (empty: all IPv4 addresses)
 * @param ingressThreads event-loop threads of the routing mesh's proxies
 * @param live          what may change while the agent runs: the default LB algorithm and the
 *                      routing mesh's default idle timeouts
 */
public record AgentSettings(RuntimeSettings runtime, ImageCatalog images, DataPlaneConfig dataPlane,
                            ResolverConfig resolver, boolean hostResolvers, List<InetAddress> ingressListen,
                            int ingressThreads, LiveSettings live) {
    public static final int DEFAULT_DATA_PATH_PORT = 4789;

    public AgentSettings {
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(dataPlane, "dataPlane");
        Objects.requireNonNull(resolver, "resolver");
        ingressListen = List.copyOf(ingressListen);
        Objects.requireNonNull(live, "live");
        if (ingressThreads < 1) {
            throw new IllegalArgumentException("the routing mesh needs at least one thread: " + ingressThreads);
        }
        if (dataPlane.underlayPort() < 1) {
            throw new IllegalArgumentException("data path port " + dataPlane.underlayPort() + " is outside 1..65535");
        }
    }

    /** The VXLAN UDP port (4789). */
    public int dataPathPort() {
        return dataPlane.underlayPort();
    }

    /** The VIP algorithm ({@link LbAlgorithm}) for services without a {@code swarmnet.lb} label, now. */
    public int lbAlgorithm() {
        return live.current().lbAlgorithm();
    }

    /** The resolver configuration to start the data plane with: the host's resolvers read now, or the given ones. */
    public ResolverConfig resolverNow() {
        if (!hostResolvers) {
            return resolver;
        }
        return ResolverConfig.system().withTimeoutMillis(resolver.timeoutMillis()).withMaxPending(resolver.maxPending());
    }

    public AgentSettings withImages(ImageCatalog catalog) {
        return new AgentSettings(runtime, catalog, dataPlane, resolver, hostResolvers, ingressListen, ingressThreads,
                live);
    }

    /** The defaults with task state and logs under {@code dataDir} and namespaces named {@code prefix + task id}. */
    public static AgentSettings defaults(Path dataDir, String namespacePrefix) {
        return new AgentSettings(RuntimeSettings.defaults().withNamespacePrefix(namespacePrefix)
                .withDirectories(dataDir.resolve("tasks"), dataDir.resolve("logs")), ImageCatalog.builtIn(),
                DataPlaneConfig.defaults(), ResolverConfig.of(List.of()), true, List.of(), 2, LiveSettings.defaults());
    }
}
