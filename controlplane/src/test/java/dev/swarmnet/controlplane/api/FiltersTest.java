package dev.swarmnet.controlplane.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class FiltersTest {

    @Test
    void shouldDecodeTheMapOfSetsTheCliSends() {
        Filters filters = Filters.parse("{\"_up-to-date\":{\"true\":true},\"role\":{\"manager\":true,\"worker\":true}}");
        assertThat(filters.get("role")).containsExactly("manager", "worker");
        assertThat(filters.get("_up-to-date")).containsExactly("true");
        assertThat(filters.get("absent")).isEmpty();
    }

    @Test
    void shouldAcceptTheLegacyListForm() {
        assertThat(Filters.parse("{\"name\":[\"mgr\"]}").get("name")).containsExactly("mgr");
    }

    @Test
    void shouldTreatAMissingParameterAsNoFilters() {
        assertThat(Filters.parse(null).values()).isEmpty();
        assertThat(Filters.parse("").values()).isEmpty();
    }

    @Test
    void shouldRefuseTextThatIsNotAMapOfSetsWithA400() {
        for (String bad : new String[] {"{role", "[]", "{\"role\":\"manager\"}", "{\"role\":[1]}"}) {
            assertThatThrownBy(() -> Filters.parse(bad)).isInstanceOf(ApiException.class)
                    .hasMessageStartingWith("invalid filters ")
                    .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(400));
        }
    }

    @Test
    void shouldNameAnUnknownKeyInTheDaemonsWords() {
        assertThatThrownBy(() -> Filters.parse("{\"colour\":{\"red\":true}}").requireKeys(Set.of("role")))
                .hasMessage("invalid filter 'colour'");
    }

    @Test
    void labelFiltersNeedEveryNamedLabelAndValue() {
        Filters filters = Filters.parse("{\"label\":{\"team\":true,\"tier=web\":true}}");
        assertThat(filters.matchesLabels("label", java.util.Map.of("team", "a", "tier", "web"))).isTrue();
        assertThat(filters.matchesLabels("label", java.util.Map.of("team", "a", "tier", "db"))).isFalse();
        assertThat(filters.matchesLabels("label", java.util.Map.of("tier", "web"))).isFalse();
        assertThat(Filters.NONE.matchesLabels("label", java.util.Map.of())).isTrue();
    }

    @Test
    void prefixFiltersMatchAnyValueAsAPrefix() {
        Filters filters = Filters.parse("{\"name\":{\"we\":true,\"db\":true}}");
        assertThat(filters.matchesPrefix("name", "web")).isTrue();
        assertThat(filters.matchesPrefix("name", "api")).isFalse();
        assertThat(filters.matchesPrefix("id", "anything")).isTrue();
    }
}
