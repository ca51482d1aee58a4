package dev.swarmnet.controlplane.api;

import dev.swarmnet.controlplane.api.model.VersionInfo;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /_ping}, {@code /version} and {@code /info}. The ping carries the {@code Swarm} header
 * the CLI uses to decide which command groups {@code docker --help} shows.
 */
final class SystemEndpoints {

    private final SwarmBackend backend;

    SystemEndpoints(SwarmBackend backend) {
        this.backend = backend;
    }

    void register(ApiRouter router) {
        router.add("GET", "/_ping", this::ping)
                .add("HEAD", "/_ping", this::ping)
                .add("GET", "/version", (request, params) -> ApiResponse.json(version()))
                .add("GET", "/info", (request, params) -> ApiResponse.json(backend.info()));
    }

    private ApiResponse ping(ApiRequest request, List<String> params) {
        Map<String, String> headers = Map.of(
                "Swarm", backend.status().pingHeader(),
                "Cache-Control", "no-cache, no-store, must-revalidate",
                "Pragma", "no-cache");
        return ApiResponse.text(200, request.method().equals("HEAD") ? "" : "OK", headers);
    }

    private static VersionInfo version() {
        String implementation = SystemEndpoints.class.getPackage().getImplementationVersion();
        return new VersionInfo(
                new VersionInfo.Platform("swarmnet"),
                ApiVersions.ENGINE,
                ApiVersions.CURRENT,
                ApiVersions.MINIMUM,
                "swarmnet-" + (implementation == null ? "dev" : implementation),
                "linux",
                goArch(System.getProperty("os.arch")),
                System.getProperty("os.version"));
    }

    /** Java's {@code os.arch} in Go's {@code GOARCH} spelling. */
    static String goArch(String javaArch) {
        return switch (javaArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i686" -> "386";
            default -> javaArch;
        };
    }
}
