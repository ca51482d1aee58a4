package dev.swarmnet.controlplane.trust;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;

/**
 * A swarm join token in Docker's v1 format:
 * {@code SWMTKN-1-<CA digest>-<secret>}, where the CA digest is the SHA-256 of the root CA
 * certificate read as a big-endian unsigned integer in lowercase base 36, left-padded with
 * {@code 0} to 50 characters, and the secret is 16 random bytes the same way, padded to 25.
 * The digest is public and pins the CA; the secret authorizes a join. Immutable; any thread.
 *
 * <p>Docker hashes the PEM bundle of the root CA; swarmnet hashes the certificate's DER, which
 * has one encoding only. The text format is identical; the digests of the two differ.
 */
public final class JoinToken {
    public static final String PREFIX = "SWMTKN";
    public static final String VERSION = "1";
    public static final int DIGEST_LENGTH = 50;
    public static final int SECRET_LENGTH = 25;
    public static final int SECRET_BYTES = 16;
    /** Total length of a v1 token: {@code SWMTKN-1-} + 50 + {@code -} + 25. */
    public static final int LENGTH = PREFIX.length() + 1 + VERSION.length() + 1 + DIGEST_LENGTH + 1 + SECRET_LENGTH;

    private static final int RADIX = 36;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String caDigest;
    private final String secret;

    private JoinToken(String caDigest, String secret) {
        this.caDigest = caDigest;
        this.secret = secret;
    }

    /** A token for {@code caCertificate} with a fresh secret from {@link SecureRandom}. */
    public static JoinToken generate(X509Certificate caCertificate) {
        byte[] secretBytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secretBytes);
        return new JoinToken(caDigest(caCertificate), base36(secretBytes, SECRET_LENGTH));
    }

    /** The token in {@code text}; a {@link JoinTokenException} names the first thing wrong. */
    public static JoinToken parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new JoinTokenException("empty");
        }
        String[] fields = text.trim().split("-", -1);
        if (!fields[0].equals(PREFIX)) {
            throw new JoinTokenException("must start with '" + PREFIX + "-'");
        }
        if (fields.length < 2 || !fields[1].equals(VERSION)) {
            throw new JoinTokenException("unsupported version '" + (fields.length < 2 ? "" : fields[1])
                    + "' (only " + PREFIX + "-" + VERSION + " is supported)");
        }
        if (fields.length != 4) {
            throw new JoinTokenException("expected 4 dash-separated fields, found " + fields.length);
        }
        String digest = field(fields[2], "CA digest", DIGEST_LENGTH, 256);
        String secret = field(fields[3], "secret", SECRET_LENGTH, SECRET_BYTES * 8);
        return new JoinToken(digest, secret);
    }

    /** The 50-character base-36 SHA-256 digest of {@code caCertificate}'s DER encoding. */
    public static String caDigest(X509Certificate caCertificate) {
        try {
            byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(caCertificate.getEncoded());
            return base36(sha256, DIGEST_LENGTH);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot digest the CA certificate: " + e.getMessage(), e);
        }
    }

    /** Whether {@code presentedCa} is the CA this token pins (compared in constant time). */
    public boolean matchesCa(X509Certificate presentedCa) {
        return constantTimeEquals(caDigest, caDigest(presentedCa));
    }

    /**
     * Throws unless {@code presentedCa} is the CA this token pins. The joining node calls this
     * on the CA a manager presents before trusting anything from it: no trust on first use.
     */
    public void verifyCa(X509Certificate presentedCa) {
        if (!matchesCa(presentedCa)) {
            throw new JoinTokenException("the CA presented by the manager does not match the token (token pins "
                    + caDigest + ", manager presented " + caDigest(presentedCa) + ")");
        }
    }

    /** Whether {@code other} carries the same secret, compared in constant time. */
    public boolean sameSecret(JoinToken other) {
        return constantTimeEquals(secret, other.secret);
    }

    public String caDigest() {
        return caDigest;
    }

    /** The full token text, secret included: for the user and the replicated state only. */
    public String encoded() {
        return PREFIX + "-" + VERSION + "-" + caDigest + "-" + secret;
    }

    /** The token with its secret redacted, safe to log. */
    @Override
    public String toString() {
        return PREFIX + "-" + VERSION + "-" + caDigest + "-<redacted>";
    }

    /** String equality whose running time depends only on the lengths, not on where they differ. */
    static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    private static String field(String value, String name, int length, int maxBits) {
        if (value.length() != length) {
            throw new JoinTokenException("the " + name + " must be " + length + " characters, found " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'z')) {
                throw new JoinTokenException("the " + name + " must be lowercase base 36 (0-9, a-z), found '"
                        + (name.equals("secret") ? "?" : String.valueOf(c)) + "' at position " + i);
            }
        }
        if (new BigInteger(value, RADIX).bitLength() > maxBits) {
            throw new JoinTokenException("the " + name + " is out of range (more than " + maxBits + " bits)");
        }
        return value;
    }

    private static String base36(byte[] bigEndian, int width) {
        String digits = new BigInteger(1, bigEndian).toString(RADIX);
        return "0".repeat(width - digits.length()) + digits;
    }
}
