package io.acore.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acore.devstack.DevStack;
import io.acore.devstack.Ports;
import io.acore.devstack.StackConfig;
import io.acore.devstack.StubLlmServer;
import io.acore.events.Author;
import io.acore.events.ChatMessage;
import io.acore.events.ConversationId;
import io.acore.events.Event;
import io.acore.events.EventCodec;
import io.acore.events.Platform;
import io.acore.events.Stage;
import io.acore.events.Topics;
import io.acore.testkit.model.ModelScript;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Recall on long conversations nobody here wrote: LoCoMo's dated chats between two people, read from
 * {@code LOCOMO_DIR} (never copied into the repository). Each conversation is written to the inbound topic turn by
 * turn, as the gateway would, each turn dated by its session; once memory-service has stored and embedded them, each
 * of the conversation's questions is put to {@code POST /api/context} as persona-service puts a message (20 recent
 * turns, the share of the prompt it leaves them), and a question's evidence turns count as found when they are among the recalls (at most 10) or the recent
 * turns the prompt would show. Plain BM25 over the same turns, its top 10, is scored beside it.
 *
 * <p>{@code LOCOMO_THROUGH=chat} measures the same end to end instead: persona-service and memory-service run with a
 * stub model that records every prompt; the turns are written as messages in a Discord server's channel by members
 * the personas ignore ({@code ACORE_PERSONA_IGNORED_USERS}: nobody answers them), and each question is asked in that channel addressed to the
 * persona; an evidence turn counts as found when its text (its first 80 characters) is in the prompt the model
 * received for the question, outside every line the stub wrote itself: its earlier replies, in the conversation or
 * recalled into memory's notes, and its summaries (they tell back what it was shown, which a real model's would not). The questions and their replies stay in the channel, as they would.
 *
 * <p>{@code LOCOMO_REPLIES=answers}: the stub replies to each question with LoCoMo's answer (a model that answers
 * briefly and right) instead of telling back what it was shown.
 *
 * <p>{@code LOCOMO_CONVERSATIONS}: which files (default the three kept aside, 47, 48 and 50; the weights were decided
 * on 41 to 44); {@code LOCOMO_CAPTIONS=false} leaves out the captions of shared photos.
 */
public final class LocomoRecall {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final DateTimeFormatter SESSION_DATE = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("h:mm a 'on' d MMMM, yyyy").toFormatter(Locale.ENGLISH);
    private static final int RECENT_TURNS = 20;
    /**
     * The recent turns' share of the prompt persona-service asks memory for with its built-in cards and a 4,096-token
     * window (PromptBuilder.historyBudget: 1,693 to 1,725 tokens).
     */
    private static final int RECENT_TOKENS = 1_700;
    /** How much of an evidence turn's text must be in the prompt for it to count as there. */
    private static final int EVIDENCE_CHARS = 80;
    /** Discord-like ids for the end-to-end run: a server per conversation, its channel, and its members. */
    private static final long GUILDS = 880_000_000_000_000_000L;
    private static final String CHANNEL = "881000000000000001";
    private static final long MEMBERS = 882_000_000_000_000_000L;

    private LocomoRecall() {
    }

    /** One turn as replayed: its LoCoMo id, speaker, text (with the photo's caption) and date. */
    record Turn(String diaId, String speaker, String text, Instant at) {
    }

    record Question(String conversation, String text, int category, List<String> evidence) {
    }

    /** Which of a question's evidence turns each method found. */
    record Outcome(Question question, int acore, int bm25) {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getenv().getOrDefault("ACORE_HOME", ".")).toAbsolutePath().normalize();
        Path data = root.resolve(System.getenv().getOrDefault("LOCOMO_DIR", "../shared/data/locomo")).normalize();
        List<String> chosen = List.of(System.getenv().getOrDefault("LOCOMO_CONVERSATIONS", "47,48,50").split(","));
        boolean captions = !"false".equals(System.getenv("LOCOMO_CAPTIONS"));
        boolean endToEnd = "chat".equals(System.getenv("LOCOMO_THROUGH"));
        boolean answering = "answers".equals(System.getenv("LOCOMO_REPLIES"));
        System.out.printf("bench | locomo: conversations %s from %s, captions %s, %s; settings %s%n", chosen, data,
                captions, endToEnd ? "through the chat (evidence in the model's prompt), the stub replying "
                        + (answering ? "LoCoMo's answer" : "with what it was shown") : "through the context call",
                recallSettings());
        String run = EventCodec.newId().substring(0, 8);
        List<Outcome> outcomes = new ArrayList<>();
        ModelScript model = new ModelScript();
        Map<String, String> env = endToEnd ? Map.of("ACORE_PERSONA_IGNORED_USERS", speakerIds(data, chosen)) : Map.of();
        try (PromptLog prompts = PromptLog.open(System.getenv("LOCOMO_PROMPTS"));
                StubLlmServer stub = StubLlmServer.start(0, Duration.ZERO, model);
                DevStack stack = DevStack.start(new StackConfig(root, endToEnd ? Map.of(StackConfig.PERSONA,
                        Ports.free(), StackConfig.MEMORY, Ports.free()) : StackConfig.memoryOnly(), 0, 0, null,
                        stub.baseUrl(), Duration.ZERO, env, root.resolve("bench/target/logs")), System.out);
                KafkaProducer<String, String> producer = new KafkaProducer<>(stack.kafkaClient(Map.of(
                        ProducerConfig.LINGER_MS_CONFIG, 5)), new StringSerializer(), new StringSerializer())) {
            if (answering) {
                Map<String, String> answers = answers(data, chosen);
                stub.replyWith(message -> answers.entrySet().stream().filter(qa -> message.endsWith(qa.getKey()))
                        .map(Map.Entry::getValue).findFirst().orElse(null));
            }
            for (String id : chosen) {
                JsonNode conversation = JSON.readTree(Files.readString(data.resolve(id.strip() + ".json")));
                List<Turn> turns = turns(conversation, captions);
                ConversationId channel = endToEnd
                        ? ConversationId.discord(String.valueOf(GUILDS + Integer.parseInt(id.strip())), CHANNEL)
                        : ConversationId.web("locomo-" + id.strip() + "-" + run);
                long repliesBefore = replies(model);
                Map<String, String> diaIdOf = replay(producer, channel, turns);
                awaitStoredAndEmbedded(stack, channel, turns.size());
                long answeredDuringReplay = replies(model) - repliesBefore;
                Map<String, List<String>> diaIdsOfText = new HashMap<>();
                turns.forEach(turn -> diaIdsOfText.computeIfAbsent(turn.text(), text -> new ArrayList<>())
                        .add(turn.diaId()));
                Bm25 bm25 = new Bm25(turns.stream().map(turn -> turn.speaker() + " " + turn.text()).toList());
                int before = outcomes.size();
                for (JsonNode qa : conversation.path("qa")) {
                    List<String> evidence = new ArrayList<>();
                    qa.path("evidence").forEach(e -> evidence.add(e.asText()));
                    Question question = new Question(id.strip(), qa.path("question").asText(),
                            qa.path("category").asInt(), evidence);
                    Set<String> recalled = endToEnd ? inPrompt(producer, model, channel, question, turns, prompts)
                            : recalled(stack, channel, question, diaIdOf, diaIdsOfText, prompts);
                    Set<String> byBm25 = new HashSet<>();
                    bm25.top(question.text(), 10).forEach(i -> byBm25.add(turns.get(i).diaId()));
                    outcomes.add(new Outcome(question, (int) evidence.stream().filter(recalled::contains).count(),
                            (int) evidence.stream().filter(byBm25::contains).count()));
                }
                System.out.printf("bench | locomo %s: %d turns, %d questions; %s%n", id.strip(), turns.size(),
                        outcomes.size() - before, Scores.line(outcomes.subList(before, outcomes.size())));
                if (endToEnd && answeredDuringReplay > 0) {
                    throw new IllegalStateException(answeredDuringReplay + " replayed turns were answered");
                }
            }
        }
        Scores.report(outcomes);
    }

    /** Each question of the chosen conversations with LoCoMo's answer ("Not mentioned." where nothing was said). */
    private static Map<String, String> answers(Path data, List<String> chosen) throws Exception {
        Map<String, String> answers = new HashMap<>();
        for (String id : chosen) {
            for (JsonNode qa : JSON.readTree(Files.readString(data.resolve(id.strip() + ".json"))).path("qa")) {
                answers.put(qa.path("question").asText(), qa.has("answer") ? qa.path("answer").asText()
                        : "Not mentioned.");
            }
        }
        return answers;
    }

    private static String recallSettings() {
        Map<String, String> settings = new TreeMap<>();
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("ACORE_MEMORY_RECALL_")) {
                settings.put(name, value);
            }
        });
        return settings.isEmpty() ? "defaults" : settings.toString();
    }

    /** The conversation's turns in order, each dated by its session (a second apart within one). */
    static List<Turn> turns(JsonNode conversation, boolean captions) {
        List<Turn> turns = new ArrayList<>();
        for (int session = 1; conversation.has("session_" + session); session++) {
            Instant start = LocalDateTime.parse(conversation.path("session_" + session + "_date_time").asText(),
                    SESSION_DATE).toInstant(ZoneOffset.UTC);
            int second = 0;
            for (JsonNode turn : conversation.path("session_" + session)) {
                String text = turn.path("text").asText();
                if (captions && turn.hasNonNull("blip_caption")) {
                    text += " [shares a photo: " + turn.path("blip_caption").asText() + "]";
                }
                turns.add(new Turn(turn.path("dia_id").asText(), turn.path("speaker").asText(), text,
                        start.plusSeconds(second++)));
            }
        }
        return turns;
    }

    /** Writes the turns as chat messages; returns the LoCoMo id of each message id. */
    private static Map<String, String> replay(KafkaProducer<String, String> producer, ConversationId channel,
            List<Turn> turns) {
        Map<String, String> diaIdOf = new HashMap<>();
        for (Turn turn : turns) {
            String id = UUID.nameUUIDFromBytes((channel + "\u0000" + turn.diaId()).getBytes(StandardCharsets.UTF_8))
                    .toString();
            diaIdOf.put(id, turn.diaId());
            send(producer, channel, id, author(channel, turn.speaker()), turn.text(), false, turn.at());
        }
        producer.flush();
        return diaIdOf;
    }

    private static void send(KafkaProducer<String, String> producer, ConversationId channel, String id, Author author,
            String text, boolean addressed, Instant at) {
        ChatMessage message = new ChatMessage(Event.SCHEMA_VERSION, id, EventCodec.newId(), channel,
                channel.platform(), channel.channelId(), author, text, null, null, addressed, null,
                Stage.GATEWAY_RECEIVED.first(at));
        producer.send(new ProducerRecord<>(Topics.CHAT_INBOUND, channel.toString(), EventCodec.encode(message)));
    }

    /** The Discord user ids of every speaker of the chosen conversations, comma-separated. */
    private static String speakerIds(Path data, List<String> chosen) throws Exception {
        Set<String> ids = new TreeSet<>();
        ConversationId discord = ConversationId.discord(String.valueOf(GUILDS), CHANNEL);
        for (String id : chosen) {
            JsonNode conversation = JSON.readTree(Files.readString(data.resolve(id.strip() + ".json")));
            turns(conversation, false).forEach(turn -> ids.add(author(discord, turn.speaker()).id()));
        }
        return String.join(",", ids);
    }

    /** A speaker as the chat names them: on Discord a member with an id of their own. */
    private static Author author(ConversationId channel, String name) {
        String platformId = channel.platform() == Platform.DISCORD
                ? String.valueOf(MEMBERS + Math.floorMod(name.hashCode(), 1_000_000)) : name;
        return new Author(channel.platform().userId(platformId), name, false);
    }

    /**
     * Asks the question in the channel, addressed to the persona, and returns the LoCoMo ids of the turns whose text
     * is in the prompt the model received for it.
     */
    private static Set<String> inPrompt(KafkaProducer<String, String> producer, ModelScript model,
            ConversationId channel, Question question, List<Turn> turns, PromptLog prompts) throws Exception {
        String id = UUID.randomUUID().toString();
        send(producer, channel, id, author(channel, "Asker"), question.text(), true, Instant.now());
        producer.flush();
        Instant until = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(until)) {
            for (JsonNode request : model.promptsFor(question.text())) {
                String seen = comparable(shown(request));
                Set<String> found = new HashSet<>();
                turns.stream().map(turn -> Map.entry(turn.diaId(), comparable(turn.text())))
                        .filter(turn -> seen.contains(turn.getValue().substring(0,
                                Math.min(EVIDENCE_CHARS, turn.getValue().length()))))
                        .forEach(turn -> found.add(turn.getKey()));
                prompts.write(question, found, request);
                return found;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new IllegalStateException("no prompt reached the model within a minute for: " + question.text());
    }

    /**
     * A text as the prompt may quote it: memory's notes put each item in double quotes, so quotes inside become
     * single ones, angle brackets look-alikes, and runs of white space one space.
     */
    private static String comparable(String text) {
        return text.replace('"', '\'').replace('<', '\u2039').replace('>', '\u203a').replaceAll("\\s+", " ");
    }

    /**
     * The request's messages as one text, but for what the stub wrote itself: it tells back what it was shown, so its
     * earlier replies (in the conversation, or recalled into memory's notes) and its summaries quote turns the
     * prompt would not otherwise hold.
     */
    private static String shown(JsonNode request) {
        StringBuilder prompt = new StringBuilder();
        for (JsonNode message : request.path("messages")) {
            if (!message.path("role").asText().equals("assistant")) {
                message.path("content").asText().lines().filter(line -> !line.contains(StubLlmServer.MARK))
                        .forEach(line -> prompt.append(line).append('\n'));
            }
        }
        return prompt.toString();
    }

    private static long replies(ModelScript model) {
        return model.requests(StubLlmServer.RequestKind.REPLY).size();
    }

    private static void awaitStoredAndEmbedded(DevStack stack, ConversationId channel, int turns) throws Exception {
        Instant until = Instant.now().plus(Duration.ofMinutes(10));
        long[] counts = {0, 0};
        while (Instant.now().isBefore(until)) {
            try (Connection connection = stack.openDatabase();
                    PreparedStatement count = connection.prepareStatement("SELECT count(*),"
                            + " count(*) FILTER (WHERE embedded) FROM conversation_message WHERE conversation_id = ?")) {
                count.setString(1, channel.toString());
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    counts[0] = rows.getLong(1);
                    counts[1] = rows.getLong(2);
                }
            }
            if (counts[0] == turns && counts[1] == turns) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        throw new IllegalStateException("after 10 minutes " + counts[0] + " of " + turns + " turns stored, "
                + counts[1] + " embedded");
    }

    /** The LoCoMo ids of the turns a context call for the question returns: the recalls and the recent turns. */
    private static Set<String> recalled(DevStack stack, ConversationId channel, Question question,
            Map<String, String> diaIdOf, Map<String, List<String>> diaIdsOfText, PromptLog prompts) throws Exception {
        String body = JSON.writeValueAsString(Map.of("conversationId", channel.toString(), "personaId", "sable",
                "userId", Platform.WEB.userId("asker"), "messageId", UUID.randomUUID().toString(),
                "message", question.text(), "recentTurns", RECENT_TURNS, "recentTokens", RECENT_TOKENS));
        HttpResponse<String> response = HTTP.send(stack.memoryRequest("/api/context")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("context call answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode context = JSON.readTree(response.body());
        Set<String> found = new HashSet<>();
        context.path("recent").forEach(entry -> found.add(diaIdOf.get(entry.path("id").asText())));
        context.path("recalls").forEach(recall -> found.addAll(diaIdsOfText.getOrDefault(recall.path("content").asText(),
                List.of())));
        prompts.write(question, found, context);
        return found;
    }
}
