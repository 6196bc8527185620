package io.acore.persona.rest;

import io.acore.events.api.PersonaSummary;
import io.acore.persona.card.CharacterCard;
import io.acore.persona.card.PersonaCatalog;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

@Path("/api/personas")
@Produces(MediaType.APPLICATION_JSON)
public class PersonaResource {
    private final PersonaCatalog catalog;

    public PersonaResource(PersonaCatalog catalog) {
        this.catalog = catalog;
    }

    @GET
    public List<PersonaSummary> list() {
        return catalog.all().stream().map(PersonaResource::summary).toList();
    }

    @GET
    @Path("/{id}")
    public PersonaSummary get(@PathParam("id") String id) {
        return catalog.find(id).map(PersonaResource::summary)
                .orElseThrow(() -> new NotFoundException("no persona with id '" + id + "'"));
    }

    private static PersonaSummary summary(CharacterCard card) {
        return new PersonaSummary(card.id(), card.name(), card.description().replace("{{char}}", card.name()),
                card.avatarUrl(), card.tags());
    }
}
