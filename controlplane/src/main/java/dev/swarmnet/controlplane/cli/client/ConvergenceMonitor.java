package dev.swarmnet.controlplane.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The progress logic of {@code docker service create/update/scale} without {@code -d}
 * (docker/cli {@code service/progress}, docker-api.md §5), with the polling left to the caller.
 * Each pass the caller reads the service and hands it to {@link #afterService}; unless that
 * says the wait is over, it reads the up-to-date tasks and the nodes and hands them to
 * {@link #afterTasks}, then waits 200 ms. Progress goes to a {@link ProgressSink} as Docker's
 * progress messages. Time is passed in; single-threaded.
 */
public final class ConvergenceMonitor {

    /** How long the loop waits between passes, as Docker's does. */
    public static final long PASS_INTERVAL_MILLIS = 200;

    /** More slots or nodes than this: only the overall line is shown. */
    static final int MAX_PROGRESS_BARS = 20;

    private static final Map<String, Integer> STATES = Map.ofEntries(Map.entry("new", 1), Map.entry("allocated", 2),
            Map.entry("pending", 3), Map.entry("assigned", 4), Map.entry("accepted", 5), Map.entry("preparing", 6),
            Map.entry("ready", 7), Map.entry("starting", 8), Map.entry("running", 9), Map.entry("complete", 10),
            Map.entry("shutdown", 11), Map.entry("failed", 12), Map.entry("rejected", 13));
    private static final int RUNNING = 9;
    private static final int LONGEST_STATE = 9;
    private static final int MAX_ERROR_LENGTH = 75;

    /** Whether the wait is over. */
    public enum Pass { CONTINUE, DONE }

    private final String serviceArg;
    private final ProgressSink sink;
    private boolean global;
    private boolean initialized;
    private boolean done;
    private boolean rollback;
    private boolean converged;
    private long convergedAtNanos = -1;
    private long monitorNanos = ServiceSpecs.DEFAULT_MONITOR_NANOS;
    private String finalRollbackMessage;
    private boolean modeChosen;
    private final Map<Long, Integer> slotMap = new TreeMap<>();

    /**
     * @param serviceArg what {@code verify: Service <arg> converged} names: the ID after create,
     *                   the argument as typed after update and scale
     */
    public ConvergenceMonitor(String serviceArg, ProgressSink sink) {
        this.serviceArg = serviceArg;
        this.sink = sink;
    }

    /**
     * Reacts to the service's spec and update status.
     *
     * @throws IllegalStateException with Docker's message when the wait ends in failure
     *                               ({@code service update paused: ...}, {@code unrecognized service mode})
     */
    public Pass afterService(JsonNode service, long nowNanos) {
        long monitor = service.path("Spec").path("UpdateConfig").path("Monitor").asLong(0);
        if (monitor != 0) {
            monitorNanos = monitor;
        }
        if (!modeChosen) {
            JsonNode mode = service.path("Spec").path("Mode");
            if (mode.path("Replicated").has("Replicas")) {
                global = false;
            } else if (mode.has("Global")) {
                global = true;
            } else {
                throw new IllegalStateException("unrecognized service mode");
            }
            modeChosen = true;
        }
        JsonNode status = service.path("UpdateStatus");
        String message = status.path("Message").asText("");
        switch (status.path("State").asText("")) {
            case "updating" -> rollback = false;
            case "completed" -> {
                if (!converged) {
                    return Pass.DONE;
                }
            }
            case "paused" -> throw new IllegalStateException("service update paused: " + message);
            case "rollback_started" -> {
                if (!rollback && !message.isEmpty()) {
                    sink.progress("rollback", message, 0, 0);
                }
                rollback = true;
            }
            case "rollback_paused" -> throw new IllegalStateException("service rollback paused: " + message);
            case "rollback_completed" -> {
                if (!converged) {
                    finalRollbackMessage = message;
                }
            }
            default -> { }
        }
        if (converged && nowNanos - convergedAtNanos >= monitorNanos) {
            sink.progress("verify", "Service " + serviceArg + " converged", 0, 0);
            if (finalRollbackMessage != null) {
                sink.progress("rollback", finalRollbackMessage, 0, 0);
            }
            return Pass.DONE;
        }
        return Pass.CONTINUE;
    }

    /** Counts the running up-to-date tasks on active nodes and reports progress. */
    public void afterTasks(JsonNode service, JsonNode tasks, JsonNode nodes, long nowNanos) {
        Set<String> activeNodes = new HashSet<>();
        nodes.forEach(n -> {
            if (!"down".equals(n.path("Status").path("State").asText(""))) {
                activeNodes.add(n.path("ID").asText(""));
            }
        });
        converged = global ? updateGlobal(tasks, activeNodes)
                : updateReplicated(service.path("Spec").path("Mode").path("Replicated").path("Replicas").asLong(0),
                tasks, activeNodes);
        if (converged) {
            if (convergedAtNanos < 0) {
                convergedAtNanos = nowNanos;
            }
            long wait = monitorNanos - (nowNanos - convergedAtNanos);
            if (wait >= 0) {
                // Go reads the clock again after noting convergence, so its wait is always a little
                // short of whole seconds: 5s of monitor period shows as "Waiting 5 seconds".
                sink.progress("verify", "Waiting " + ((wait - 1) / 1_000_000_000L + 1)
                        + " seconds to verify that tasks are stable...", 0, 0);
            }
        } else {
            if (convergedAtNanos >= 0) {
                sink.progress("verify", "Detected task failure", 0, 0);
            }
            convergedAtNanos = -1;
        }
    }

    private boolean updateReplicated(long replicas, JsonNode tasks, Set<String> activeNodes) {
        if (!initialized) {
            overall(0, replicas);
            if (replicas <= MAX_PROGRESS_BARS) {
                for (long i = 1; i <= replicas; i++) {
                    sink.progress(i + "/" + replicas, " ", 0, 0);
                }
            }
            initialized = true;
        }
        Map<Long, JsonNode> bySlot = pick(tasks, activeNodes, false);
        if (done && bySlot.values().stream().anyMatch(t -> !"running".equals(state(t)))) {
            done = false;
        }
        long running = 0;
        for (Map.Entry<Long, JsonNode> entry : bySlot.entrySet()) {
            int mapped = slotMap.computeIfAbsent(entry.getKey(), slot -> slotMap.size() + 1);
            JsonNode task = entry.getValue();
            if (!terminal(task.path("DesiredState").asText("")) && "running".equals(state(task))) {
                running++;
            }
            if (!done && replicas <= MAX_PROGRESS_BARS && mapped <= replicas) {
                taskProgress(task, mapped + "/" + replicas);
            }
        }
        if (!done) {
            overall(running, replicas);
            done = running == replicas;
        }
        return running == replicas;
    }

    private boolean updateGlobal(JsonNode tasks, Set<String> activeNodes) {
        Map<String, JsonNode> byNode = new TreeMap<>();
        pick(tasks, Set.of(), true).values().forEach(t -> byNode.put(t.path("NodeID").asText(""), t));
        int nodeCount = byNode.size();
        if (!initialized) {
            if (nodeCount == 0) {
                sink.progress("overall progress", "waiting for new tasks", 0, 0);
                return false;
            }
            overall(0, nodeCount);
            initialized = true;
        }
        if (done && byNode.values().stream().anyMatch(t -> !"running".equals(state(t)))) {
            done = false;
        }
        int running = 0;
        for (JsonNode task : byNode.values()) {
            if (activeNodes.contains(task.path("NodeID").asText(""))) {
                if (!terminal(task.path("DesiredState").asText("")) && "running".equals(state(task))) {
                    running++;
                }
                if (!done && nodeCount <= MAX_PROGRESS_BARS) {
                    taskProgress(task, NetworkTable.truncateId(task.path("NodeID").asText("")));
                }
            }
        }
        if (!done) {
            overall(running, nodeCount);
            done = running == nodeCount;
        }
        return running == nodeCount;
    }

    /**
     * One task per slot (or node): the lower desired state wins, then the lower observed state;
     * tasks in unknown states, and (per slot) tasks on nodes that are not active, are skipped.
     */
    private static Map<Long, JsonNode> pick(JsonNode tasks, Set<String> activeNodes, boolean byNode) {
        Map<Long, JsonNode> chosen = new TreeMap<>();
        Map<String, Long> nodeKeys = new TreeMap<>();
        for (JsonNode task : tasks) {
            int desired = STATES.getOrDefault(task.path("DesiredState").asText(""), 0);
            int observed = STATES.getOrDefault(state(task), 0);
            if (desired == 0 || observed == 0) {
                continue;
            }
            long key = byNode ? nodeKeys.computeIfAbsent(task.path("NodeID").asText(""), k -> (long) nodeKeys.size())
                    : task.path("Slot").asLong(0);
            JsonNode existing = chosen.get(key);
            if (existing != null) {
                int existingDesired = STATES.get(existing.path("DesiredState").asText(""));
                if (existingDesired < desired) {
                    continue;
                }
                if (existingDesired == desired && STATES.get(state(existing)) <= observed) {
                    continue;
                }
            }
            String node = task.path("NodeID").asText("");
            if (!byNode && !node.isEmpty() && !activeNodes.contains(node)) {
                continue;
            }
            chosen.put(key, task);
        }
        return chosen;
    }

    private void taskProgress(JsonNode task, String id) {
        String err = task.path("Status").path("Err").asText("");
        if (!err.isEmpty()) {
            sink.progress(id, err.length() > MAX_ERROR_LENGTH ? err.substring(0, MAX_ERROR_LENGTH - 1) + "…" : err, 0, 0);
            return;
        }
        String state = state(task);
        if (!terminal(task.path("DesiredState").asText("")) && !terminal(state)) {
            int number = STATES.getOrDefault(state, 0);
            sink.progress(id, String.format("%-" + LONGEST_STATE + "s", state), rollback ? RUNNING - number : number,
                    RUNNING);
        }
    }

    private void overall(long running, long total) {
        sink.progress("overall progress", (rollback ? "rolling back update: " : "") + running + " out of " + total
                + " tasks", 0, 0);
    }

    private static String state(JsonNode task) {
        return task.path("Status").path("State").asText("");
    }

    private static boolean terminal(String state) {
        return STATES.getOrDefault(state, 0) > RUNNING;
    }
}
