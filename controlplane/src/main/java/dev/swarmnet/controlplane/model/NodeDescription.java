package dev.swarmnet.controlplane.model;

import java.util.Map;
import java.util.Objects;

/**
 * What a node reports about itself when it joins (Docker's {@code Description}).
 *
 * @param hostname  the node's hostname; the node's name when {@code Spec.Name} is empty
 * @param platform  OS and architecture ({@code node.platform.*} constraints)
 * @param resources CPUs and memory ({@code node inspect --pretty})
 * @param engine    engine version and engine labels ({@code engine.labels.*} constraints)
 */
public record NodeDescription(String hostname, Platform platform, Resources resources, Engine engine) {
    public NodeDescription {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(engine, "engine");
    }

    /** Docker's {@code Platform}: {@code os} "linux", {@code architecture} e.g. "x86_64". */
    public record Platform(String architecture, String os) {
        public Platform {
            architecture = architecture == null ? "" : architecture;
            os = os == null ? "" : os;
        }
    }

    /** Docker's {@code Resources}: CPUs in units of 10^-9 and memory in bytes. */
    public record Resources(long nanoCpus, long memoryBytes) {
    }

    /** Docker's {@code Engine}: the version printed by {@code node ls} and the engine labels
     * (sorted by key). */
    public record Engine(String engineVersion, Map<String, String> labels) {
        public Engine {
            engineVersion = engineVersion == null ? "" : engineVersion;
            labels = SortedMaps.copyOf(labels);
        }
    }
}
