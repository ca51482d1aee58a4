package dev.swarmnet.controlplane.api;

import dev.swarmnet.controlplane.api.model.InitRequest;
import dev.swarmnet.controlplane.api.model.JoinRequest;
import dev.swarmnet.controlplane.api.model.SwarmSpec;

/**
 * {@code /swarm}: init, join, leave, inspect, update. Options swarmnet does not implement
 * (autolock, external or custom CAs, root CA rotation, a default log driver) are refused with
 * 501 naming the option, never accepted and dropped.
 */
final class SwarmEndpoints {

    private final SwarmBackend backend;

    SwarmEndpoints(SwarmBackend backend) {
        this.backend = backend;
    }

    void register(ApiRouter router) {
        router.add("GET", "/swarm", (request, params) -> ApiResponse.json(backend.inspectSwarm()))
                .add("POST", "/swarm/init", (request, params) -> {
                    InitRequest init = request.json(InitRequest.class);
                    if (init.autoLockManagers()) {
                        throw autolock();
                    }
                    checkSupported(init.spec());
                    return ApiResponse.json(backend.init(init));
                })
                .add("POST", "/swarm/join", (request, params) -> {
                    backend.join(request.json(JoinRequest.class));
                    return ApiResponse.empty();
                })
                .add("POST", "/swarm/leave", (request, params) -> {
                    backend.leave(request.flag("force"));
                    return ApiResponse.empty();
                })
                .add("POST", "/swarm/update", (request, params) -> {
                    long version = request.version("swarm");
                    if (request.flag("rotateManagerUnlockKey")) {
                        throw ApiException.notImplemented("swarmnet does not support autolock, so there is no "
                                + "manager unlock key to rotate (rotateManagerUnlockKey)");
                    }
                    SwarmSpec spec = request.json(SwarmSpec.class);
                    checkSupported(spec);
                    backend.updateSwarm(version, spec, request.flag("rotateWorkerToken"),
                            request.flag("rotateManagerToken"));
                    return ApiResponse.empty();
                })
                .add("GET", "/swarm/unlockkey", (request, params) -> {
                    throw ApiException.notImplemented("swarmnet does not support autolock, so there is no unlock "
                            + "key (GET /swarm/unlockkey)");
                });
    }

    /** Refuses the spec options swarmnet does not implement. */
    static void checkSupported(SwarmSpec spec) {
        if (spec == null) {
            return;
        }
        if (spec.encryptionConfig() != null && spec.encryptionConfig().autoLockManagers()) {
            throw autolock();
        }
        var ca = spec.caConfig();
        if (ca != null) {
            if (ca.externalCas() != null && !ca.externalCas().isEmpty()) {
                throw ApiException.notImplemented("swarmnet does not support external CAs (--external-ca)");
            }
            if (notEmpty(ca.signingCaCert()) || notEmpty(ca.signingCaKey())) {
                throw ApiException.notImplemented("swarmnet does not support a custom root CA (--ca-cert, --ca-key)");
            }
            if (ca.forceRotate() != null && ca.forceRotate() != 0) {
                throw ApiException.notImplemented("swarmnet does not support rotating the root CA (docker swarm ca "
                        + "--rotate)");
            }
        }
        if (spec.taskDefaults() != null && spec.taskDefaults().logDriver() != null) {
            throw ApiException.notImplemented("swarmnet does not support a default log driver for tasks "
                    + "(TaskDefaults.LogDriver)");
        }
    }

    private static ApiException autolock() {
        return ApiException.notImplemented("swarmnet does not support autolock (--autolock): manager state is not "
                + "encrypted at rest");
    }

    private static boolean notEmpty(String text) {
        return text != null && !text.isEmpty();
    }
}
