package io.acore.events;

/** The persona a reply speaks as: its id, the display name and avatar a webhook shows. */
public record PersonaRef(String id, String name, String avatarUrl) {
    public PersonaRef {
        Require.text(id, "persona.id");
        Require.text(name, "persona.name");
    }
}
