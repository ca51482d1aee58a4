package dev.swarmnet.controlplane.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JoinTokenTest {
    private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");
    private static final X509Certificate CA = ClusterCa.create(NOW).certificate();
    private static final X509Certificate OTHER_CA = ClusterCa.create(NOW).certificate();
    private static final String DIGEST = "00000000000000000000000000000000000000000000000001";
    private static final String SECRET = "abcdefghijklmnopqrstuvwxy";

    @Test
    void shouldHaveDockersShapePrefixLengthsAndCharset() {
        String token = JoinToken.generate(CA).encoded();

        assertThat(token).hasSize(85).startsWith("SWMTKN-1-").matches("SWMTKN-1-[0-9a-z]{50}-[0-9a-z]{25}");
        assertThat(JoinToken.LENGTH).isEqualTo(85);
    }

    @Test
    void shouldEncodeTheSha256OfTheCaDerAsBigEndianBase36LeftPaddedTo50() throws Exception {
        byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(CA.getEncoded());
        String digest = JoinToken.generate(CA).caDigest();

        assertThat(digest).hasSize(50);
        assertThat(new BigInteger(digest, 36)).isEqualTo(new BigInteger(1, sha256));
    }

    @Test
    void shouldDrawA16ByteSecretFreshForEveryToken() {
        Set<String> secrets = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String secret = JoinToken.generate(CA).encoded().substring(60);
            assertThat(new BigInteger(secret, 36).bitLength()).isLessThanOrEqualTo(128);
            secrets.add(secret);
        }
        assertThat(secrets).hasSize(100);
    }

    @Test
    void shouldRoundTripThroughItsText() {
        JoinToken token = JoinToken.generate(CA);
        JoinToken parsed = JoinToken.parse(token.encoded());

        assertThat(parsed.encoded()).isEqualTo(token.encoded());
        assertThat(parsed.sameSecret(token)).isTrue();
    }

    @Test
    void shouldNeverShowTheSecretInToString() {
        JoinToken token = JoinToken.generate(CA);

        assertThat(token.toString()).doesNotContain(token.encoded().substring(60)).endsWith("-<redacted>");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "empty                         | ''                                          | empty",
        "wrong prefix                  | SWMKEY-1-" + DIGEST + "-" + SECRET + "     | must start with 'SWMTKN-'",
        "lowercase prefix              | swmtkn-1-" + DIGEST + "-" + SECRET + "     | must start with 'SWMTKN-'",
        "wrong version                 | SWMTKN-2-1-" + DIGEST + "-" + SECRET + "   | unsupported version '2' (only SWMTKN-1 is supported)",
        "missing version               | SWMTKN                                      | unsupported version '' (only SWMTKN-1 is supported)",
        "too few fields                | SWMTKN-1-" + DIGEST + "                    | expected 4 dash-separated fields, found 3",
        "too many fields               | SWMTKN-1-" + DIGEST + "-" + SECRET + "-x   | expected 4 dash-separated fields, found 5",
        "short digest                  | SWMTKN-1-" + "1" + "-" + SECRET + "        | the CA digest must be 50 characters, found 1",
        "long secret                   | SWMTKN-1-" + DIGEST + "-" + SECRET + "z    | the secret must be 25 characters, found 26",
        "uppercase in digest           | SWMTKN-1-" + "A" + "0000000000000000000000000000000000000000000000000-" + SECRET + " | the CA digest must be lowercase base 36 (0-9, a-z), found 'A' at position 0",
        "bad char in secret            | SWMTKN-1-" + DIGEST + "-abcdefghijklmnopqrstuvwx_ | the secret must be lowercase base 36 (0-9, a-z), found '?' at position 24",
        "digest over 256 bits          | SWMTKN-1-" + "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz-" + SECRET + " | the CA digest is out of range (more than 256 bits)",
        "secret over 128 bits          | SWMTKN-1-" + DIGEST + "-zzzzzzzzzzzzzzzzzzzzzzzzz | the secret is out of range (more than 128 bits)",
    })
    void shouldRejectAMalformedTokenNamingWhatIsWrong(String description, String text, String reason) {
        assertThatThrownBy(() -> JoinToken.parse(text))
                .isInstanceOf(JoinTokenException.class)
                .hasMessage("invalid join token: " + reason);
    }

    @Test
    void shouldRejectANullToken() {
        assertThatThrownBy(() -> JoinToken.parse(null)).hasMessage("invalid join token: empty");
    }

    @Test
    void shouldAcceptTheCaItPins() {
        JoinToken token = JoinToken.parse(JoinToken.generate(CA).encoded());

        assertThat(token.matchesCa(CA)).isTrue();
        token.verifyCa(CA);
    }

    @Test
    void shouldRefuseAnotherCaSayingItDoesNotMatchTheToken() {
        JoinToken token = JoinToken.generate(CA);

        assertThat(token.matchesCa(OTHER_CA)).isFalse();
        assertThatThrownBy(() -> token.verifyCa(OTHER_CA))
                .isInstanceOf(JoinTokenException.class)
                .hasMessageStartingWith("invalid join token: the CA presented by the manager does not match the token")
                .hasMessageContaining(token.caDigest())
                .hasMessageContaining(JoinToken.caDigest(OTHER_CA))
                .hasMessageNotContaining(token.encoded().substring(60));
    }

    @Test
    void shouldCompareSecretsInConstantTimeWhereverTheyDiffer() {
        // MessageDigest.isEqual visits every byte of equal-length inputs; these pin its results.
        assertThat(JoinToken.constantTimeEquals(SECRET, SECRET)).isTrue();
        assertThat(JoinToken.constantTimeEquals(SECRET, "x" + SECRET.substring(1))).isFalse();
        assertThat(JoinToken.constantTimeEquals(SECRET, SECRET.substring(0, 24) + "z")).isFalse();
        assertThat(JoinToken.constantTimeEquals(SECRET, SECRET.substring(1))).isFalse();
        JoinToken a = JoinToken.generate(CA);
        assertThat(a.sameSecret(JoinToken.generate(CA))).isFalse();
    }
}
