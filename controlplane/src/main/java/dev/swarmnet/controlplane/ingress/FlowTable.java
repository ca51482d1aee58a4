package dev.swarmnet.controlplane.ingress;

import io.netty.channel.Channel;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The open flows of one published port, each with the backend it was given, so that a backend
 * whose task ended can have its flows ended. Thread: any (concurrent map; a flow is added and
 * removed by its event loop, swept by the controller's thread).
 */
final class FlowTable {
    private final Map<Channel, MeshBackend> flows = new ConcurrentHashMap<>();
    /** Flows ever added (once per connection or UDP flow, not per packet). */
    private final LongAdder added = new LongAdder();

    void add(Channel flow, MeshBackend backend) {
        flows.put(flow, backend);
        added.increment();
    }

    /** Flows added since this table was made. */
    long added() {
        return added.sum();
    }

    void remove(Channel flow) {
        flows.remove(flow);
    }

    int size() {
        return flows.size();
    }

    /** Calls {@code end} on every flow whose backend's task is not in {@code liveTasks}. */
    void endUnless(Set<String> liveTasks, Consumer<Channel> end) {
        flows.forEach((flow, backend) -> {
            if (!liveTasks.contains(backend.taskId())) {
                end.accept(flow);
            }
        });
    }

    /** Calls {@code end} on every flow. */
    void endAll(Consumer<Channel> end) {
        flows.keySet().forEach(end);
    }
}
