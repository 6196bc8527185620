package io.acore.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InputSanitizerTest {
    private final InputSanitizer sanitizer = new InputSanitizer();

    @Test
    void removesControlAndInvisibleCharacters() {
        assertThat(sanitizer.clean("a\u0000b\u001Bc\u200Bd\u202Ee\uFEFF")).isEqualTo("abcde");
    }

    @Test
    void normalisesWhitespaceButKeepsParagraphs() {
        assertThat(sanitizer.clean("  one \t two  \r\n\r\n\r\n\n three  ")).isEqualTo("one two\n\nthree");
    }

    @Test
    void treatsNullAsEmpty() {
        assertThat(sanitizer.clean(null)).isEmpty();
    }
}
