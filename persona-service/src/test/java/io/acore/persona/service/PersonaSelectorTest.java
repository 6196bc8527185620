package io.acore.persona.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.acore.persona.repository.CharacterCard;
import java.util.List;
import org.junit.jupiter.api.Test;

class PersonaSelectorTest {
    private static CharacterCard card(String name) {
        return new CharacterCard(name.toLowerCase(), name, "", "", "", "", "", "", "", null, List.of());
    }

    @Test
    void findsANameAsAWholeWordOnly() {
        CharacterCard hal = card("Hal");
        assertThat(PersonaSelector.firstMention(hal, "we shall see")).isEmpty();
        assertThat(PersonaSelector.firstMention(hal, "Halo is a game")).isEmpty();
        assertThat(PersonaSelector.firstMention(hal, "hey hal, open the door")).hasValue(4);
        assertThat(PersonaSelector.firstMention(hal, "ping @Hal!")).hasValue(5);
    }

    @Test
    void matchesNamesWithSpacesAndAccents() {
        assertThat(PersonaSelector.firstMention(card("Dr. Émile"), "ask dr. émile about it")).hasValue(4);
    }
}
