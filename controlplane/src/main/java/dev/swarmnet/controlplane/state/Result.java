package dev.swarmnet.controlplane.state;

import java.util.Objects;
import java.util.function.Function;

/**
 * The outcome of a command or a lookup: a value, or a Docker-style error message with the HTTP
 * status the API server answers with.
 *
 * @param <T> the value's type
 */
public sealed interface Result<T> permits Result.Ok, Result.Failure {
    /** Invalid argument or failed precondition (swarmkit's InvalidArgument, FailedPrecondition). */
    int BAD_REQUEST = 400;
    /** No such object. */
    int NOT_FOUND = 404;
    /** Already exists, or a stale {@code ?version=} ("update out of sequence"). */
    int CONFLICT = 409;
    /** No swarm here, or already in one. */
    int UNAVAILABLE = 503;

    static <T> Result<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Result<T> failure(int status, String message) {
        return new Failure<>(status, message);
    }

    /** Whether this is {@link Ok}. */
    boolean succeeded();

    /** The value; {@link IllegalStateException} carrying the message if this is a failure. */
    T value();

    /** The value mapped, or this failure retyped. */
    <U> Result<U> map(Function<? super T, ? extends U> mapper);

    /** Success with {@code value} (a {@code null} value means "nothing to return"). */
    record Ok<T>(T value) implements Result<T> {
        @Override
        public boolean succeeded() {
            return true;
        }

        @Override
        public <U> Result<U> map(Function<? super T, ? extends U> mapper) {
            return new Ok<>(mapper.apply(value));
        }
    }

    /** Failure: {@code status} is one of the constants above, {@code message} is shown to the user. */
    record Failure<T>(int status, String message) implements Result<T> {
        public Failure {
            Objects.requireNonNull(message, "message");
        }

        @Override
        public boolean succeeded() {
            return false;
        }

        @Override
        public T value() {
            throw new IllegalStateException(status + " " + message);
        }

        @Override
        public <U> Result<U> map(Function<? super T, ? extends U> mapper) {
            return new Failure<>(status, message);
        }
    }
}
