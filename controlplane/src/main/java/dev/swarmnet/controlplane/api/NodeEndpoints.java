package dev.swarmnet.controlplane.api;

import dev.swarmnet.controlplane.api.model.NodeSpec;
import java.util.Set;

/** {@code /nodes}: list, inspect, update, remove. Name and prefix lookup is the backend's. */
final class NodeEndpoints {

    /** The node list filters moby accepts; any other key is a 400. */
    static final Set<String> FILTERS = Set.of("id", "label", "name", "membership", "role", "node.label");

    private final SwarmBackend backend;

    NodeEndpoints(SwarmBackend backend) {
        this.backend = backend;
    }

    void register(ApiRouter router) {
        router.add("GET", "/nodes", (request, params) -> {
            Filters filters = Filters.parse(request.param("filters")).requireKeys(FILTERS);
            return ApiResponse.json(backend.listNodes(filters));
        })
                .add("GET", "/nodes/([^/]+)", (request, params) -> ApiResponse.json(backend.inspectNode(params.get(0))))
                .add("POST", "/nodes/([^/]+)/update", (request, params) -> {
                    long version = request.version("node");
                    NodeSpec spec = request.json(NodeSpec.class);
                    if (spec.role() == null) {
                        throw ApiException.badRequest("invalid Role: \"\"");
                    }
                    if (spec.availability() == null) {
                        throw ApiException.badRequest("invalid Availability: \"\"");
                    }
                    backend.updateNode(params.get(0), version, spec);
                    return ApiResponse.empty();
                })
                .add("DELETE", "/nodes/([^/]+)", (request, params) -> {
                    backend.removeNode(params.get(0), request.flag("force"));
                    return ApiResponse.empty();
                });
    }
}
