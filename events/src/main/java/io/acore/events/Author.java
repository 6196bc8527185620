package io.acore.events;

/** Who wrote a chat message: a platform user id, the name to show, and whether it is a bot account. */
public record Author(String id, String name, boolean bot) {
    public Author {
        Require.text(id, "author.id");
        Require.text(name, "author.name");
    }
}
