package dev.swarmnet.bench.report;

import java.util.Locale;

/** How the report and the charts print numbers: few digits, no locale surprises. Pure. */
public final class Numbers {
    private Numbers() {
    }

    /** {@code 12,345}, {@code 123}, {@code 12.3}, {@code 1.23}, {@code 0.0123}; {@code n/a} for NaN. */
    public static String value(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1 || a == 0) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /** A ratio as {@code 0.93x}. */
    public static String ratio(double r) {
        return String.format(Locale.ROOT, "%.2fx", r);
    }
}
