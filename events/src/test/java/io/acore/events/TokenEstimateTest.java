package io.acore.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.acore.events.text.TokenEstimate;
import org.junit.jupiter.api.Test;

class TokenEstimateTest {

    @Test
    void englishCountsAboutThreeAndAHalfCharactersPerToken() {
        String text = "The lamp in the tower has been lit since the storm began.";
        assertThat(TokenEstimate.of(text)).isEqualTo((int) Math.ceil(text.length() / 3.5));
        assertThat(TokenEstimate.ofMessage(text)).isEqualTo(TokenEstimate.of(text) + 4);
        assertThat(TokenEstimate.of("")).isZero();
    }

    @Test
    void everyAsciiCharacterCountsAsLatinText() {
        for (char c = 0; c < 0x80; c++) {
            Character.UnicodeScript script = Character.UnicodeScript.of(c);
            assertThat(script).as("U+%04X", (int) c)
                    .isIn(Character.UnicodeScript.LATIN, Character.UnicodeScript.COMMON);
            assertThat(Character.getType(c)).as("U+%04X", (int) c).isNotEqualTo((int) Character.OTHER_SYMBOL);
            assertThat(TokenEstimate.of(String.valueOf(c).repeat(7))).as("U+%04X", (int) c).isEqualTo(2);
        }
    }

    @Test
    void chineseJapaneseKoreanAndThaiCountATokenPerCharacterAndOtherAlphabetsTwoLettersPerToken() {
        assertThat(TokenEstimate.of("灯台の明かりは嵐の間ずっと灯っていた。")).as("Japanese, with its full stop").isEqualTo(19);
        assertThat(TokenEstimate.of("등대의 불빛")).as("Korean: five syllables and a space").isEqualTo(6);
        assertThat(TokenEstimate.of("маяк горит")).as("Russian: nine letters and a space").isEqualTo(5);
        assertThat(TokenEstimate.of("🌧️🌧️")).as("emoji").isGreaterThanOrEqualTo(2);
    }

    @Test
    void aCharacterCardInJapaneseIsNoLongerCountedAsAThirdOfItsSize() {
        String card = "彼女は海辺の町で古い灯台を守っている。".repeat(40);
        assertThat(TokenEstimate.of(card)).isGreaterThanOrEqualTo(card.length());
    }
}
