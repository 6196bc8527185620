package io.acore.gateway.discord;

import io.acore.events.Platform;
import io.acore.events.api.PersonaSummary;
import io.acore.events.api.UserMessage;
import io.acore.gateway.client.PersonaDirectory;
import io.acore.gateway.client.UserMemory;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import org.jboss.logging.Logger;

/**
 * The bot's slash commands. Each answers privately (ephemeral) and acts only on the member who runs it, so none
 * needs a server permission: {@code /personas} lists who can answer; {@code /memory show} shows what is
 * remembered of the member's own messages; {@code /memory forget} erases them. Answers are deferred first
 * (Discord wants a sign within 3 s), and the services are called without blocking JDA's threads.
 */
@Singleton
class SlashCommands extends ListenerAdapter {
    private static final Logger LOG = Logger.getLogger(SlashCommands.class);
    private static final int SHOWN_MESSAGES = 10;
    static final String UNAVAILABLE = "Sorry, that is not available right now. Please try again in a minute.";

    private final UserMemory memory;
    private final PersonaDirectory personas;

    SlashCommands(UserMemory memory, PersonaDirectory personas) {
        this.memory = memory;
        this.personas = personas;
    }

    /** Commands are global to the bot: shard 0 registers them, once for all shards and replicas. */
    @Override
    public void onReady(ReadyEvent event) {
        if (event.getJDA().getShardInfo().getShardId() != 0) {
            return;
        }
        event.getJDA().updateCommands().addCommands(
                Commands.slash("personas", "Who can answer in this server"),
                Commands.slash("memory", "What the personas remember of your own messages").addSubcommands(
                        new SubcommandData("show", "Show what is remembered of your messages"),
                        new SubcommandData("forget", "Erase every message of yours the personas remember")))
                .queue(done -> LOG.infof("Registered %d slash commands", done.size()),
                        error -> LOG.warnf("Could not register slash commands: %s", error.getMessage()));
    }

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
        String user = Platform.DISCORD.userId(event.getUser().getId());
        Uni<String> answer = switch (event.getFullCommandName()) {
            case "personas" -> personas.list().map(SlashCommands::describe);
            case "memory show" -> memory.messagesOf(user).map(SlashCommands::describeMemory);
            case "memory forget" -> memory.forget(user).map(deleted -> "Done: " + deleted
                    + " of your messages are erased. The personas no longer remember them.");
            default -> Uni.createFrom().item("I do not know that command.");
        };
        event.deferReply(true).queue(hook -> answer
                .onFailure().invoke(e -> LOG.warnf("/%s failed: %s", event.getFullCommandName(), e.toString()))
                .onFailure().recoverWithItem(UNAVAILABLE)
                .subscribe().with(text -> hook.editOriginal(text).queue()));
    }

    private static String describe(List<PersonaSummary> list) {
        return list.stream().map(p -> "**" + p.name() + "**: " + firstSentence(p.description()))
                .collect(Collectors.joining("\n", "Name one of them, or @mention it, to talk:\n", ""));
    }

    private static String describeMemory(List<UserMessage> messages) {
        if (messages.isEmpty()) {
            return "Nothing is remembered of your messages.";
        }
        List<UserMessage> newest = messages.subList(Math.max(0, messages.size() - SHOWN_MESSAGES),
                messages.size());
        return newest.stream().map(m -> "• " + abbreviate(m.content()))
                .collect(Collectors.joining("\n", messages.size() + " of your messages are remembered. The latest:\n",
                        "\n`/memory forget` erases them all."));
    }

    private static String firstSentence(String text) {
        int end = text.indexOf(". ");
        return end < 0 ? text : text.substring(0, end + 1);
    }

    private static String abbreviate(String text) {
        String line = text.replace('\n', ' ');
        return line.length() > 120 ? line.substring(0, 120) + "…" : line;
    }
}
