package dev.swarmnet.controlplane.api;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps a request to its endpoint: strips the version prefix, matches method and path, and turns
 * every failure into a Docker error response. Requests outside the subset get 501 naming the
 * method and path. Immutable after construction; {@link #handle} runs on the API worker
 * threads and never throws.
 */
public final class ApiRouter {

    /** One endpoint: decode, call the backend, encode. May block. */
    @FunctionalInterface
    public interface Endpoint {
        /**
         * @param request    the request
         * @param pathParams the path pattern's groups, in order
         */
        ApiResponse handle(ApiRequest request, List<String> pathParams);
    }

    private record Route(String method, Pattern path, Endpoint endpoint) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(ApiRouter.class);

    private final List<Route> routes = new ArrayList<>();

    /** The routes of every endpoint swarmnet serves. */
    public static ApiRouter forBackend(SwarmBackend backend) {
        return forBackend(backend, null);
    }

    /** The routes of every endpoint swarmnet serves, and configuration reloads when {@code reloads} is not null. */
    public static ApiRouter forBackend(SwarmBackend backend, ConfigReloads reloads) {
        ApiRouter router = new ApiRouter();
        if (reloads != null) {
            new ConfigEndpoints(reloads).register(router);
        }
        new SystemEndpoints(backend).register(router);
        new SwarmEndpoints(backend).register(router);
        new NodeEndpoints(backend).register(router);
        new TaskEndpoints(backend).register(router);
        new NetworkEndpoints(backend).register(router);
        new ServiceEndpoints(backend).register(router);
        return router;
    }

    /**
     * Adds a route; {@code GET} routes also answer {@code HEAD}.
     *
     * @param pathRegex an anchored-by-default regex over the path without version prefix
     */
    public ApiRouter add(String method, String pathRegex, Endpoint endpoint) {
        routes.add(new Route(method, Pattern.compile(pathRegex), endpoint));
        return this;
    }

    /** Answers a request; failures become {@code {"message": ...}} responses. */
    public ApiResponse handle(ApiRequest request) {
        try {
            String path = ApiVersions.stripPrefix(request.path());
            Route headFallback = null;
            Matcher headMatch = null;
            for (Route route : routes) {
                Matcher m = route.path().matcher(path);
                if (!m.matches()) {
                    continue;
                }
                if (route.method().equals(request.method())) {
                    return route.endpoint().handle(request, groups(m));
                }
                if (headFallback == null && request.method().equals("HEAD") && route.method().equals("GET")) {
                    headFallback = route;
                    headMatch = m;
                }
            }
            if (headFallback != null) {
                return headFallback.endpoint().handle(request, groups(headMatch));
            }
            throw ApiException.notImplemented("swarmnet does not implement " + request.method() + " " + path
                    + ": it serves only the swarm, node, network, service and task part of the Docker Engine API "
                    + ApiVersions.CURRENT);
        } catch (ApiException e) {
            return ApiResponse.error(e);
        } catch (RuntimeException e) {
            LOG.warn("{} {} failed", request.method(), request.path(), e);
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return ApiResponse.error(new ApiException(500, message));
        }
    }

    private static List<String> groups(Matcher m) {
        List<String> groups = new ArrayList<>(m.groupCount());
        for (int i = 1; i <= m.groupCount(); i++) {
            groups.add(m.group(i));
        }
        return groups;
    }
}
