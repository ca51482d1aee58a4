package dev.swarmnet.controlplane.api;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One decoded request, detached from Netty: method, the path without its version prefix, the
 * query parameters and the body bytes. Immutable.
 *
 * @param method      upper-case HTTP method; {@code HEAD} is routed as {@code GET}
 * @param path        decoded path, with any {@code /vX.Y} prefix
 * @param query       decoded query parameters
 * @param contentType the {@code Content-Type} header, or {@code null}
 * @param body        the request body, empty when none was sent
 * @param registryAuth the {@code X-Registry-Auth} header of a service create, or {@code null}
 */
public record ApiRequest(String method, String path, Map<String, List<String>> query, String contentType,
                         byte[] body, String registryAuth) {

    /** The first value of a query parameter, or {@code null}. */
    public String param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** A boolean query parameter as moby reads it: absent, empty, 0, no, false and none are false. */
    public boolean flag(String name) {
        String value = param(name);
        if (value == null) {
            return false;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        return !(v.isEmpty() || v.equals("0") || v.equals("no") || v.equals("false") || v.equals("none"));
    }

    /**
     * The {@code version} query parameter of an update.
     *
     * @param what the object, for the message: {@code invalid node version 'x'}
     * @throws ApiException 400 when missing or not an unsigned integer
     */
    public long version(String what) {
        String value = param("version");
        try {
            long version = Long.parseLong(value == null ? "" : value);
            if (version >= 0) {
                return version;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest("invalid " + what + " version '" + (value == null ? "" : value)
                + "': the version query parameter must be an unsigned integer");
    }

    /**
     * Decodes the JSON body.
     *
     * @throws ApiException 400 for a non-JSON Content-Type (moby's wording), an empty body or bad JSON
     */
    public <T> T json(Class<T> type) {
        if (contentType != null && !contentType.isEmpty()) {
            String mediaType = contentType.split(";", 2)[0].trim();
            if (!mediaType.equalsIgnoreCase("application/json")) {
                throw ApiException.badRequest("unsupported Content-Type header (" + contentType
                        + "): must be 'application/json'");
            }
        }
        return DockerJson.read(body, type);
    }
}
