package io.acore.persona.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.acore.persona.config.TestPersonaConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
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
    void twoCardsOfOneNameNeverReplaceEachOtherSilentlyAndATooLargeOneIsSkipped() throws IOException {
        Files.writeString(cards.resolve("a-nova.json"), card("Nova", "the first one"));
        Files.writeString(cards.resolve("b-nova.json"), card("Nova", "the second one"));
        Files.writeString(cards.resolve("huge.json"), card("Huge", "x".repeat(9 * 1024 * 1024)));
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(cards.resolve("wren.charx")))) {
            zip.putNextEntry(new ZipEntry("card.json"));
            zip.write(card("Wren", "a ranger").getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }

        PersonaCatalog catalog = load("nova");

        assertThat(catalog.find("nova").orElseThrow().description()).as("the first by file name, on every start")
                .isEqualTo("the first one");
        assertThat(catalog.find("wren")).isPresent();
        assertThat(catalog.find("huge")).isEmpty();
    }

    @Test
    void refusesToStartWithADefaultPersonaThatIsNotLoaded() {
        assertThatThrownBy(() -> load("nobody")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the default persona 'nobody' is not among the loaded personas");
    }
}
