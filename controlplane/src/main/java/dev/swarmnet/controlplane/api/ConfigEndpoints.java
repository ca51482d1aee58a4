package dev.swarmnet.controlplane.api;

/**
 * swarmnet's own endpoint for its configuration: {@code POST /swarmnet/config/reload} re-reads
 * the file and answers {@code {"File", "Changed", "Applied", "NeedsRestart"}}; a file with
 * problems changes nothing and is a 400 whose message lists them, one per line.
 */
final class ConfigEndpoints {
    static final String RELOAD_PATH = "/swarmnet/config/reload";

    private final ConfigReloads reloads;

    ConfigEndpoints(ConfigReloads reloads) {
        this.reloads = reloads;
    }

    void register(ApiRouter router) {
        router.add("POST", RELOAD_PATH, (request, params) -> reload());
    }

    private ApiResponse reload() {
        ConfigReloads.Outcome outcome = reloads.reload();
        if (!outcome.problems().isEmpty()) {
            throw ApiException.badRequest("configuration not reloaded, nothing changed: "
                    + String.join("\n", outcome.problems()));
        }
        return ApiResponse.json(new Answer(outcome.file(), outcome.changed(), outcome.applied(),
                outcome.needsRestart()));
    }

    /** The JSON answer (Docker's UpperCamelCase names). */
    record Answer(String file, java.util.List<String> changed, java.util.List<String> applied,
                  java.util.List<String> needsRestart) {
    }
}
