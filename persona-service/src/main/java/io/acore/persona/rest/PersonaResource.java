package io.acore.persona.rest;

import io.acore.persona.repository.CharacterCard;
import io.acore.persona.repository.PersonaCatalog;
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

    public record PersonaSummary(String id, String name, String description, String avatarUrl, List<String> tags) {
        static PersonaSummary of(CharacterCard card) {
            return new PersonaSummary(card.id(), card.name(), card.description().replace("{{char}}", card.name()),
                    card.avatarUrl(), card.tags());
        }
    }

    @GET
    public List<PersonaSummary> list() {
        return catalog.all().stream().map(PersonaSummary::of).toList();
    }

    @GET
    @Path("/{id}")
    public PersonaSummary get(@PathParam("id") String id) {
        return catalog.find(id).map(PersonaSummary::of)
                .orElseThrow(() -> new NotFoundException("no persona with id '" + id + "'"));
    }
}
