package io.acore.persona;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.acore.events.ChatMessage;
import io.acore.events.CommandAnswer;
import io.acore.events.ConversationId;
import io.acore.events.Event;
import io.acore.events.EventCodec;
import io.acore.events.MemberCommand;
import io.acore.events.MemberCommand.Attachment;
import io.acore.events.MemberCommand.MemberPermission;
import io.acore.events.MemoryEvent;
import io.acore.events.Reply;
import io.acore.events.Sha256;
import io.acore.events.SettingsChange;
import io.acore.events.Topics;
import io.acore.persona.card.CardFiles;
import io.acore.persona.repository.ServerSettingsStore;
import io.acore.persona.service.ChannelSettings;
import io.acore.testkit.InjectTestResource;
import io.acore.testkit.TestEvents;
import io.acore.testkit.kafka.KafkaResource;
import io.acore.testkit.kafka.KafkaTopics;
import io.acore.testkit.model.ModelScript;
import io.acore.testkit.model.StubModelResource;
import io.acore.testkit.postgres.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import jakarta.inject.Inject;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code /persona} commands as the gateway hands them over: each answered once, refused without the permission
 * it needs, and a change in force for the server's next message.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = StubModelResource.class, scope = TestResourceScope.GLOBAL)
class PersonaCommandsTest {
    private static final Set<MemberPermission> ADMIN = Set.of(MemberPermission.MANAGE_SERVER,
            MemberPermission.MANAGE_CHANNELS);
    private static final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private static HttpServer fileServer;

    @InjectTestResource
    KafkaTopics topics;

    @InjectTestResource
    ModelScript model;

    @Inject
    ChannelSettings channels;

    @Inject
    ServerSettingsStore store;

    @BeforeAll
    static void serveFiles() throws IOException {
        fileServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fileServer.createContext("/", exchange -> {
            byte[] body = files.get(exchange.getRequestURI().getPath().substring(1));
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        fileServer.start();
    }

    @AfterAll
    static void stopServingFiles() {
        fileServer.stop(0);
    }

    @Test
    void aMemberWithoutManageServerCannotImportAndAnAdminCanAndThePersonaAnswersAtOnce() {
        ConversationId channel = ConversationId.discord("7001", "1");
        Attachment card = file("nimbus.json", card("Nimbus", "A cloud that drifts through the server."));
        String refused = answer(command(channel, "persona import", Set.of(MemberPermission.MANAGE_CHANNELS),
                Map.of(), card));
        assertThat(refused).contains("Manage Server").contains("Nothing changed");
        assertThat(answer(command(channel, "persona list", Set.of(), Map.of(), null))).doesNotContain("Nimbus");

        MemberCommand byAdmin = command(channel, "persona import", ADMIN, Map.of(), card);
        assertThat(answer(byAdmin)).startsWith("Imported **Nimbus** from nimbus.json");
        assertThat(answer(command(channel, "persona list", Set.of(), Map.of(), null))).contains("**Nimbus** — imported");
        ChatMessage message = send(TestEvents.discordMessage(channel, "501", "ada", "Nimbus, what do you see?"));
        assertThat(awaitFinalReplyTo(message).persona().name()).isEqualTo("Nimbus");
        ConversationId elsewhere = ConversationId.discord("7002", "1");
        assertThat(answer(command(elsewhere, "persona list", Set.of(), Map.of(), null)))
                .as("another server's personas").doesNotContain("Nimbus");

        topics.send(Topics.PERSONA_COMMANDS, "7001", EventCodec.encode(byAdmin));
        await().atMost(Duration.ofSeconds(20)).until(() -> answers(byAdmin).size() == 2);
        assertThat(answers(byAdmin)).extracting(CommandAnswer::text).containsOnly(answers(byAdmin).get(0).text());
        assertThat(answer(command(channel, "persona list", Set.of(), Map.of(), null)))
                .as("imported once, though read twice").containsOnlyOnce("Nimbus");
        await().atMost(Duration.ofSeconds(20)).until(() -> topics.events(Topics.PERSONA_SETTINGS, SettingsChange.class)
                .stream().anyMatch(change -> change.traceId().equals(byAdmin.traceId())));
    }

    @Test
    void aCharxCardsIconIsServedScaledAsItsPersonasAvatar() throws Exception {
        ConversationId channel = ConversationId.discord("7008", "1");
        byte[] charx = CardFiles.zip(Map.of("card.json", """
                {"spec":"chara_card_v3","spec_version":"3.0","data":{"name":"Wren","description":"A ranger.",
                 "assets":[{"type":"icon","uri":"embeded://assets/icon/images/main.png","name":"main","ext":"png"}]}}""",
                "assets/icon/images/main.png", CardFiles.picture(512, 512)));
        assertThat(answer(command(channel, "persona import", ADMIN, Map.of(), file("wren.charx", charx))))
                .startsWith("Imported **Wren**");
        ChatMessage message = send(TestEvents.discordMessage(channel, "503", "ash", "Wren, which way is north?"));
        String avatar = awaitFinalReplyTo(message).persona().avatarUrl();
        assertThat(avatar).startsWith("https://avatars.acore.test/avatars/7008/wren.png?v=");

        byte[] served = given().get(avatar.replace("https://avatars.acore.test", "")).then().statusCode(200)
                .contentType("image/png").header("Cache-Control", containsString("max-age")).extract().asByteArray();
        BufferedImage picture = ImageIO.read(new ByteArrayInputStream(served));
        assertThat(picture.getWidth()).isEqualTo(256);
        assertThat(picture.getHeight()).isEqualTo(256);
        given().get("/avatars/7009/wren.png").then().statusCode(404);
        given().get("/avatars/sable.png").then().statusCode(404); // a built-in card without a picture
    }

    @Test
    void importingANameTheServerHasAsksFirstThenKeepsBothOrReplaces() {
        ConversationId channel = ConversationId.discord("7003", "1");
        assertThat(answer(command(channel, "persona import", ADMIN, Map.of(),
                file("sable.json", card("Sable", "Another Sable."))))).contains("already lives in this server")
                .contains("if_exists: replace").contains("**Sable 2**");
        assertThat(answer(command(channel, "persona import", ADMIN, Map.of("if_exists", "keep_both"),
                file("sable.json", card("Sable", "Another Sable."))))).startsWith("Imported **Sable 2**");
        assertThat(answer(command(channel, "persona show", Set.of(), Map.of("persona", "Sable 2"), null)))
                .contains("Another Sable.");
        assertThat(answer(command(channel, "persona import", ADMIN, Map.of("if_exists", "replace"),
                file("sable.json", card("Sable", "A new Sable."))))).contains("replacing");
        assertThat(answer(command(channel, "persona show", Set.of(), Map.of("persona", "Sable"), null)))
                .contains("A new Sable.");
        assertThat(answer(command(channel, "persona remove", Set.of(MemberPermission.MANAGE_CHANNELS),
                Map.of("persona", "Sable 2"), null))).contains("Manage Server");
        assertThat(answer(command(channel, "persona remove", ADMIN, Map.of("persona", "Sable 2"), null)))
                .contains("is removed from this server");
        assertThat(answer(command(channel, "persona remove", ADMIN, Map.of("persona", "Marlow"), null)))
                .as("a built-in persona too").contains("is removed from this server");
        assertThat(answer(command(channel, "persona list", Set.of(), Map.of(), null))).doesNotContain("Sable 2")
                .doesNotContain("Marlow").contains("**Sable**");
        ChatMessage toMarlow = send(TestEvents.discordMessage(channel, "505", "fen", "Marlow, still here? Or Sable?"));
        assertThat(awaitFinalReplyTo(toMarlow).persona().id()).as("Marlow, named first, is gone").isEqualTo("sable");
    }

    @Test
    void aCardThatIsTooLargeTruncatedOrElsewhereIsRefusedNamingTheFile() {
        ConversationId channel = ConversationId.discord("7004", "1");
        byte[] large = new byte[9 * 1024 * 1024];
        Arrays.fill(large, (byte) ' ');
        assertThat(answer(command(channel, "persona import", ADMIN, Map.of(), file("big.json", large))))
                .startsWith("Not imported: big.json is 9.0 MB");
        byte[] whole = card("Cut", "Cut short.");
        assertThat(answer(command(channel, "persona import", ADMIN, Map.of(),
                file("cut.json", Arrays.copyOf(whole, whole.length / 2))))).startsWith("Not imported: cut.json is not valid JSON");
        assertThat(answer(command(channel, "persona import", ADMIN, Map.of(),
                new Attachment("far.json", "http://169.254.169.254/latest", 10)))).contains("far.json is not on Discord's");
        assertThat(answer(command(channel, "persona list", Set.of(), Map.of(), null))).doesNotContain("Cut");
    }

    @Test
    void channelManagersChooseWhoLivesInAChannelAndItsDefault() {
        ConversationId channel = ConversationId.discord("7005", "1");
        assertThat(answer(command(channel, "persona channel default", Set.of(), Map.of("persona", "Quill"), null)))
                .contains("Manage Channels");
        assertThat(answer(command(channel, "persona channel default", Set.of(MemberPermission.MANAGE_CHANNELS),
                Map.of("persona", "Quill"), null))).startsWith("**Quill** is this channel's default");
        ChatMessage unnamed = send(TestEvents.discordMessage(channel, "502", "bo", "anyone here?"));
        assertThat(awaitFinalReplyTo(unnamed).persona().id()).as("the channel's own default answers").isEqualTo("quill");
        assertThat(answer(command(channel, "persona channel remove", Set.of(MemberPermission.MANAGE_CHANNELS),
                Map.of("persona", "Marlow"), null))).contains("no longer lives");
        String list = answer(command(channel, "persona list", Set.of(), Map.of(), null));
        assertThat(list).contains("set in this channel from Discord").contains("**Quill** (default here)")
                .doesNotContain("Marlow");
        ChatMessage toMarlow = send(TestEvents.discordMessage(channel, "502", "bo", "Marlow, are you there?"));
        assertThat(awaitFinalReplyTo(toMarlow).persona().id()).as("Marlow no longer lives here").isEqualTo("quill");
        ConversationId elsewhere = ConversationId.discord("7005", "2");
        assertThat(channels.absentFrom(elsewhere, "marlow")).as("what Marlow's memory leaves out").containsExactly(channel);
        assertThat(channels.absentFrom(elsewhere, "quill")).isEmpty();
        assertThat(channels.absentFrom(ConversationId.discord("7099", "1"), "marlow")).as("another server").isEmpty();
    }

    /**
     * Another replica changed the settings and its notice has not reached this one (here: no notice at all, and the
     * minutely re-read is a minute away): the next message is still judged by the new settings.
     */
    @Test
    void aChangeMadeElsewhereIsInForceForTheNextMessageBeforeItsNoticeArrives() throws Exception {
        ConversationId channel = ConversationId.discord("7017", "1");
        assertThat(store.run("elsewhere-" + UUID.randomUUID(), "done", "7017",
                ServerSettingsStore.channelDefault(channel, "marlow"))).isTrue();

        ChatMessage after = send(TestEvents.discordMessage(channel, "503", "cy", "is anyone cooking tonight, then?"));
        assertThat(awaitFinalReplyTo(after).persona().id()).isEqualTo("marlow");
    }

    @Test
    void aJudgementOfWarmthMovesAffectionOnceAndTheNextPromptAndRelationshipShowIt() {
        ConversationId channel = ConversationId.discord("7006", "1");
        MemoryEvent judged = new MemoryEvent(Event.SCHEMA_VERSION, "judged-7006", "judged-7006",
                MemoryEvent.WARMTH_JUDGED, channel.place(), Map.of("conversationId", channel.toString(), "personaId",
                        "sable", MemoryEvent.AUTHOR_DIGEST, Sha256.hex("discord:900"), MemoryEvent.WARMTH, 2, "turns", 3),
                Map.of());
        topics.send(Topics.MEMORY_EVENTS, channel.place(), EventCodec.encode(judged));
        topics.send(Topics.MEMORY_EVENTS, channel.place(), EventCodec.encode(judged));
        String asked = await().atMost(Duration.ofSeconds(20)).until(() -> answer(command(channel, "relationship", Set.of(),
                Map.of("persona", "Sable"), null)), text -> !text.contains("affection 0 "));
        assertThat(asked).as("read twice, applied once").startsWith("To **Sable** you are a stranger (affection 6 of 100).")
                .contains("**Quill** 50");
        assertThat(answer(command(ConversationId.discord("7007", "1"), "relationship", Set.of(),
                Map.of("persona", "Sable"), null))).as("another server").contains("affection 0 of 100");

        ChatMessage message = send(TestEvents.discordMessage(channel, "900", "vic", "Sable, how are you?"));
        awaitFinalReplyTo(message);
        assertThat(model.promptsFor("Sable, how are you?")).singleElement()
                .satisfies(prompt -> assertThat(prompt.path("messages").path(0).path("content").asText())
                        .contains("How Sable feels about vic: a stranger (affection 6 of 100)."));
    }

    @Test
    void modelSettingsCascadeFromThePersonaToTheServerAndShowWhereEachComesFrom() {
        ConversationId channel = ConversationId.discord("7010", "1");
        assertThat(answer(command(channel, "persona model", Set.of(MemberPermission.MANAGE_CHANNELS),
                Map.of("for", "Sable", "model", "bigger-model"), null))).contains("Manage Server");
        assertThat(answer(command(channel, "persona model", ADMIN, Map.of("for", "Sable", "model", "bigger-model",
                "temperature", "0.3"), null))).contains("for **Sable** in this server from now on: model bigger-model, "
                        + "temperature 0.3");
        assertThat(answer(command(channel, "persona model", ADMIN, Map.of("for", "server", "max_tokens", "77",
                "temperature", "1.1"), null))).contains("in this server from now on");
        assertThat(answer(command(channel, "persona model", ADMIN, Map.of("for", "server", "temperature", "9"), null)))
                .contains("from 0 to 2");
        assertThat(answer(command(channel, "persona model", ADMIN, Map.of("for", "server", "model", "huge-model"),
                null))).as("only a model the operator lists").isEqualTo("Choose one of: bigger-model.");
        assertThat(answer(command(channel, "persona model", ADMIN, Map.of("for", "server", "max_tokens", "100000"),
                null))).contains("from 16 to");

        JsonNode sable = promptOf(send(TestEvents.discordMessage(channel, "504", "eli", "Sable, a tune?")));
        JsonNode quill = promptOf(send(TestEvents.discordMessage(channel, "504", "eli", "Quill, a book?")));
        assertThat(sable.path("model").asText()).isEqualTo("bigger-model");
        assertThat(temperature(sable)).as("the persona's own first").isEqualTo(0.3);
        assertThat(maxTokens(sable)).as("then the server's").isEqualTo(77);
        assertThat(quill.path("model").asText()).isNotEqualTo("bigger-model");
        assertThat(temperature(quill)).isEqualTo(1.1);
        assertThat(answer(command(channel, "persona show", Set.of(), Map.of("persona", "Sable"), null)))
                .contains("model: bigger-model (set for this persona in this server from Discord)")
                .contains("max tokens: 77 (set for this server from Discord)");
        assertThat(answer(command(channel, "persona model", ADMIN, Map.of("for", "Sable", "reset", "true"), null)))
                .contains("as the level below says");
        assertThat(answer(command(channel, "persona show", Set.of(), Map.of("persona", "Sable"), null)))
                .doesNotContain("bigger-model").contains("temperature: 1.1 (set for this server from Discord)");
        assertThat(answer(command(ConversationId.discord("7011", "1"), "persona show", Set.of(),
                Map.of("persona", "Sable"), null))).as("another server").contains("(the default)")
                .doesNotContain("bigger-model");
    }

    private JsonNode promptOf(ChatMessage message) {
        awaitFinalReplyTo(message);
        return model.promptsFor(message.content()).get(0);
    }

    private static double temperature(JsonNode request) {
        return request.has("temperature") ? request.path("temperature").asDouble()
                : request.path("options").path("temperature").asDouble();
    }

    private static int maxTokens(JsonNode request) {
        return request.has("max_tokens") ? request.path("max_tokens").asInt()
                : request.path("options").path("num_predict").asInt();
    }

    private static Attachment file(String name, byte[] content) {
        String path = UUID.randomUUID() + "/" + name;
        files.put(path, content);
        return new Attachment(name, "http://127.0.0.1:" + fileServer.getAddress().getPort() + "/" + path,
                content.length);
    }

    private static byte[] card(String name, String description) {
        return ("{\"spec\":\"chara_card_v2\",\"spec_version\":\"2.0\",\"data\":{\"name\":\"" + name
                + "\",\"description\":\"" + description + "\",\"personality\":\"calm\",\"first_mes\":\"Hello.\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static MemberCommand command(ConversationId channel, String name, Set<MemberPermission> may,
            Map<String, String> options, Attachment attachment) {
        String id = UUID.randomUUID().toString();
        return new MemberCommand(Event.SCHEMA_VERSION, id, id, "token-" + id, channel, "discord:900", may, name,
                options, attachment, Map.of());
    }

    private String answer(MemberCommand command) {
        topics.send(Topics.PERSONA_COMMANDS, command.conversationId().guildId(), EventCodec.encode(command));
        return await().atMost(Duration.ofSeconds(20)).until(() -> answers(command).stream().findFirst(),
                Optional::isPresent).orElseThrow().text();
    }

    private List<CommandAnswer> answers(MemberCommand command) {
        return topics.events(Topics.COMMAND_ANSWERS, CommandAnswer.class).stream()
                .filter(answer -> answer.commandId().equals(command.id())).toList();
    }

    private ChatMessage send(ChatMessage message) {
        topics.send(Topics.CHAT_INBOUND, message);
        return message;
    }

    private Reply awaitFinalReplyTo(ChatMessage message) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> topics.events(Topics.CHAT_OUTBOUND, Reply.class)
                .stream().filter(reply -> reply.inReplyTo().equals(message.id()) && reply.isFinal()).findFirst(),
                Optional::isPresent).orElseThrow();
    }
}
