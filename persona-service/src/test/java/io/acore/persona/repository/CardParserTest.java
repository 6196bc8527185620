package io.acore.persona.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CardParserTest {
    private final CardParser parser = new CardParser(new ObjectMapper());

    private CharacterCard parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8), "test.json");
    }

    @Test
    void readsAV2Card() {
        CharacterCard card = parse("""
                {"spec":"chara_card_v2","spec_version":"2.0","data":{"name":"Old Tom","description":"d",
                 "first_mes":"Hi {{user}}","post_history_instructions":"p","tags":["x"],
                 "extensions":{"acore":{"avatar_url":"https://example.org/tom.png"}},"unknown":1,
                 "character_book":{"scan_depth":6,"entries":[
                   {"keys":["harbour"],"content":"Tom ran the harbour.","enabled":true,"insertion_order":5},
                   {"keys":["x"],"content":"disabled","enabled":false,"insertion_order":1},
                   {"keys":["boat"],"secondary_keys":["red"],"selective":true,"content":"The red boat.","insertion_order":2}]}}}""");

        assertThat(card.id()).isEqualTo("old-tom");
        assertThat(card.name()).isEqualTo("Old Tom");
        assertThat(card.firstMessage()).isEqualTo("Hi {{user}}");
        assertThat(card.personality()).isEmpty();
        assertThat(card.avatarUrl()).isEqualTo("https://example.org/tom.png");
        assertThat(card.tags()).containsExactly("x");
        assertThat(card.loreScanDepth()).isEqualTo(6);
        assertThat(card.lore()).extracting(LoreEntry::content).containsExactly("The red boat.", "Tom ran the harbour.");
        assertThat(card.lore().get(0).matches("a red boat")).isTrue();
        assertThat(card.lore().get(0).matches("a blue boat")).isFalse();
    }

    @Test
    void rejectsWhatIsNotAUsableCardSayingWhy() {
        assertThatThrownBy(() -> parse("{not json")).isInstanceOf(InvalidCardException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> parse("{\"name\":\"V1 card\"}")).hasMessageContaining("not a V2 character card");
        assertThatThrownBy(() -> parse("{\"spec\":\"chara_card_v2\",\"data\":{\"name\":\" \"}}"))
                .hasMessageContaining("has no name");
        assertThatThrownBy(() -> parse("{\"spec\":\"chara_card_v2\",\"data\":{\"name\":\"???\"}}"))
                .hasMessageContaining("no letters or digits");
    }
}
