package io.acore.persona.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.acore.persona.config.TestPersonaConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersonaCatalogTest {
    @TempDir
    Path cards;

    private static String card(String name, String description) {
        return "{\"spec\":\"chara_card_v2\",\"spec_version\":\"2.0\",\"data\":{\"name\":\"" + name
                + "\",\"description\":\"" + description + "\"}}";
    }

    private PersonaCatalog load(String defaultPersona) {
        return new PersonaCatalog(new CardParser(new ObjectMapper()),
                TestPersonaConfig.defaults().withCardsDir(cards.toString(), defaultPersona));
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
