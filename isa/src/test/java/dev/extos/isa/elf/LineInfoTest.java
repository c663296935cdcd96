package dev.extos.isa.elf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A line record covers its slot and the slots after it, up to the next record. */
class LineInfoTest {
    private final SourceLine first = new SourceLine("f.c", 3, 5, "    int x = 1;");
    private final SourceLine second = new SourceLine("f.c", 9, 0, "    return x;");

    @Test
    void eachSlotHasTheLastRecordAtOrBeforeIt() {
        LineInfo info = LineInfo.of(Map.of(2, first, 6, second));
        assertThat(info.at(0)).isEmpty();
        assertThat(info.at(1)).isEmpty();
        assertThat(info.at(2)).contains(first);
        assertThat(info.at(5)).contains(first);
        assertThat(info.at(6)).contains(second);
        assertThat(info.at(1000)).contains(second);
        assertThat(info.records()).containsExactly(Map.entry(2, first), Map.entry(6, second));
    }

    @Test
    void emptyInfoHasNoLines() {
        assertThat(LineInfo.empty().at(0)).isEmpty();
        assertThat(LineInfo.empty().isEmpty()).isTrue();
        assertThat(LineInfo.of(Map.of()).isEmpty()).isTrue();
    }

    @Test
    void aSourceLineReadsLikeACompilerMessage() {
        assertThat(first.toString()).isEqualTo("f.c:3:5: int x = 1;");
        assertThat(second.toString()).isEqualTo("f.c:9: return x;");
    }
}
