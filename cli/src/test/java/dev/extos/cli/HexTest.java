package dev.extos.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.extos.isa.ExtosException;
import org.junit.jupiter.api.Test;

/** Hex text of raw bytes. */
class HexTest {
    @Test
    void readsPairsWithBlanksCommentsAndEitherCase() {
        assertThat(Hex.parse("aa BB 11cc # a comment\n  dd\n", "x")).containsExactly(0xaa, 0xbb, 0x11, 0xcc, 0xdd);
        assertThat(Hex.parse("", "x")).isEmpty();
    }

    @Test
    void refusesOddDigitsAndNonHex() {
        assertThatThrownBy(() -> Hex.parse("aa b", "--mem")).isInstanceOf(ExtosException.class)
                .hasMessage("--mem, column 4: 'b' has an odd number of hex digits; each byte takes two");
        assertThatThrownBy(() -> Hex.parse("aa\n٣٣", "f.hex")).hasMessageStartingWith("f.hex:2:1: '٣٣' is not hex bytes");
    }

    @Test
    void guessesTextFromContent() {
        assertThat(Hex.looksLikeHexText("b700000001000000\n# x\n9500000000000000\n".getBytes())).isTrue();
        assertThat(Hex.looksLikeHexText(new byte[] {(byte) 0xb7, 0, 0, 0, 1, 0, 0, 0})).isFalse();
    }
}
