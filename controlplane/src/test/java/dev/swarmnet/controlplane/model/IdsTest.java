package dev.swarmnet.controlplane.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void shouldMakeTwentyFiveLowercaseBase36Characters() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            String id = Ids.newId();
            assertThat(id).hasSize(25).matches("[0-9a-z]{25}");
            assertThat(Ids.isValid(id)).isTrue();
            seen.add(id);
        }
        assertThat(seen).hasSize(2_000);
    }

    @Test
    void shouldMakeTheSameIdFromTheSameSeed() {
        assertThat(Ids.newId(new Random(7))).isEqualTo(Ids.newId(new Random(7)));
    }

    @Test
    void shouldUseEveryDigitAndLetterOverManyIds() {
        Random random = new Random(1);
        Set<Character> used = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            for (char c : Ids.newId(random).toCharArray()) {
                used.add(c);
            }
        }
        assertThat(used).hasSize(36);
    }

    @Test
    void shouldRejectIdsOfTheWrongShape() {
        assertThat(Ids.isValid(null)).isFalse();
        assertThat(Ids.isValid("")).isFalse();
        assertThat(Ids.isValid("rpgghi749nqvc3kz550vwdwp")).as("24 characters").isFalse();
        assertThat(Ids.isValid("rpgghi749nqvc3kz550vwdwpbb")).as("26 characters").isFalse();
        assertThat(Ids.isValid("RPGGHI749NQVC3KZ550VWDWPB")).as("uppercase").isFalse();
        assertThat(Ids.isValid("rpgghi749nqvc3kz550vw:wpb")).as("a colon would break TruncateID").isFalse();
        assertThat(Ids.isValid("rpgghi749nqvc3kz550vwdwpb")).isTrue();
        assertThatThrownBy(() -> Ids.requireValid("x")).hasMessage("invalid ID x: want 25 characters from [0-9a-z]");
    }
}
