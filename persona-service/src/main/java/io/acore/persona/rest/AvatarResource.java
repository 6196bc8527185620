package io.acore.persona.rest;

import io.acore.events.ConversationId;
import io.acore.persona.card.CharacterCard;
import io.acore.persona.card.PersonaCatalog;
import io.acore.persona.card.Portrait;
import io.acore.persona.repository.ServerSettingsStore;
import io.acore.persona.service.ServerPersonas;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * The personas' avatars, from their cards' pictures: the one part of persona-service meant to be reachable from
 * outside (Discord fetches them by {@code acore.persona.avatar-base-url}). A built-in or folder card's at
 * {@code /avatars/<id>.png}, a card a server imported at {@code /avatars/<guild>/<id>.png} ({@code web} for the
 * web chat's).
 */
@Path("/avatars")
@Produces("image/png")
public class AvatarResource {
    private static final String CACHED = "public, max-age=86400";

    private final PersonaCatalog catalog;
    private final ServerPersonas servers;

    public AvatarResource(PersonaCatalog catalog, ServerPersonas servers) {
        this.catalog = catalog;
        this.servers = servers;
    }

    @GET
    @Path("/{id}.png")
    public Response catalogAvatar(@PathParam("id") String id) {
        return picture(catalog.find(id));
    }

    @GET
    @Path("/{server:\\d{1,20}|web}/{id}.png")
    public Response importedAvatar(@PathParam("server") String server, @PathParam("id") String id) {
        ConversationId anyChannel = server.equals(ServerSettingsStore.WEB_CHAT) ? ConversationId.web("admin")
                : ConversationId.discord(server, "0");
        return picture(servers.imported(anyChannel, id) ? servers.find(anyChannel, id) : Optional.empty());
    }

    private static Response picture(Optional<CharacterCard> card) {
        Portrait portrait = card.map(CharacterCard::portrait)
                .orElseThrow(() -> new NotFoundException("no such avatar"));
        return Response.ok(portrait.png()).header("Cache-Control", CACHED).build();
    }
}
