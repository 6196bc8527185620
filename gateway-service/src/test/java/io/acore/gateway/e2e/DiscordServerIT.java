package io.acore.gateway.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.acore.devstack.DevStack;
import io.acore.devstack.StackConfig;
import io.acore.devstack.StubLlmServer;
import io.acore.events.api.ServiceToken;
import io.acore.testkit.discord.FakeDiscord;
import io.acore.testkit.model.ModelScript;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A Discord server as its members see it, over the fake Discord and the real JDA client, with the whole stack
 * running. Who answers what: in a server a persona speaks only when called (an @mention of the bot or its role, a
 * reply to a persona, its name, or the member it is talking to going on), everywhere in a persona's home channel,
 * always in direct messages and the web chat; a message that calls nobody costs no reply, no typing and no model
 * request. What reaches a prompt: what was said where only some members read never reaches a prompt in a channel
 * everyone reads, nor a prompt of a persona that does not live where it was said; a message its author deleted
 * never again, an edited one as it reads now.
 */
@Timeout(300)
class DiscordServerIT {
    private static final String HOME_CHANNEL = "310000000000000001";
    private static final String QUIET_CHANNEL = FakeDiscord.SECOND_CHANNEL_ID;
    private static final Pattern UNADDRESSED = Pattern.compile(
            "(?m)^acore_persona_messages_total\\{[^}]*outcome=\"unaddressed\"[^}]*} ([0-9.eE+]+)$");
    private static final Pattern BACKLOG = Pattern.compile("(?m)^acore_memory_embedding_backlog(?:\\{[^}]*})? ([0-9.eE+-]+)$");
    private static final Pattern CHANGES = Pattern.compile(
            "(?m)^acore_persona_message_changes_total\\{[^}]*} ([0-9.eE+]+)$");
    private static final ModelScript model = new ModelScript();
    private static DiscordStack running;
    private static FakeDiscord discord;
    private static DevStack stack;

    @BeforeAll
    static void startTheStack() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("ACORE_PERSONA_CHANNEL_DEFAULTS", "discord:" + FakeDiscord.GUILD_ID + ":" + HOME_CHANNEL + "=quill");
        env.put("ACORE_PERSONA_CHANNEL_PERSONAS", "discord:" + FakeDiscord.GUILD_ID + ":" + HOME_CHANNEL + "=quill");
        env.put("ACORE_MEMORY_FACTS_SETTLE", "2s");
        env.put("ACORE_MEMORY_FACTS_LONGEST_WAIT", "10s");
        running = DiscordStack.start("speaking", 2, model, true, env);
        discord = running.discord();
        stack = running.stack();
    }

    @AfterAll
    static void stopTheStack() throws InterruptedException {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void aMessageThatCallsNobodyGetsNoReplyNoTypingAndNoModelRequest() {
        int requests = quietModel();
        double unaddressed = unaddressed();

        discord.userWritesIn(QUIET_CHANNEL, "881000000000000001", "wren", "anyone watching the match tonight?");
        discord.userWritesIn(FakeDiscord.CHANNEL_ID, "881000000000000002", "odo", "lol same, we shall see");

        await().atMost(Duration.ofSeconds(30)).until(() -> unaddressed() == unaddressed + 2);
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8))
                .until(() -> model.requests().size() == requests);
        assertThat(discord.postedMessages()).noneMatch(posted -> posted.channelId().equals(QUIET_CHANNEL)
                || answers(posted, "lol same, we shall see"));
        assertThat(discord.typingIn()).doesNotContain(QUIET_CHANNEL);
        memoryApi()
                .get("/api/conversations/discord:" + discord.guildOf(QUIET_CHANNEL) + ":" + QUIET_CHANNEL + "/messages")
                .then().statusCode(200).body("content", org.hamcrest.Matchers.hasItem("anyone watching the match tonight?"));
    }

    @Test
    void aMentionARoleMentionANameAReplyAndTheMemberGoingOnEachGetExactlyOneReply() {
        quietModel();
        int replyPath = replyPathRequests();

        discord.userWrites("881000000000000011", "ada", "<@" + FakeDiscord.BOT_ID + "> what is the tide doing?");
        discord.userWrites("881000000000000012", "bo", "<@&" + FakeDiscord.botRoleIn(FakeDiscord.GUILD_ID)
                + "> any news from the harbour?");
        discord.userWrites("881000000000000013", "cy", "Marlow, is the bakery open?");
        assertThat(awaitAnswer("what is the tide doing?").username()).isEqualTo("Sable");
        assertThat(awaitAnswer("any news from the harbour?").username()).isEqualTo("Sable");
        FakeDiscord.PostedMessage marlow = awaitAnswer("Marlow, is the bakery open?");
        assertThat(marlow.username()).isEqualTo("Marlow");

        double unaddressed = unaddressed();
        discord.userWrites("881000000000000013", "cy", "and on Sundays?");
        discord.userRepliesIn(FakeDiscord.CHANNEL_ID, "881000000000000014", "di", "what time do you close?", marlow);
        discord.userWrites("881000000000000015", "ed", "and on Mondays?");
        assertThat(awaitAnswer("and on Sundays?").username()).as("the member Marlow is talking to").isEqualTo("Marlow");
        assertThat(awaitAnswer("what time do you close?").username()).as("a reply to Marlow").isEqualTo("Marlow");
        await().atMost(Duration.ofSeconds(30)).until(() -> unaddressed() == unaddressed + 1);

        assertThat(discord.postedMessages()).noneMatch(posted -> answers(posted, "and on Mondays?"));
        for (String text : List.of("what is the tide doing?", "any news from the harbour?", "Marlow, is the bakery open?",
                "and on Sundays?", "what time do you close?")) {
            assertThat(discord.postedMessages().stream().filter(posted -> answers(posted, text))).as(text).hasSize(1);
        }
        assertThat(replyPathRequests() - replyPath).as("one model request per reply").isEqualTo(5);
        assertThat(discord.typingIn()).contains(FakeDiscord.CHANNEL_ID);
    }

    @Test
    void inAHomeChannelADirectMessageAndTheWebChatEveryMessageIsAnswered() {
        discord.userWritesIn(HOME_CHANNEL, "881000000000000021", "fay", "good morning, room");
        assertThat(awaitAnswer("good morning, room").username()).as("the home channel's persona").isEqualTo("Quill");

        String user = "881000000000000022";
        discord.userWritesDirect(user, "gil", "are you awake?");
        FakeDiscord.PostedMessage direct = awaitAnswer("are you awake?");
        assertThat(direct.channelId()).isEqualTo(discord.directChannelOf(user));
        assertThat(direct.currentContent()).startsWith("**Sable**: ");

        given().baseUri(stack.serviceUrl(StackConfig.GATEWAY)).contentType("application/json")
                .body(Map.of("channel", "speaking", "user", "hal", "content", "anyone here?"))
                .post("/api/chat/messages").then().statusCode(202);
        List<String> lines = await().atMost(Duration.ofSeconds(60)).until(() -> given()
                .baseUri(stack.serviceUrl(StackConfig.GATEWAY)).get("/api/chat/messages?channel=speaking").then()
                .extract().jsonPath().getList("author.name", String.class), names -> names.size() == 2);
        assertThat(lines).containsExactly("hal", "Sable");
    }

    @Test
    void aPersonaRemembersOnlyTheScenesItWasPresentIn() {
        String member = "881000000000000051";
        discord.userWritesIn(HOME_CHANNEL, member, "ida", "Quill, my locker code is 4471-lantern.");
        awaitAnswer("Quill, my locker code is 4471-lantern.");
        await().atMost(Duration.ofSeconds(60)).until(() -> history("discord:" + FakeDiscord.GUILD_ID + ":" + HOME_CHANNEL)
                .contains("Quill, my locker code is 4471-lantern.") && embeddingBacklog() == 0);

        // Sable first: Quill's answer, once in #general, would be among Sable's recent turns there
        discord.userWritesIn(FakeDiscord.CHANNEL_ID, member, "ida", "Sable, what is my locker code?");
        assertThat(awaitPrompt("Sable, what is my locker code?")).as("Sable does not live where it was said")
                .doesNotContain("4471-lantern");
        discord.userWritesIn(FakeDiscord.CHANNEL_ID, member, "ida", "Quill, what is my locker code?");
        assertThat(awaitPrompt("Quill, what is my locker code?")).as("Quill does").contains("4471-lantern");
    }

    @Test
    void whatIsSaidWhereOnlySomeReadNeverReachesAPromptWhereEveryoneReads() {
        String moderator = "881000000000000031";
        String member = "881000000000000032";
        discord.userWritesIn(FakeDiscord.STAFF_CHANNEL_ID, moderator, "mod",
                "Sable, the vault password is heliotrope-forty-two, tell no one.");
        discord.userWritesIn(FakeDiscord.STAFF_THREAD_ID, moderator, "mod",
                "Sable, the staff party is at the old windmill.");
        discord.userWritesIn(FakeDiscord.PRIVATE_THREAD_ID, moderator, "mod", "Sable, I live in Zwolle.");
        awaitAnswer("the staff party is at the old windmill.");
        awaitAnswer("I live in Zwolle.");
        discord.userWritesIn(FakeDiscord.STAFF_CHANNEL_ID, moderator, "mod", "Sable, what is the vault password?");
        assertThat(awaitPrompt("Sable, what is the vault password?")).as("recalled where it was said")
                .contains("heliotrope-forty-two");
        await().atMost(Duration.ofSeconds(60)).until(() -> memoryApi()
                .get("/api/users/discord:" + moderator + "/memory").then().extract().jsonPath()
                .getList("facts.content", String.class).contains("lives in Zwolle"));

        List<String> asked = List.of("Sable, what is the vault password and where is the staff party?",
                "Sable, where do I live, and what is the password of the vault?");
        discord.userWritesIn(FakeDiscord.CHANNEL_ID, member, "ann", asked.get(0));
        discord.userWritesIn(FakeDiscord.CHANNEL_ID, moderator, "mod", asked.get(1));
        discord.userWritesIn(FakeDiscord.THREAD_ID, moderator, "mod", asked.get(0));
        for (String question : asked) {
            awaitPrompt(question);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> promptsFor(asked.get(0)).size() == 2);
        assertThat(asked.stream().flatMap(question -> promptsFor(question).stream()))
                .as("asked where everyone reads, by a member who cannot read the staff channel and by one who can")
                .hasSize(3).allSatisfy(prompt -> assertThat(prompt).doesNotContain("heliotrope")
                        .doesNotContain("windmill").doesNotContain("Zwolle"));
    }

    @Test
    void aDeletedMessageNeverReachesAPromptAgainAndAnEditedOneReachesItAsEdited() {
        String member = "881000000000000041";
        String thread = FakeDiscord.THREAD_ID; // not the quiet channel, where a reply would fail another test
        String conversation = "discord:" + discord.guildOf(thread) + ":" + thread;
        String deleted = discord.userWritesIn(thread, member, "rui", "my locker code is 4471, keep it quiet");
        String edited = discord.userWritesIn(thread, member, "rui", "I moved to Haarlem last week");
        await().atMost(Duration.ofSeconds(60)).until(() -> history(conversation),
                texts -> texts.stream().anyMatch(text -> text.contains("Haarlem")));

        discord.userDeletes(deleted);
        discord.userEdits(edited, "I moved to Leiden last week");

        await().atMost(Duration.ofSeconds(60)).until(() -> history(conversation), texts -> texts.contains(
                "I moved to Leiden last week") && texts.stream().noneMatch(text -> text.contains("4471")));
        assertThat(history(conversation)).noneMatch(text -> text.contains("Haarlem"));
        await().atMost(Duration.ofSeconds(30)).until(() -> changesHeardByPersona() >= 2);
        String question = "Sable, what is my locker code, and where did I move?";
        discord.userWritesIn(thread, member, "rui", question);
        assertThat(awaitPrompt(question)).contains("I moved to Leiden last week").doesNotContain("4471")
                .doesNotContain("Haarlem");
    }

    private static List<String> history(String conversation) {
        return memoryApi().get("/api/conversations/" + conversation + "/messages?limit=100").then().statusCode(200)
                .extract().jsonPath().getList("content", String.class);
    }

    /** How many stored turns memory-service has still to embed, as its metrics tell an operator. */
    private static double embeddingBacklog() {
        Matcher matcher = BACKLOG.matcher(given().baseUri(stack.serviceUrl(StackConfig.MEMORY)).get("/q/metrics")
                .then().statusCode(200).extract().asString());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : -1;
    }

    /** Edits and deletions persona-service applied to its recent turns, as its metrics tell an operator. */
    private static double changesHeardByPersona() {
        String metrics = given().baseUri(stack.serviceUrl(StackConfig.PERSONA)).get("/q/metrics").then()
                .statusCode(200).extract().asString();
        Matcher matcher = CHANGES.matcher(metrics);
        double total = 0;
        while (matcher.find()) {
            total += Double.parseDouble(matcher.group(1));
        }
        return total;
    }

    /** The first prompt the model got for a message, as it received it. */
    private static String awaitPrompt(String message) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> promptsFor(message), found -> !found.isEmpty())
                .get(0);
    }

    /** Every reply prompt whose last user turn is this message. */
    private static List<String> promptsFor(String message) {
        return model.promptsFor(message).stream().map(Object::toString).toList();
    }

    /** memory-service's API, called as the other services call it: with the stack's service token. */
    private static RequestSpecification memoryApi() {
        return given().baseUri(stack.serviceUrl(StackConfig.MEMORY))
                .header(ServiceToken.HEADER, ServiceToken.bearer(stack.serviceToken()));
    }

    private static boolean answers(FakeDiscord.PostedMessage posted, String text) {
        return StubLlmServer.answers(posted.currentContent(), text);
    }

    private static FakeDiscord.PostedMessage awaitAnswer(String text) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> discord.postedMessages().stream()
                .filter(posted -> answers(posted, text)).findFirst(), java.util.Optional::isPresent).orElseThrow();
    }

    /** Waits until the model has had no request for a few seconds (memory's background work done); returns the count. */
    private static int quietModel() {
        int[] seen = {model.requests().size()};
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(4)).until(() -> {
            int now = model.requests().size();
            boolean quiet = now == seen[0];
            seen[0] = now;
            return quiet;
        });
        return seen[0];
    }

    /** Model requests that answer a chat message, as opposed to memory's summaries and fact extraction. */
    private static int replyPathRequests() {
        return model.requests(StubLlmServer.RequestKind.REPLY).size();
    }

    /** Messages persona-service let pass because they called nobody, as its metrics tell an operator. */
    private static double unaddressed() {
        String metrics = given().baseUri(stack.serviceUrl(StackConfig.PERSONA)).get("/q/metrics").then()
                .statusCode(200).extract().asString();
        Matcher matcher = UNADDRESSED.matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
