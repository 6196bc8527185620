package io.acore.gateway.discord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acore.events.ConversationId;
import io.acore.events.Platform;
import io.acore.events.Event;
import io.acore.events.MemberCommand;
import io.acore.events.MemberCommand.MemberPermission;
import io.acore.events.Stage;
import io.acore.events.api.UserFact;
import io.acore.events.api.UserMemoryReport;
import io.acore.gateway.client.UserMemory;
import io.acore.gateway.messaging.CommandPublisher;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandGroupData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import net.dv8tion.jda.api.utils.FileUpload;
import org.jboss.logging.Logger;

/**
 * The bot's slash commands, each answered privately (ephemeral). {@code /memory show} shows what the personas
 * remember about the member in this server (or DM); {@code /memory export} sends everything remembered about them,
 * everywhere, as a JSON file; {@code /memory forget} erases it all. {@code /persona …}, {@code /relationship} and
 * {@code /status} (in a server) are other services' ({@link CommandPublisher}): each goes there as a record with the permissions the member has in the channel, and its answer
 * comes back the same way ({@link io.acore.gateway.messaging.CommandAnswerConsumer}). Answers are deferred first
 * (Discord wants a sign within 3 s), and the services are called without blocking JDA's threads.
 */
@Singleton
class SlashCommands extends ListenerAdapter {
    private static final Logger LOG = Logger.getLogger(SlashCommands.class);
    private static final int SHOWN_FACTS = 10;
    private static final int DISCORD_LIMIT = 2000;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
    static final String EXPORT_FILE = "acore-memory.json";
    static final String UNAVAILABLE = "Sorry, that is not available right now. Please try again in a minute.";

    private final UserMemory memory;
    private final CommandPublisher commands;
    private final ObjectMapper json;

    SlashCommands(UserMemory memory, CommandPublisher commands, ObjectMapper json) {
        this.memory = memory;
        this.commands = commands;
        this.json = json;
    }

    /** Commands are global to the bot: shard 0 registers them, once for all shards and replicas. */
    @Override
    public void onReady(ReadyEvent event) {
        if (event.getJDA().getShardInfo().getShardId() != 0) {
            return;
        }
        event.getJDA().updateCommands().addCommands(
                personaCommand(),
                Commands.slash("status", "Whether acore's services and model are up, and how many messages wait")
                        .setContexts(InteractionContextType.GUILD),
                Commands.slash("relationship", "How a persona feels about you, and gets on with the others")
                        .setContexts(InteractionContextType.GUILD)
                        .addOptions(new OptionData(OptionType.STRING, "persona", "The persona's name", true)),
                Commands.slash("memory", "What the personas remember about you").addSubcommands(
                        new SubcommandData("show", "Show what the personas remember about you here"),
                        new SubcommandData("export", "Send you everything remembered about you, as a JSON file"),
                        new SubcommandData("forget", "Erase everything the personas remember about you")))
                .queue(done -> LOG.infof("Registered %d slash commands", done.size()),
                        error -> LOG.warnf("Could not register slash commands: %s", error.getMessage()));
    }

    private static SlashCommandData personaCommand() {
        OptionData persona = new OptionData(OptionType.STRING, "persona", "The persona's name", true);
        return Commands.slash("persona", "The personas of this server").setContexts(InteractionContextType.GUILD)
                .addSubcommands(
                        new SubcommandData("list", "Who lives in this channel, and who answers unnamed messages"),
                        new SubcommandData("show", "Show one persona").addOptions(persona),
                        new SubcommandData("import", "Import a character card (Manage Server)").addOptions(
                                new OptionData(OptionType.ATTACHMENT, "card", "A .png, .json or .charx card", true),
                                new OptionData(OptionType.STRING, "if_exists", "When a persona of its name lives here")
                                        .addChoice("replace it", "replace").addChoice("keep both", "keep_both")),
                        new SubcommandData("remove", "Remove a persona from this server (Manage Server)")
                                .addOptions(persona),
                        new SubcommandData("talkativeness", "How readily a persona speaks here unasked (Manage Channels)")
                                .addOptions(persona, new OptionData(OptionType.INTEGER, "value",
                                        "0: only when called, up to 100", true).setRequiredRange(0, 100)),
                        new SubcommandData("model", "What replies ask of the model (Manage Server)").addOptions(
                                new OptionData(OptionType.STRING, "for", "A persona's name, channel, or server", true),
                                new OptionData(OptionType.STRING, "model", "A model of the model server"),
                                new OptionData(OptionType.NUMBER, "temperature", "0 to 2").setRequiredRange(0, 2),
                                new OptionData(OptionType.INTEGER, "max_tokens", "The longest answer, in tokens")
                                        .setRequiredRange(16, 8192),
                                new OptionData(OptionType.BOOLEAN, "reset", "Clear what was chosen there")),
                        new SubcommandData("banter", "Whether the personas here answer each other (Manage Channels)")
                                .addOptions(new OptionData(OptionType.STRING, "state", "On or off", true)
                                        .addChoice("on", "on").addChoice("off", "off")))
                .addSubcommandGroups(new SubcommandGroupData("channel", "Who lives in this channel (Manage Channels)")
                        .addSubcommands(
                                new SubcommandData("add", "Let a persona live in this channel").addOptions(persona),
                                new SubcommandData("remove", "Take a persona out of this channel").addOptions(persona),
                                new SubcommandData("default", "The persona answering every unnamed message here")
                                        .addOptions(new OptionData(OptionType.STRING, "persona",
                                                "Its name; leave out for no default", false))));
    }

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
        if (CommandPublisher.HANDED_OVER.contains(event.getName())) {
            handOver(event);
            return;
        }
        String user = Platform.DISCORD.userId(event.getUser().getId());
        ConversationId here = event.getGuild() == null ? ConversationId.discordDirect(event.getChannelId())
                : ConversationId.discord(event.getGuild().getId(), event.getChannelId());
        Uni<Answer> answer = switch (event.getFullCommandName()) {
            case "memory show" -> memory.report(user, here).map(SlashCommands::describeMemory).map(Answer::text);
            case "memory export" -> memory.report(user, null).map(this::export);
            case "memory forget" -> memory.forget(user).map(deleted -> Answer.text("Done: " + deleted
                    + " of your messages, and everything learned from them, are erased. The personas no longer"
                    + " remember them."));
            default -> Uni.createFrom().item(Answer.text("I do not know that command."));
        };
        event.deferReply(true).queue(hook -> answer
                .onFailure().invoke(e -> LOG.warnf("/%s failed: %s", event.getFullCommandName(), e.toString()))
                .onFailure().recoverWithItem(Answer.text(UNAVAILABLE))
                .subscribe().with(reply -> hook.editOriginal(reply.text()).setFiles(reply.files()).queue()));
    }

    /**
     * Hands a command another service owns ({@link CommandPublisher}) over with what the member may do in the
     * channel, once the member sees "thinking…"; the answer comes back as a record.
     */
    private void handOver(SlashCommandInteractionEvent event) {
        Member member = event.getMember();
        if (event.getGuild() == null || member == null) {
            event.reply("Run this in one of a server's channels.").setEphemeral(true).queue();
            return;
        }
        Set<MemberPermission> may = EnumSet.noneOf(MemberPermission.class);
        if (member.hasPermission(Permission.MANAGE_SERVER)) {
            may.add(MemberPermission.MANAGE_SERVER);
        }
        if (member.hasPermission(event.getGuildChannel(), Permission.MANAGE_CHANNEL)) {
            may.add(MemberPermission.MANAGE_CHANNELS);
        }
        Map<String, String> options = new TreeMap<>();
        MemberCommand.Attachment file = null;
        for (OptionMapping option : event.getOptions()) {
            if (option.getType() == OptionType.ATTACHMENT) {
                Message.Attachment attachment = option.getAsAttachment();
                file = new MemberCommand.Attachment(attachment.getFileName(), attachment.getUrl(), attachment.getSize());
            } else {
                options.put(option.getName(), option.getAsString());
            }
        }
        MemberCommand command = new MemberCommand(Event.SCHEMA_VERSION, event.getId(), event.getId(),
                event.getToken(), ConversationId.discord(event.getGuild().getId(), event.getChannelId()),
                Platform.DISCORD.userId(member.getId()), may, event.getFullCommandName(), options, file,
                Stage.GATEWAY_RECEIVED.first(Instant.now()));
        event.deferReply(true).queue(hook -> commands.publish(command).subscribe().with(sent -> { },
                failure -> {
                    LOG.warnf("/%s could not be handed over: %s", command.command(), failure.toString());
                    hook.editOriginal(UNAVAILABLE).queue();
                }));
    }

    /** What a command answers: a text, and the files that go with it. */
    private record Answer(String text, List<FileUpload> files) {
        static Answer text(String text) {
            return new Answer(text, List.of());
        }
    }

    private Answer export(UserMemoryReport report) {
        try {
            byte[] json = this.json.writerWithDefaultPrettyPrinter().writeValueAsBytes(report);
            return new Answer("Everything remembered about you: " + report.messages().size() + " messages, "
                    + report.facts().size() + " facts, " + report.profiles().size() + " profiles.",
                    List.of(FileUpload.fromData(json, EXPORT_FILE)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the export: " + e.getMessage(), e);
        }
    }

    /**
     * The facts of this place, shared ones first, then each persona's, those that still hold before those that did;
     * and how many messages are kept.
     */
    private static String describeMemory(UserMemoryReport report) {
        if (report.messages().isEmpty() && report.facts().isEmpty()) {
            return "Nothing is remembered about you.";
        }
        StringBuilder text = new StringBuilder(report.messages().size() + " of your messages are remembered.");
        Map<String, List<UserFact>> byPersona = report.facts().stream().collect(Collectors.groupingBy(
                UserFact::personaId, TreeMap::new, Collectors.toList()));
        byPersona.forEach((persona, facts) -> {
            text.append(persona.equals("*") ? "\n**Every persona knows:**" : "\n**" + persona + " knows:**");
            facts.stream().limit(SHOWN_FACTS).forEach(fact -> text.append("\n• ").append(abbreviate(fact.content()))
                    .append(fact.validUntil() == null ? "" : " *(no longer, since " + DAY.format(fact.validUntil()) + ")*"));
        });
        text.append("\n`/memory export` sends you everything, `/memory forget` erases it.");
        return text.length() <= DISCORD_LIMIT ? text.toString() : text.substring(0, DISCORD_LIMIT - 1) + "…";
    }

    private static String abbreviate(String text) {
        String line = text.replace('\n', ' ');
        return line.length() > 120 ? line.substring(0, 120) + "…" : line;
    }
}
