package dev.swarmnet.controlplane.daemon;

import dev.swarmnet.controlplane.api.ConfigReloads;
import dev.swarmnet.controlplane.config.ConfigFile;
import dev.swarmnet.controlplane.config.SwarmnetConfig;
import dev.swarmnet.dataplane.programfile.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads the daemon's configuration file ({@code swarmnet config reload}, SIGHUP): validates
 * it whole (a file with problems changes nothing), compares it with the configuration in effect,
 * and applies the changed live keys ({@link SwarmnetConfig#isLive}): log levels through
 * {@link LogLevels}, the others through the {@link LiveSettings} cell the agent listens to; the agent replans, publishing a new program
 * through its {@code ProgramDoor}, so conntrack keeps every established flow. Other changes are
 * reported as needing a restart and stay out of effect, so a later reload reports them again.
 * Thread-safe: reloads are serialized.
 */
public final class ConfigReloader implements ConfigReloads {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigReloader.class);

    private final Path file;
    private final UnaryOperator<SwarmnetConfig> overrides;
    private final LiveSettings live;
    /** The configuration in effect. Guarded by this. */
    private SwarmnetConfig running;

    /**
     * @param file      the file to re-read
     * @param overrides what the command line overrides, applied to each reading as at start
     * @param running   the configuration the daemon started with (overrides applied)
     * @param live      the cell the agent reads live values from
     */
    public ConfigReloader(Path file, UnaryOperator<SwarmnetConfig> overrides, SwarmnetConfig running,
                          LiveSettings live) {
        this.file = Objects.requireNonNull(file, "file");
        this.overrides = Objects.requireNonNull(overrides, "overrides");
        this.running = Objects.requireNonNull(running, "running");
        this.live = Objects.requireNonNull(live, "live");
    }

    @Override
    public synchronized Outcome reload() {
        SwarmnetConfig next;
        try {
            next = overrides.apply(ConfigFile.read(file));
        } catch (ConfigFile.InvalidException e) {
            List<String> problems = e.problems().stream().map(Problem::toString).toList();
            LOG.warn("configuration {} not reloaded, nothing changed:\n{}", file, String.join("\n", problems));
            return new Outcome(file.toString(), List.of(), List.of(), List.of(), problems);
        }
        List<String> changed = running.changedKeys(next);
        List<String> applied = changed.stream().filter(SwarmnetConfig::isLive).toList();
        List<String> restart = changed.stream().filter(key -> !SwarmnetConfig.isLive(key)).toList();
        running = running.withLiveKeysOf(next);
        if (applied.stream().anyMatch(key -> key.startsWith("logging."))) {
            LogLevels.apply(running.logging());
        }
        if (applied.stream().anyMatch(key -> !key.startsWith("logging."))) {
            live.set(LiveSettings.Values.of(running));
        }
        if (changed.isEmpty()) {
            LOG.info("configuration {} reloaded: no change", file);
        } else {
            LOG.info("configuration {} reloaded: applied {}{}", file, applied.isEmpty() ? "nothing" : applied,
                    restart.isEmpty() ? "" : "; needs a restart: " + restart);
        }
        return new Outcome(file.toString(), changed, applied, restart, List.of());
    }

    /** The configuration in effect now. */
    public synchronized SwarmnetConfig running() {
        return running;
    }
}
