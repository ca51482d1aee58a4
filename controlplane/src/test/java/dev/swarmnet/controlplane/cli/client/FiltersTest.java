package dev.swarmnet.controlplane.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FiltersTest {

    @Test
    void encodesAMapOfSetsWithSortedKeysAsDockersClientDoes() {
        Filters filters = new Filters().with("service", "626as37knwmv9522ac2tys4i6").with("_up-to-date", "true");

        assertThat(filters.json()).isEqualTo("{\"_up-to-date\":{\"true\":true},\"service\":{\"626as37knwmv9522ac2tys4i6\":true}}");
        assertThat(filters.query('?')).startsWith("?filters=%7B%22_up-to-date%22");
    }

    @Test
    void parsesFilterFlagsAndRefusesOnesWithoutAnEqualsSign() {
        assertThat(Filters.parse(List.of("name=web", "name=api")).values("name")).containsExactly("api", "web");
        assertThat(Filters.parse(List.of()).query('?')).isEmpty();
        assertThatThrownBy(() -> Filters.parse(List.of("web"))).hasMessage("bad format of filter (expected name=value)");
    }
}
