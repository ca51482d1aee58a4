package dev.swarmnet.controlplane.dispatcher;

import dev.swarmnet.controlplane.state.Command;
import dev.swarmnet.controlplane.store.Outcome;
import java.util.concurrent.CompletableFuture;

/**
 * Where the dispatcher's verdicts go: {@code ClusterStore::submit} in the daemon, an in-memory
 * state in tests. Implementations are thread-safe; futures may complete on any thread.
 */
@FunctionalInterface
public interface CommandSink {
    CompletableFuture<Outcome> submit(Command command);
}
