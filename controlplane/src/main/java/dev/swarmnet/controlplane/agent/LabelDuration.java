package dev.swarmnet.controlplane.agent;

import java.time.Duration;
import java.util.Locale;

/**
 * A duration given in a service label ({@code swarmnet.lb.affinity}, {@code
 * swarmnet.ingress.idle-timeout}): {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h} or ISO-8601
 * ({@code PT90S}). Labels are free text set by users, so a label that is absent, unreadable or
 * negative reads as zero (the caller's "not set") rather than failing the whole program. Pure.
 */
public final class LabelDuration {
    private LabelDuration() {
    }

    /** The label's duration; zero when absent, invalid or negative. */
    public static Duration parse(String label) {
        if (label == null || label.isBlank()) {
            return Duration.ZERO;
        }
        String text = label.strip().toLowerCase(Locale.ROOT);
        try {
            Duration duration;
            if (text.startsWith("p")) {
                duration = Duration.parse(text.toUpperCase(Locale.ROOT));
            } else if (text.endsWith("ms")) {
                duration = Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            } else if (text.endsWith("s")) {
                duration = Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
            } else if (text.endsWith("m")) {
                duration = Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
            } else if (text.endsWith("h")) {
                duration = Duration.ofHours(Long.parseLong(text.substring(0, text.length() - 1)));
            } else {
                return Duration.ZERO;
            }
            return duration.isNegative() ? Duration.ZERO : duration;
        } catch (RuntimeException e) {
            return Duration.ZERO;
        }
    }
}
