package dev.swarmnet.controlplane.daemon;

import dev.swarmnet.controlplane.api.ApiException;
import dev.swarmnet.controlplane.api.DaemonMessages;
import dev.swarmnet.controlplane.state.Result;
import dev.swarmnet.controlplane.store.Outcome;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for the store on an API worker and turns what it says into the API's errors: a refused
 * command's {@link Outcome} becomes an {@link ApiException} with its status and Docker-worded
 * message ("update out of sequence" as moby sends it: wrapped, HTTP 500); a store that cannot
 * reach a leader in time becomes swarmkit's 503 "does not have a leader". Pure apart from the wait.
 */
final class StoreCalls {
    /** swarmkit's {@code raft.ErrNoClusterLeader} as the daemon wraps it. */
    static final String NO_LEADER = "rpc error: code = Unknown desc = The swarm does not have a leader. It's possible "
            + "that too few managers are online. Make sure more than half of the managers are online.";
    /** A little more than the Raft client's own retry window (30 s). */
    static final Duration TIMEOUT = Duration.ofSeconds(35);

    private StoreCalls() {
    }

    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("interrupted while waiting for the swarm store");
        } catch (ExecutionException | TimeoutException e) {
            future.cancel(false);
            throw ApiException.unavailable(NO_LEADER);
        }
    }

    /** The outcome if it succeeded; otherwise the API error it stands for. */
    static Outcome check(Outcome outcome) {
        if (outcome.succeeded()) {
            return outcome;
        }
        throw failure(outcome.status(), outcome.message());
    }

    /** A failed lookup's API error. */
    static ApiException failure(Result.Failure<?> failure) {
        return failure(failure.status(), failure.message());
    }

    static ApiException failure(int status, String message) {
        if (status == Result.CONFLICT && message.equals("update out of sequence")) {
            return new ApiException(500, DaemonMessages.UPDATE_OUT_OF_SEQUENCE);
        }
        return new ApiException(status >= 400 && status <= 599 ? status : 500, message);
    }
}
