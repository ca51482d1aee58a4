package dev.swarmnet.controlplane.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TabWriterTest {

    @Test
    void shouldPadEveryColumnToItsWidestCellPlusThreeButAtLeastTen() {
        String text = TabWriter.docker().line("A\tBB\tlast").line("CCCCCCCCCCCC\tD\tx").render();

        assertThat(text).isEqualTo("A              BB        last\nCCCCCCCCCCCC   D         x\n");
    }

    @Test
    void shouldLeaveTheTextAfterTheLastTabUnpadded() {
        assertThat(TabWriter.docker().line("a\tb   ").render()).isEqualTo("a         b   \n");
    }

    @Test
    void shouldStartANewBlockWhereALineHasNoCellInTheColumn() {
        String text = new TabWriter(0, 1).line("aaaa\tb").line("no tabs").line("c\td").render();

        assertThat(text).isEqualTo("aaaa b\nno tabs\nc d\n");
    }

    @Test
    void shouldCountCharactersNotBytes() {
        assertThat(new TabWriter(0, 1).line("é\tx").line("ab\ty").render()).isEqualTo("é  x\nab y\n");
    }
}
