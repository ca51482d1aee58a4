package dev.swarmnet.controlplane.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swarmnet.controlplane.api.model.Network;
import dev.swarmnet.controlplane.api.model.NetworkCreateRequest;
import dev.swarmnet.controlplane.api.model.NetworkCreateResponse;
import java.util.Set;

/**
 * {@code /networks}: create, list, inspect, remove (docker-api.md §3.4). Only swarm-scoped overlay
 * networks exist; a request for {@code scope=local} finds none. {@code verbose=true} adds Docker's
 * {@code Services} and swarmnet's per-node {@code Nodes} ({@link NetworkJson#verbose}).
 */
final class NetworkEndpoints {

    /** The network list filters moby accepts; any other key is a 400. */
    static final Set<String> FILTERS = Set.of("dangling", "driver", "id", "label", "name", "scope", "type");

    private final SwarmBackend backend;

    NetworkEndpoints(SwarmBackend backend) {
        this.backend = backend;
    }

    void register(ApiRouter router) {
        router.add("GET", "/networks", (request, params) -> {
            Filters filters = Filters.parse(request.param("filters")).requireKeys(FILTERS);
            return ApiResponse.json(backend.listNetworks(filters));
        })
                .add("POST", "/networks/create", (request, params) -> {
                    JsonNode raw = request.json(JsonNode.class);
                    NetworkJson.SUPPORTED.check(raw, "network create request");
                    NetworkCreateRequest create = request.json(NetworkCreateRequest.class);
                    String id = backend.createNetwork(NetworkJson.toModel(create));
                    return ApiResponse.json(201, new NetworkCreateResponse(id, ""));
                })
                .add("GET", "/networks/([^/]+)", (request, params) -> {
                    String scope = request.param("scope");
                    Network network = backend.inspectNetwork(params.get(0));
                    if (scope != null && !scope.isEmpty() && !scope.equals(network.scope())) {
                        throw ApiException.notFound(DaemonMessages.networkNotFound(params.get(0)));
                    }
                    if (request.flag("verbose")) {
                        return ApiResponse.json(NetworkJson.verbose(network, backend.dataPlanes()));
                    }
                    return ApiResponse.json(network);
                })
                .add("DELETE", "/networks/([^/]+)", (request, params) -> {
                    backend.removeNetwork(params.get(0));
                    return new ApiResponse(204, null, new byte[0], java.util.Map.of());
                });
    }
}
