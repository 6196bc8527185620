package io.acore.persona.service;

import io.acore.events.ConversationId;
import io.acore.events.MemberCommand;
import io.acore.events.MemberCommand.Attachment;
import io.acore.events.MemberCommand.MemberPermission;
import io.acore.persona.card.CardParser;
import io.acore.persona.card.CharacterCard;
import io.acore.persona.card.InvalidCardException;
import io.acore.persona.client.AttachmentClient;
import io.acore.persona.client.AttachmentClient.AttachmentException;
import io.acore.persona.client.ModelTuning;
import io.acore.persona.config.LlmConfig;
import io.acore.persona.relationships.Relationships;
import io.acore.persona.repository.ServerSettingsStore;
import io.acore.persona.repository.ServerSettingsStore.Change;
import io.acore.persona.repository.ServerSettingsStore.ModelLevel;
import io.acore.persona.service.ChannelSettings.Setting;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * What each {@code /persona} command does in the member's server and channel, and what it answers: {@code list},
 * {@code show} and {@code /relationship} for anyone; {@code channel add|remove|default}, {@code talkativeness} and
 * {@code banter} with Manage Channels; {@code import} (a card file), {@code remove} and {@code model} with Manage
 * Server. A command that changes settings returns the change to be stored with its
 * answer; a refused one changes nothing and says why.
 */
@ApplicationScoped
public class PersonaCommands {
    public static final String REPLACE = "replace";
    public static final String KEEP_BOTH = "keep_both";
    private static final int SHOWN_DESCRIPTION = 600;

    /** A command's answer, and the change that goes with it (null when it changes nothing). */
    public record Outcome(String answer, Change change) {
        static Outcome answer(String text) {
            return new Outcome(text, null);
        }
    }

    /** What a command came to: its answer, and whether the server's settings changed. */
    public record Result(String answer, boolean changed) {
    }

    private final ServerPersonas servers;
    private final ChannelSettings channels;
    private final CardParser parser;
    private final AttachmentClient attachments;
    private final ServerSettingsStore store;
    private final Relationships relationships;
    /** The model settings replies use where nothing else is chosen ({@code ACORE_LLM_*}), as shown. */
    private final Map<String, Object> defaults;
    /** The models a server may choose ({@code ACORE_LLM_CHOOSABLE_MODELS}): a model loads at a cost to every server. */
    private final List<String> choosableModels;
    /** The longest answer a server may ask for: what the prompt's budget leaves room for ({@code ACORE_LLM_MAX_TOKENS}). */
    private final int mostTokens;

    public PersonaCommands(ServerPersonas servers, ChannelSettings channels, CardParser parser,
            AttachmentClient attachments, ServerSettingsStore store, Relationships relationships, LlmConfig llm) {
        this.relationships = relationships;
        this.defaults = Map.of("model", llm.model(), "temperature", llm.temperature(), "max tokens", llm.maxTokens());
        this.choosableModels = llm.choosableModels().orElse(List.of());
        this.mostTokens = llm.maxTokens();
        this.servers = servers;
        this.channels = channels;
        this.parser = parser;
        this.attachments = attachments;
        this.store = store;
    }

    /**
     * Runs a command once: one read again gets the answer it was given (a change is stored with its answer, so it is
     * made once). It is decided on the server's settings as the database has them now (commands of a server are read
     * one after another: no other change comes in between), which this instance keeps at once; the others read them
     * on the notice. Waits out a database outage for as long as Discord keeps the command answerable.
     */
    @Retry(maxRetries = -1, delay = 2, delayUnit = ChronoUnit.SECONDS, maxDuration = 12, durationUnit = ChronoUnit.MINUTES,
            retryOn = SQLException.class)
    public Result run(MemberCommand command) throws SQLException, InterruptedException {
        Optional<String> given = store.answerOf(command.id());
        if (given.isPresent()) {
            return new Result(given.get(), true); // announced again: the first reading may have stopped before it
        }
        String server = ServerSettingsStore.serverOf(command.conversationId());
        if (!servers.reload(server)) {
            throw new SQLException("server " + server + "'s settings could not be read");
        }
        Outcome outcome = decide(command);
        if (outcome.change() == null) {
            return new Result(outcome.answer(), false);
        }
        if (!store.run(command.id(), outcome.answer(), server, outcome.change())) {
            return new Result(store.answerOf(command.id()).orElse(outcome.answer()), true);
        }
        servers.reload(server);
        return new Result(outcome.answer(), true);
    }

    Outcome decide(MemberCommand command) throws InterruptedException, SQLException {
        return switch (command.command()) {
            case "relationship" -> Outcome.answer(relationship(command));
            case "persona list" -> Outcome.answer(list(command.conversationId()));
            case "persona show" -> Outcome.answer(show(command));
            case "persona channel add", "persona channel remove", "persona channel default", "persona talkativeness",
                    "persona banter" ->
                    command.memberMay(MemberPermission.MANAGE_CHANNELS) ? channel(command)
                            : refused("Manage Channels");
            case "persona import" -> command.memberMay(MemberPermission.MANAGE_SERVER) ? importCard(command)
                    : refused("Manage Server");
            case "persona remove" -> command.memberMay(MemberPermission.MANAGE_SERVER) ? remove(command)
                    : refused("Manage Server");
            case "persona model" -> command.memberMay(MemberPermission.MANAGE_SERVER) ? model(command)
                    : refused("Manage Server");
            default -> Outcome.answer("I do not know the command /" + command.command() + ".");
        };
    }

    private static String talkative(int talkativeness) {
        return talkativeness == 0 ? "" : " — talkativeness " + talkativeness;
    }

    private static Outcome refused(String permission) {
        return Outcome.answer("Only members with the " + permission + " permission may do that here. Nothing changed.");
    }

    private String list(ConversationId channel) {
        Setting<List<String>> living = channels.personasOf(channel);
        Setting<String> fallback = channels.defaultOf(channel);
        String personas = personasHere(channel).stream()
                .map(card -> "• **" + card.name() + "**" + (card.id().equals(fallback.value()) ? " (default here)" : "")
                        + (servers.imported(channel, card.id()) ? " — imported" : "")
                        + talkative(channels.talkativeness(channel, card.id()).value()))
                .collect(Collectors.joining("\n"));
        Setting<Boolean> banter = channels.banter(channel);
        String who = living.value() == null ? "Every persona of this server lives in this channel"
                : "The personas of this channel (" + living.origin().shown() + ")";
        return who + ":\n" + (personas.isEmpty() ? "none" : personas) + "\nDefault: " + nameOf(channel, fallback.value())
                + " (" + fallback.origin().shown() + (channels.answersEveryMessage(channel)
                        ? "; it answers every message here)" : "; a persona answers when named or @mentioned)")
                + "\nBanter between personas: " + (banter.value() ? "on" : "off") + " (" + banter.origin().shown() + ")";
    }

    private String show(MemberCommand command) {
        Optional<CharacterCard> found = named(command, "persona");
        if (found.isEmpty()) {
            return unknown(command);
        }
        CharacterCard card = found.get();
        String description = card.description().replace("{{char}}", card.name()).strip();
        if (description.length() > SHOWN_DESCRIPTION) {
            description = description.substring(0, SHOWN_DESCRIPTION) + "…";
        }
        ConversationId channel = command.conversationId();
        return "**" + card.name() + "**" + (servers.imported(channel, card.id()) ? " (imported in this server)" : "")
                + (card.tags().isEmpty() ? "" : "\nTags: " + String.join(", ", card.tags()))
                + (description.isEmpty() ? "" : "\n" + description)
                + "\n" + (channels.allows(channel, card.id()) ? "Lives in this channel." : "Does not live in this channel.")
                + "\n" + channels.tuningShown(channel, card.id()).entrySet().stream()
                        .map(value -> value.getKey() + ": " + (value.getValue().value() != null ? value.getValue().value()
                                : defaults.get(value.getKey())) + " (" + value.getValue().origin().shown() + ")")
                        .collect(Collectors.joining(", "));
    }

    private String relationship(MemberCommand command) throws SQLException {
        Optional<CharacterCard> found = named(command, "persona");
        if (found.isEmpty()) {
            return unknown(command);
        }
        return relationships.describe(command.conversationId(), found.get(), command.memberId(),
                personasHere(command.conversationId()));
    }

    private Outcome channel(MemberCommand command) {
        ConversationId channel = command.conversationId();
        if (command.command().equals("persona banter")) {
            boolean on = "on".equals(command.options().get("state"));
            return new Outcome(on ? "The personas of this channel may now answer each other (a few lines at most, "
                    + "now and then)." : "The personas of this channel no longer answer each other.",
                    ServerSettingsStore.banter(channel, on));
        }
        if (command.command().equals("persona talkativeness")) {
            return talkativeness(command);
        }
        String action = command.command().substring("persona channel ".length());
        Optional<CharacterCard> found = named(command, "persona");
        if (action.equals("default") && command.options().get("persona") == null) {
            return new Outcome("This channel has no default of its own any more: a persona answers here when named or "
                    + "@mentioned.", ServerSettingsStore.channelDefault(channel, null));
        }
        if (found.isEmpty()) {
            return Outcome.answer(unknown(command));
        }
        CharacterCard card = found.get();
        Set<String> living = personasHere(channel).stream().map(CharacterCard::id)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        switch (action) {
            case "add" -> {
                if (living.contains(card.id())) {
                    return Outcome.answer("**" + card.name() + "** already lives in this channel.");
                }
                living.add(card.id());
                return new Outcome("**" + card.name() + "** lives in this channel from now on.",
                        ServerSettingsStore.channelPersonas(channel, living));
            }
            case "remove" -> {
                if (!living.remove(card.id())) {
                    return Outcome.answer("**" + card.name() + "** does not live in this channel.");
                }
                if (living.isEmpty()) {
                    return Outcome.answer("**" + card.name() + "** is the last persona of this channel; add another "
                            + "first.");
                }
                boolean wasDefault = card.id().equals(channels.defaultOf(channel).value());
                Change change = ServerSettingsStore.channelPersonas(channel, living);
                if (wasDefault) {
                    change = change.andThen(ServerSettingsStore.channelDefault(channel, null));
                }
                return new Outcome("**" + card.name() + "** no longer lives in this channel.", change);
            }
            default -> {
                Change change = ServerSettingsStore.channelDefault(channel, card.id());
                if (!living.contains(card.id())) {
                    living.add(card.id());
                    change = ServerSettingsStore.channelPersonas(channel, living).andThen(change);
                }
                return new Outcome("**" + card.name() + "** is this channel's default from now on: it answers every "
                        + "message here that names no other persona.", change);
            }
        }
    }

    /**
     * What replies ask of the model, for one persona in this server, this channel, or the whole server: the values
     * given replace the ones chosen there before, the others stay; {@code reset} clears the level.
     */
    private Outcome model(MemberCommand command) {
        ConversationId channel = command.conversationId();
        String target = command.options().getOrDefault("for", "").strip();
        ModelLevel level;
        String where;
        if (target.equalsIgnoreCase("channel")) {
            level = ModelLevel.channel(channel);
            where = "in this channel";
        } else if (target.equalsIgnoreCase("server")) {
            level = ModelLevel.server();
            where = "in this server";
        } else {
            Optional<CharacterCard> found = servers.cardsIn(channel).stream()
                    .filter(card -> card.name().equalsIgnoreCase(target) || card.id().equals(target)).findFirst();
            if (found.isEmpty()) {
                return Outcome.answer("Say `for: channel`, `for: server` or the name of a persona of this server.");
            }
            level = ModelLevel.persona(found.get().id());
            where = "for **" + found.get().name() + "** in this server";
        }
        if ("true".equals(command.options().get("reset"))) {
            return new Outcome("Replies " + where + " ask the model as the level below says again.",
                    ServerSettingsStore.models(ServerSettingsStore.serverOf(channel), level, ModelTuning.NONE));
        }
        String model = command.options().get("model");
        Double temperature;
        Integer maxTokens;
        try {
            temperature = command.options().containsKey("temperature")
                    ? Double.valueOf(command.options().get("temperature")) : null;
            maxTokens = command.options().containsKey("max_tokens")
                    ? Integer.valueOf(command.options().get("max_tokens")) : null;
        } catch (NumberFormatException e) {
            return Outcome.answer("Temperature is a number from 0 to 2, max_tokens a whole number from 16 to 8192.");
        }
        if (model != null && !choosableModels.contains(model)) {
            return Outcome.answer(choosableModels.isEmpty() ? "No model can be chosen here: the operator lists none "
                    + "(ACORE_LLM_CHOOSABLE_MODELS)." : "Choose one of: " + String.join(", ", choosableModels) + ".");
        }
        if (temperature != null && !(temperature >= 0 && temperature <= 2)
                || maxTokens != null && (maxTokens < 16 || maxTokens > mostTokens)) {
            return Outcome.answer("Temperature is a number from 0 to 2, max_tokens a whole number from 16 to "
                    + mostTokens + ".");
        }
        if (model == null && temperature == null && maxTokens == null) {
            return Outcome.answer("Give a model, a temperature or max_tokens (or reset).");
        }
        ModelTuning before = servers.models(channel, level);
        ModelTuning after = new ModelTuning(model != null ? model : before.model(),
                temperature != null ? temperature : before.temperature(), maxTokens != null ? maxTokens : before.maxTokens());
        return new Outcome("Replies " + where + " from now on: " + describe(after) + ".",
                ServerSettingsStore.models(ServerSettingsStore.serverOf(channel), level, after));
    }

    private static String describe(ModelTuning tuning) {
        List<String> parts = new ArrayList<>();
        if (tuning.model() != null) {
            parts.add("model " + tuning.model());
        }
        if (tuning.temperature() != null) {
            parts.add("temperature " + tuning.temperature());
        }
        if (tuning.maxTokens() != null) {
            parts.add("at most " + tuning.maxTokens() + " tokens");
        }
        return String.join(", ", parts);
    }

    private Outcome talkativeness(MemberCommand command) {
        Optional<CharacterCard> found = named(command, "persona");
        if (found.isEmpty()) {
            return Outcome.answer(unknown(command));
        }
        int value;
        try {
            value = Integer.parseInt(command.options().getOrDefault("value", "").strip());
        } catch (NumberFormatException e) {
            value = -1;
        }
        if (value < 0 || value > 100) {
            return Outcome.answer("Talkativeness goes from 0 (speaks only when called) to 100.");
        }
        CharacterCard card = found.get();
        if (!channels.allows(command.conversationId(), card.id())) {
            return Outcome.answer("**" + card.name() + "** does not live in this channel; `/persona channel add` first.");
        }
        return new Outcome("**" + card.name() + "**'s talkativeness here is " + value + " from now on" + (value == 0
                ? ": it speaks only when called." : ": it may speak up unasked, more often on what it cares for."),
                ServerSettingsStore.talkativeness(command.conversationId(), card.id(), value));
    }

    private Outcome importCard(MemberCommand command) throws InterruptedException {
        Attachment file = command.attachment();
        if (file == null) {
            return Outcome.answer("Attach a character card (.png, .json or .charx) to import.");
        }
        CharacterCard card;
        byte[] content;
        try {
            if (file.size() > CardParser.MAX_CARD_BYTES) {
                throw CardParser.tooLarge(file.filename(), file.size());
            }
            content = attachments.fetch(file, CardParser.MAX_CARD_BYTES);
            card = parser.parse(content, file.filename());
        } catch (InvalidCardException | AttachmentException e) {
            return Outcome.answer("Not imported: " + e.getMessage() + ".");
        } catch (IOException | RuntimeException e) { // a download that stalls, a URL that is not one
            return Outcome.answer("Not imported: " + file.filename() + " could not be fetched from Discord ("
                    + e.getClass().getSimpleName() + "). Please try again.");
        }
        ConversationId channel = command.conversationId();
        String guild = ServerSettingsStore.serverOf(channel);
        Optional<CharacterCard> same = servers.cardsIn(channel).stream()
                .filter(other -> other.id().equals(card.id()) || other.name().equalsIgnoreCase(card.name())).findFirst();
        String choice = command.options().getOrDefault("if_exists", "");
        if (same.isPresent() && choice.isEmpty()) {
            return Outcome.answer("Not imported: **" + same.get().name() + "** already lives in this server. Run "
                    + "`/persona import` again with `if_exists: replace` to replace it, or `if_exists: keep_both` to keep "
                    + "both (the new one as **" + freeName(channel, card).name() + "**).");
        }
        if (same.isPresent() && choice.equals(KEEP_BOTH)) {
            CharacterCard kept = freeName(channel, card);
            return new Outcome("Imported **" + kept.name() + "** from " + file.filename() + ", beside **"
                    + same.get().name() + "**. Name it to talk to it.",
                    ServerSettingsStore.card(guild, kept.id(), kept.name(), file.filename(), content, command.memberId()));
        }
        String replaced = same.filter(other -> !other.id().equals(card.id())).map(CharacterCard::id).orElse(null);
        Change stored = ServerSettingsStore.card(guild, card.id(), null, file.filename(), content, command.memberId());
        Change change = replaced == null ? stored
                : ServerSettingsStore.removal(guild, replaced, command.memberId()).andThen(stored);
        return new Outcome("Imported **" + card.name() + "** from " + file.filename()
                + (same.isPresent() ? ", replacing the persona of that name" : "") + ". Name it to talk to it.", change);
    }

    private Outcome remove(MemberCommand command) {
        Optional<CharacterCard> found = named(command, "persona");
        if (found.isEmpty()) {
            return Outcome.answer(unknown(command));
        }
        CharacterCard card = found.get();
        ConversationId channel = command.conversationId();
        if (servers.cardsIn(channel).size() == 1) {
            return Outcome.answer("**" + card.name() + "** is the last persona of this server; import another first.");
        }
        return new Outcome("**" + card.name() + "** is removed from this server.",
                ServerSettingsStore.removal(ServerSettingsStore.serverOf(channel), card.id(), command.memberId()));
    }

    /** The card under a name no persona of the server has: "Name 2", "Name 3"… */
    private CharacterCard freeName(ConversationId channel, CharacterCard card) {
        Set<String> taken = servers.cardsIn(channel).stream().flatMap(c -> java.util.stream.Stream.of(c.id(),
                c.name().toLowerCase(Locale.ROOT))).collect(Collectors.toSet());
        for (int n = 2; ; n++) {
            String name = card.name() + " " + n;
            String id = card.id() + "-" + n;
            if (!taken.contains(id) && !taken.contains(name.toLowerCase(Locale.ROOT))) {
                return card.as(id, name);
            }
        }
    }

    private List<CharacterCard> personasHere(ConversationId channel) {
        return servers.cardsIn(channel).stream().filter(card -> channels.allows(channel, card.id()))
                .sorted(Comparator.comparing(card -> card.name().toLowerCase(Locale.ROOT))).toList();
    }

    /** The persona an option names, by name or id, among the server's. */
    private Optional<CharacterCard> named(MemberCommand command, String option) {
        String wanted = command.options().getOrDefault(option, "").strip();
        return servers.cardsIn(command.conversationId()).stream()
                .filter(card -> card.name().equalsIgnoreCase(wanted) || card.id().equals(wanted)).findFirst();
    }

    private String unknown(MemberCommand command) {
        return "No persona called '" + command.options().getOrDefault("persona", "") + "' lives in this server. "
                + "`/persona list` shows who does.";
    }

    private String nameOf(ConversationId channel, String personaId) {
        return servers.find(channel, personaId).map(card -> "**" + card.name() + "**").orElse(personaId);
    }
}
