package dev.swarmnet.controlplane.daemon;

import dev.swarmnet.controlplane.runtime.ImageCatalog;
import dev.swarmnet.controlplane.runtime.RuntimeSettings;
import dev.swarmnet.dataplane.lb.LbAlgorithm;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How this node's agent runs tasks and its data plane.
 *
 * @param runtime      namespace prefix and directories of the task runtime
 * @param images       image → command mappings (built-ins plus the config's {@code images:})
 * @param dataPathPort the VXLAN UDP port (4789)
 * @param lbAlgorithm  the default VIP algorithm ({@link LbAlgorithm}) for services without a {@code swarmnet.lb} label
 */
public record AgentSettings(RuntimeSettings runtime, ImageCatalog images, int dataPathPort, int lbAlgorithm) {
    public static final int DEFAULT_DATA_PATH_PORT = 4789;

    public AgentSettings {
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(images, "images");
        if (dataPathPort < 1 || dataPathPort > 0xffff) {
            throw new IllegalArgumentException("data path port " + dataPathPort + " is outside 1..65535");
        }
    }

    public AgentSettings withImages(ImageCatalog catalog) {
        return new AgentSettings(runtime, catalog, dataPathPort, lbAlgorithm);
    }

    /** The defaults with task state and logs under {@code dataDir} and namespaces named {@code prefix + task id}. */
    public static AgentSettings defaults(Path dataDir, String namespacePrefix) {
        return new AgentSettings(RuntimeSettings.defaults().withNamespacePrefix(namespacePrefix)
                .withDirectories(dataDir.resolve("tasks"), dataDir.resolve("logs")), ImageCatalog.builtIn(),
                DEFAULT_DATA_PATH_PORT, LbAlgorithm.ROUND_ROBIN);
    }
}
