package dev.swarmnet.controlplane.model;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Object IDs as swarmkit makes them ({@code identity/randomid.go}): 17 random bytes with the top
 * bit forced on, written in base 36, first digit dropped, 25 lowercase characters kept.
 *
 * <p>IDs are made by the proposer (API server, CA) and carried inside commands: the replicated
 * state machine never draws random numbers. Thread-safe.
 */
public final class Ids {
    /** Length of every ID. */
    public static final int LENGTH = 25;

    private static final int ENTROPY_BYTES = 17;
    private static final int RADIX = 36;
    private static final Pattern VALID = Pattern.compile("[0-9a-z]{" + LENGTH + "}");
    private static final SecureRandom SECURE = new SecureRandom();

    private Ids() {
    }

    /** A fresh ID from a {@link SecureRandom}. */
    public static String newId() {
        return newId(SECURE);
    }

    /** A fresh ID from the given source; tests pass a seeded {@link Random}. */
    public static String newId(Random random) {
        byte[] bytes = new byte[ENTROPY_BYTES];
        random.nextBytes(bytes);
        bytes[0] |= (byte) 0x80;
        // 2^135 <= n < 2^136 always has 27 base-36 digits; swarmkit keeps digits 1..25.
        return new BigInteger(1, bytes).toString(RADIX).substring(1, LENGTH + 1);
    }

    /** Whether {@code id} has the shape of an ID: exactly 25 characters from [0-9a-z]. */
    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }

    /** Returns {@code id}, or throws {@link IllegalArgumentException} naming it if it is not valid. */
    public static String requireValid(String id) {
        if (!isValid(id)) {
            throw new IllegalArgumentException("invalid ID " + id + ": want 25 characters from [0-9a-z]");
        }
        return id;
    }
}
