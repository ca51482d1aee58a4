package dev.swarmnet.controlplane.cli.client;

/** The daemon could not be reached or the connection broke; the message says where and why. */
public final class DaemonUnreachableException extends RuntimeException {

    DaemonUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
