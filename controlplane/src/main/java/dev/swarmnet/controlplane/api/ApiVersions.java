package dev.swarmnet.controlplane.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API versions swarmnet answers to, and the optional {@code /vX.Y} prefix of request paths
 * (docker-api.md §1.1). Pure.
 */
public final class ApiVersions {

    /** The version swarmnet speaks, sent as {@code Api-Version} on every response. */
    public static final String CURRENT = "1.50";

    /** The oldest version accepted in a path prefix, as the Docker daemon. */
    public static final String MINIMUM = "1.24";

    /** The Docker Engine release whose API swarmnet mirrors, for {@code Server} and {@code /version}. */
    public static final String ENGINE = "28.2.2";

    private static final Pattern PREFIX = Pattern.compile("^/v([0-9.]+)(/.*)$");

    private ApiVersions() {
    }

    /**
     * The path without its version prefix; a path without one is returned as is.
     *
     * @throws ApiException 400 in the daemon's words when the version is above {@link #CURRENT}
     *                      or below {@link #MINIMUM}
     */
    public static String stripPrefix(String path) {
        Matcher m = PREFIX.matcher(path);
        if (!m.matches()) {
            return path;
        }
        String version = m.group(1);
        if (compare(version, MINIMUM) < 0) {
            throw ApiException.badRequest("client version " + version + " is too old. Minimum supported API version is "
                    + MINIMUM + ", please upgrade your client to a newer version");
        }
        if (compare(version, CURRENT) > 0) {
            throw ApiException.badRequest("client version " + version + " is too new. Maximum supported API version is "
                    + CURRENT);
        }
        return m.group(2);
    }

    /** Compares dotted versions field by field as integers, as moby's {@code versions.compare}. */
    static int compare(String a, String b) {
        String[] left = a.split("\\.", -1);
        String[] right = b.split("\\.", -1);
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            int l = i < left.length ? number(left[i]) : 0;
            int r = i < right.length ? number(right[i]) : 0;
            if (l != r) {
                return Integer.compare(l, r);
            }
        }
        return 0;
    }

    private static int number(String field) {
        try {
            return Integer.parseInt(field);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
