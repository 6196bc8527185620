package io.acore.persona.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.acore.persona.config.PersonaConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersonaCatalogTest {
    @TempDir
    Path cards;

    private static PersonaConfig config(Optional<String> cardsDir, String defaultPersona) {
        return new PersonaConfig() {
            public Optional<String> cardsDir() {
                return cardsDir;
            }

            public String defaultPersona() {
                return defaultPersona;
            }

            public Optional<List<String>> channelDefaults() {
                return Optional.empty();
            }

            public int historyTurns() {
                return 20;
            }

            public Duration partialInterval() {
                return Duration.ZERO;
            }

            public Duration noticeCooldown() {
                return Duration.ZERO;
            }
        };
    }

    private static String card(String name, String description) {
        return "{\"spec\":\"chara_card_v2\",\"spec_version\":\"2.0\",\"data\":{\"name\":\"" + name
                + "\",\"description\":\"" + description + "\"}}";
    }

    private PersonaCatalog load(String defaultPersona) {
        return new PersonaCatalog(new CardParser(new ObjectMapper()), config(Optional.of(cards.toString()), defaultPersona));
    }

    @Test
    void loadsTheBuiltInsPlusAFolderWhoseCardsReplaceBuiltInsAndSkipsBrokenOnes() throws IOException {
        Files.writeString(cards.resolve("nova.json"), card("Nova", "a comet watcher"));
        Files.writeString(cards.resolve("sable.json"), card("Sable", "a local override"));
        Files.writeString(cards.resolve("broken.json"), "{\"spec\":\"chara_card_v2\"");
        Files.writeString(cards.resolve("notes.txt"), "not a card");

        PersonaCatalog catalog = load("nova");

        assertThat(catalog.all()).extracting(CharacterCard::id)
                .containsExactlyInAnyOrder("sable", "quill", "marlow", "juniper", "nova");
        assertThat(catalog.find("sable").orElseThrow().description()).isEqualTo("a local override");
    }

    @Test
    void refusesToStartWithADefaultPersonaThatIsNotLoaded() {
        assertThatThrownBy(() -> load("nobody")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the default persona 'nobody' is not among the loaded personas");
    }
}
