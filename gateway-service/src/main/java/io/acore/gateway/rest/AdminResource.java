package io.acore.gateway.rest;

import io.acore.events.ConversationId;
import io.acore.events.Event;
import io.acore.events.MemberCommand;
import io.acore.events.MemberCommand.MemberPermission;
import io.acore.events.Platform;
import io.acore.events.Stage;
import io.acore.events.api.SharedSecret;
import io.acore.gateway.config.GatewayConfig;
import io.acore.gateway.messaging.CommandPublisher;
import io.acore.gateway.service.AdminAnswers;
import io.acore.gateway.service.MessageRejectedException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestHeader;

/**
 * The web chat's admin API: the settings a Discord server's managers change with {@code /persona …}, for the web
 * chat's channels ({@code web:<channel>}), given with the key {@code ACORE_GATEWAY_ADMIN_KEY}
 * ({@code Authorization: Bearer <key>}); closed when no key is set. Each command goes to persona-service as a
 * Discord member's would, with every permission, and its answer is returned. Cards come from the cards folder here:
 * {@code /persona import} takes a Discord attachment.
 */
@Path("/api/admin/commands")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Set<String> COMMANDS = Set.of("persona list", "persona show", "persona channel add",
            "persona channel remove", "persona channel default", "persona talkativeness", "persona banter",
            "persona remove", "persona model", "status");

    /** A command as the admin gives it: where, which, with what options. */
    public record AdminCommand(String channel, String command, Map<String, String> options) {
    }

    private final Optional<SharedSecret> key;
    private final CommandPublisher commands;
    private final AdminAnswers answers;

    public AdminResource(GatewayConfig config, CommandPublisher commands, AdminAnswers answers) {
        this.key = SharedSecret.of(config.gateway().adminKey());
        this.commands = commands;
        this.answers = answers;
    }

    @POST
    public Uni<Map<String, String>> run(@RestHeader("Authorization") String authorization, AdminCommand given) {
        if (key.isEmpty()) {
            throw new MessageRejectedException(503, "the admin API is closed: set ACORE_GATEWAY_ADMIN_KEY");
        }
        if (authorization == null || !authorization.startsWith("Bearer ")
                || !key.get().matches(authorization.substring("Bearer ".length()))) {
            throw new MessageRejectedException(401, "send the admin key as 'Authorization: Bearer <key>'");
        }
        if (given == null || given.channel() == null || given.command() == null || !COMMANDS.contains(given.command())) {
            throw new MessageRejectedException(400, "give 'channel' (a web chat channel), 'command' (one of "
                    + String.join(", ", COMMANDS.stream().sorted().toList()) + ") and 'options'");
        }
        ConversationId channel = ChatResource.conversationOf(given.channel());
        String id = UUID.randomUUID().toString();
        MemberCommand command = new MemberCommand(Event.SCHEMA_VERSION, id, id, "admin-api", channel,
                Platform.WEB.userId("admin"), EnumSet.allOf(MemberPermission.class), given.command(),
                given.options(), null, Stage.GATEWAY_RECEIVED.first(Instant.now()));
        Uni<String> answer = answers.awaited(id, PATIENCE);
        return commands.publish(command).onFailure().invoke(() -> answers.forget(id)).chain(() -> answer)
                .map(text -> Map.of("answer", text))
                .onFailure().transform(e -> e instanceof MessageRejectedException ? e
                        : new MessageRejectedException(504, "no answer from the service that owns the command yet: "
                                + "it may still take effect"));
    }
}
