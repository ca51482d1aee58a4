package dev.swarmnet.controlplane.model;

import java.util.List;
import java.util.Objects;

/**
 * How a task's health is checked (Docker's {@code HealthConfig}): a command run in the task's
 * namespace every {@code interval}; exit 0 is healthy. A task with a check is {@code starting}
 * (and gets no traffic) until a probe succeeds, and fails with "task: container unhealthy" after
 * {@code retries} failed probes in a row; failures within {@code startPeriod} of the start do not
 * count. Zero durations and retries mean Docker's defaults ({@link #intervalOrDefault()}, ...).
 *
 * @param test             {@code ["CMD", arg...]} (run as given), {@code ["CMD-SHELL", command]} (run by
 *                         {@code /bin/sh -c}) or {@code ["NONE"]} (no check, also overriding the image's)
 * @param intervalNanos    between the end of one probe and the start of the next (Docker: 30 s)
 * @param timeoutNanos     a probe running longer fails (Docker: 30 s)
 * @param retries          failed probes in a row that make the task unhealthy (Docker: 3)
 * @param startPeriodNanos grace after the start during which failures do not count (Docker: 0)
 */
public record HealthCheck(List<String> test, long intervalNanos, long timeoutNanos, int retries,
                          long startPeriodNanos) {
    public static final String CMD = "CMD";
    public static final String CMD_SHELL = "CMD-SHELL";
    public static final String NONE = "NONE";
    public static final long DEFAULT_INTERVAL_NANOS = 30_000_000_000L;
    public static final long DEFAULT_TIMEOUT_NANOS = 30_000_000_000L;
    public static final int DEFAULT_RETRIES = 3;

    public HealthCheck {
        test = test == null ? List.of() : List.copyOf(test);
        Objects.requireNonNull(test, "test");
    }

    /** Whether this check runs a probe at all ({@code NONE} or an empty test: no). */
    public boolean probes() {
        return test.size() >= 2 && (test.get(0).equals(CMD) || test.get(0).equals(CMD_SHELL));
    }

    /** The probe's argv: the words after {@code CMD}, or {@code /bin/sh -c COMMAND}. */
    public List<String> argv() {
        if (!probes()) {
            return List.of();
        }
        return test.get(0).equals(CMD) ? test.subList(1, test.size()) : List.of("/bin/sh", "-c", test.get(1));
    }

    public long intervalOrDefault() {
        return intervalNanos > 0 ? intervalNanos : DEFAULT_INTERVAL_NANOS;
    }

    public long timeoutOrDefault() {
        return timeoutNanos > 0 ? timeoutNanos : DEFAULT_TIMEOUT_NANOS;
    }

    public int retriesOrDefault() {
        return retries > 0 ? retries : DEFAULT_RETRIES;
    }
}
