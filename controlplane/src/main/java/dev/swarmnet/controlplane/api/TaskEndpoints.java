package dev.swarmnet.controlplane.api;

import java.util.Set;

/** {@code GET /tasks} (read by {@code service ps}, {@code node ps} and the progress monitor) and {@code GET /tasks/{id}}. */
final class TaskEndpoints {

    /** The task list filters moby accepts; any other key is a 400. */
    static final Set<String> FILTERS = Set.of("id", "name", "label", "service", "node", "desired-state",
            "_up-to-date", "runtime");

    private final SwarmBackend backend;

    TaskEndpoints(SwarmBackend backend) {
        this.backend = backend;
    }

    void register(ApiRouter router) {
        router.add("GET", "/tasks", (request, params) -> {
            Filters filters = Filters.parse(request.param("filters")).requireKeys(FILTERS);
            for (String state : filters.get("desired-state")) {
                if (!Set.of("running", "shutdown", "accepted").contains(state)) {
                    throw ApiException.badRequest("Invalid desired-state filter: '" + state + "'");
                }
            }
            return ApiResponse.json(backend.listTasks(filters));
        })
                .add("GET", "/tasks/([^/]+)", (request, params) -> ApiResponse.json(backend.inspectTask(params.get(0))));
    }
}
