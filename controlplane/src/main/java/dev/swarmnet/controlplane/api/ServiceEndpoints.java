package dev.swarmnet.controlplane.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swarmnet.controlplane.api.model.ServiceCreateResponse;
import dev.swarmnet.controlplane.api.model.ServiceSpec;
import dev.swarmnet.controlplane.api.model.ServiceUpdateResponse;
import dev.swarmnet.controlplane.ingress.ListenRestriction;
import java.util.Set;

/**
 * {@code /services}: create, list, inspect, update (with rollback), remove, logs (docker-api.md
 * §3.5, §4, §6); and {@code /tasks/{id}/logs}, which {@code service logs TASK} reads. {@code GET /services/{ref}?backends=true} adds swarmnet's
 * {@code SwarmnetBackends} ({@link ServiceJson#withBackends}). Specs are checked for fields swarmnet would ignore ({@link SupportedFields}),
 * then validated and normalised ({@link ServiceSpecJson}) before the backend sees them.
 */
final class ServiceEndpoints {

    /** The service list filters moby accepts; any other key is a 400. */
    static final Set<String> FILTERS = Set.of("id", "name", "label", "mode");

    private final SwarmBackend backend;

    ServiceEndpoints(SwarmBackend backend) {
        this.backend = backend;
    }

    void register(ApiRouter router) {
        router.add("GET", "/services", (request, params) -> {
            Filters filters = Filters.parse(request.param("filters")).requireKeys(FILTERS);
            for (String mode : filters.get("mode")) {
                if (!mode.equals("replicated") && !mode.equals("global")) {
                    throw ApiException.badRequest("Invalid filter: 'mode'='" + mode + "'");
                }
            }
            return ApiResponse.json(backend.listServices(filters, request.flag("status")));
        })
                .add("POST", "/services/create", (request, params) -> {
                    var spec = spec(request);
                    SwarmBackend.Created created = backend.createService(spec, request.registryAuth());
                    return ApiResponse.json(201, new ServiceCreateResponse(created.id(),
                            created.warnings().isEmpty() ? null : created.warnings()));
                })
                .add("GET", "/services/([^/]+)", (request, params) -> {
                    var service = backend.inspectService(params.get(0), request.flag("insertDefaults"));
                    if (request.flag("backends")) {
                        return ApiResponse.json(ServiceJson.withBackends(service, backend.dataPlanes()));
                    }
                    return ApiResponse.json(service);
                })
                .add("POST", "/services/([^/]+)/update", (request, params) -> {
                    long version = request.version("service");
                    String rollback = request.param("rollback");
                    if (rollback != null && !rollback.isEmpty() && !rollback.equals("previous")) {
                        throw ApiException.badRequest("invalid rollback '" + rollback
                                + "': the only rollback is 'previous'");
                    }
                    boolean toPrevious = "previous".equals(rollback);
                    String authFrom = request.param("registryAuthFrom");
                    var spec = spec(request);
                    var warnings = backend.updateService(params.get(0), version, spec, toPrevious, authFrom);
                    return ApiResponse.json(new ServiceUpdateResponse(warnings == null ? java.util.List.of()
                            : warnings));
                })
                .add("DELETE", "/services/([^/]+)", (request, params) -> {
                    backend.removeService(params.get(0));
                    return ApiResponse.empty();
                })
                .add("GET", "/services/([^/]+)/logs", (request, params) -> {
                    LogOptions options = logOptions(request);
                    return logs(request, options, backend.serviceLogs(params.get(0), options));
                })
                .add("GET", "/tasks/([^/]+)/logs", (request, params) -> {
                    LogOptions options = logOptions(request);
                    return logs(request, options, backend.taskLogs(params.get(0), options));
                });
    }

    /** The query of a logs request. */
    static LogOptions logOptions(ApiRequest request) {
        LogOptions options = new LogOptions(request.flag("follow"), tail(request.param("tail")),
                request.flag("stdout"), request.flag("stderr"));
        if (!options.stdout() && !options.stderr()) {
            throw ApiException.badRequest("Bad parameters: you must choose at least one stream");
        }
        if (request.param("since") != null || request.param("until") != null) {
            throw ApiException.notImplemented("swarmnet does not filter logs by time (since, until)");
        }
        return options;
    }

    private static ApiResponse logs(ApiRequest request, LogOptions options, LogStream stream) {
        return ApiResponse.streaming(LogFrames.CONTENT_TYPE, new LogFrames(stream, options,
                request.flag("timestamps"), request.flag("details")));
    }

    /**
     * Decodes, checks and validates the spec in the body; a listen restriction that does not parse
     * is refused here, since the mesh would otherwise open the service's ports nowhere.
     */
    private static dev.swarmnet.controlplane.model.ServiceSpec spec(ApiRequest request) {
        JsonNode raw = request.json(JsonNode.class);
        ServiceSpecJson.SUPPORTED.check(raw, "service spec");
        dev.swarmnet.controlplane.model.ServiceSpec spec = ServiceSpecJson.toModel(request.json(ServiceSpec.class));
        String listen = spec.labels().get(ListenRestriction.LABEL);
        if (listen != null) {
            try {
                ListenRestriction.parse(listen);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("invalid label " + e.getMessage());
            }
        }
        return spec;
    }

    /** {@code all}, absent or negative: everything; else a count. */
    static int tail(String value) {
        if (value == null || value.isEmpty() || value.equals("all")) {
            return -1;
        }
        try {
            return Math.max(-1, Integer.parseInt(value));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid tail '" + value + "': expected a number of lines or 'all'");
        }
    }
}
