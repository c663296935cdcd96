package dev.extos.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** Sizes such as 200k and 64m. */
class SizeConverterTest {
    private final SizeConverter sizes = new SizeConverter();

    @Test
    void readsBinarySuffixes() {
        assertThat(sizes.convert("512")).isEqualTo(512);
        assertThat(sizes.convert("200k")).isEqualTo(200 * 1024);
        assertThat(sizes.convert("64m")).isEqualTo(64L << 20);
        assertThat(sizes.convert("64MiB")).isEqualTo(64L << 20);
        assertThat(sizes.convert("1G")).isEqualTo(1L << 30);
    }

    @Test
    void refusesWhatIsNotASize() {
        assertThatThrownBy(() -> sizes.convert("12q")).isInstanceOf(TypeConversionException.class);
        assertThatThrownBy(() -> sizes.convert("0")).isInstanceOf(TypeConversionException.class);
        assertThatThrownBy(() -> sizes.convert("k")).isInstanceOf(TypeConversionException.class);
    }
}
