package dev.swarmnet.bench.report;

import java.util.Locale;

/** Which direction of a figure is the good one: more requests per second, fewer microseconds. */
public enum Better {
    HIGHER,
    LOWER;

    /**
     * {@code higher} or {@code lower}, any case.
     *
     * @throws IllegalArgumentException naming the word when it is neither
     */
    public static Better parse(String word) {
        return switch (word.strip().toLowerCase(Locale.ROOT)) {
            case "higher" -> HIGHER;
            case "lower" -> LOWER;
            default -> throw new IllegalArgumentException("'" + word + "' is not 'higher' or 'lower'");
        };
    }

    /** How a reader says it: "higher is better". */
    public String phrase() {
        return this == HIGHER ? "higher is better" : "lower is better";
    }
}
