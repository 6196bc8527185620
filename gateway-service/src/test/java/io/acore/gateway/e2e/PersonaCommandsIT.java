package io.acore.gateway.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.acore.devstack.DevStack;
import io.acore.devstack.ServiceProcess;
import io.acore.devstack.StackConfig;
import io.acore.devstack.StubLlmServer;
import io.acore.testkit.discord.CommandRun;
import io.acore.testkit.discord.FakeDiscord;
import io.acore.testkit.discord.FakeDiscord.InteractionResponse;
import io.acore.testkit.model.ModelScript;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code /persona} commands as members run them over the fake Discord and the real JDA client, with two
 * persona-service replicas: the gateway hands a command over with the member's permissions, one replica runs it, and
 * the change is in force on both at once, without a restart.
 */
@Timeout(300)
class PersonaCommandsIT {
    private static final String CARD = "{\"spec\":\"chara_card_v2\",\"spec_version\":\"2.0\",\"data\":{\"name\":"
            + "\"Nimbus\",\"description\":\"{{char}} is a cloud that drifts over the server.\",\"personality\":"
            + "\"dreamy\",\"first_mes\":\"Hello from above.\"}}";
    private static final AtomicInteger MEMBERS = new AtomicInteger();
    private static final int LONGEST_CHAIN = 3;
    private static FakeDiscord discord;
    private static DiscordStack running;
    private static DevStack stack;
    private static List<ServiceProcess> personas;

    @BeforeAll
    static void startTheStack() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("ACORE_PERSONA_ATTACHMENT_HOSTS", "localhost");
        // a persona always answers another's first line, half as often each hop after, three lines at most
        env.put("ACORE_PERSONA_BANTER_CHANCE_AT_NO_AFFINITY", "1");
        env.put("ACORE_PERSONA_BANTER_CHANCE_AT_FULL_AFFINITY", "1");
        env.put("ACORE_PERSONA_BANTER_LONGEST_CHAIN", Integer.toString(LONGEST_CHAIN));
        env.put("ACORE_PERSONA_BANTER_PAUSE", "5s");
        env.put("ACORE_MEMORY_FACTS_SETTLE", "2s");
        env.put("ACORE_MEMORY_FACTS_LONGEST_WAIT", "10s");
        env.put("ACORE_MEMORY_FACTS_INTERVAL", "1s");
        running = DiscordStack.start("persona-commands", 8, new ModelScript(), false, env);
        discord = running.discord();
        stack = running.stack();
        personas = List.of(stack.service(StackConfig.PERSONA), stack.startReplica(StackConfig.PERSONA, Map.of()));
        // the second replica's joining moves partitions of the chat messages: the tests start once a message is
        // answered after that, rather than measure the hand-over
        String first = "Sable, is the lamp lit?";
        discord.userWritesIn(FakeDiscord.CHANNEL_ID, member(), "eve", first);
        await().atMost(Duration.ofSeconds(120)).until(() -> discord.postedMessages().stream()
                .anyMatch(p -> StubLlmServer.answers(p.currentContent(), first)));
    }

    @AfterAll
    static void stopTheStack() throws InterruptedException {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void onlyAServerManagerImportsACardAndThePersonaThenAnswersOnEveryReplica() {
        CommandRun importing = CommandRun.of("persona", "import")
                .file("card", "nimbus.json", CARD.getBytes(StandardCharsets.UTF_8));
        String memberToken = discord.userRuns(member(), "pip", importing);
        assertThat(answer(memberToken)).contains("Manage Server").contains("Nothing changed");
        assertThat(discord.interactionResponses()).filteredOn(r -> r.token().equals(memberToken) && r.type() == 5)
                .singleElement().extracting(InteractionResponse::ephemeral).as("refused privately").isEqualTo(true);
        assertThat(answer(discord.userRuns(member(), "pip", CommandRun.of("persona", "list"))))
                .contains("**Sable**").doesNotContain("Nimbus");

        assertThat(answer(discord.userRuns(member(), "ada", importing.byManager())))
                .startsWith("Imported **Nimbus** from nimbus.json");

        List<String> channels = discord.channels().stream().filter(c -> discord.guildOf(c).equals(FakeDiscord.GUILD_ID))
                .toList();
        for (int i = 0; personas.stream().anyMatch(replica -> answeredAsNimbus(replica) == 0); i++) {
            assertThat(i).as("messages written before both replicas answered as Nimbus").isLessThan(4 * channels.size());
            String question = "Nimbus, what do you see from up there? (" + i + ")";
            discord.userWritesIn(channels.get(i % channels.size()), member(), "cal", question);
            FakeDiscord.PostedMessage answer = await().atMost(Duration.ofSeconds(30)).until(() -> discord
                    .postedMessages().stream().filter(p -> StubLlmServer.answers(p.currentContent(), question))
                    .findFirst(), Optional::isPresent).orElseThrow();
            assertThat(answer.username()).isEqualTo("Nimbus");
        }
    }

    @Test
    void aChannelManagerMakesAPersonaTheChannelsDefaultAndItAnswersUnnamedMessages() {
        String channel = discord.channels().stream().filter(c -> discord.guildOf(c).equals(FakeDiscord.GUILD_ID))
                .filter(c -> !c.equals(FakeDiscord.CHANNEL_ID)).findFirst().orElseThrow();
        CommandRun makeDefault = CommandRun.of("persona", "channel", "default").option("persona", "Marlow").in(channel);
        assertThat(answer(discord.userRuns(member(), "pip", makeDefault))).contains("Manage Channels");

        assertThat(answer(discord.userRuns(member(), "ada", makeDefault.byManager())))
                .startsWith("**Marlow** is this channel's default");
        String unnamed = "is anyone cooking tonight?";
        discord.userWritesIn(channel, member(), "cal", unnamed);
        FakeDiscord.PostedMessage reply = await().atMost(Duration.ofSeconds(30)).until(() -> discord.postedMessages()
                .stream().filter(p -> StubLlmServer.answers(p.currentContent(), unnamed)).findFirst(),
                Optional::isPresent).orElseThrow();
        assertThat(reply.username()).isEqualTo("Marlow");
        assertThat(answer(discord.userRuns(member(), "pip", CommandRun.of("persona", "list").in(channel))))
                .contains("**Marlow** (default here)").contains("set in this channel from Discord");
    }

    @Test
    void twoPersonasInABanterChannelExchangeABoundedNumberOfLinesAndTheirRelationshipsSurviveARestart()
            throws Exception {
        String channel = FakeDiscord.SECOND_CHANNEL_ID;
        for (String leaving : List.of("Marlow", "Juniper")) {
            assertThat(answer(discord.userRuns(member(), "ada", CommandRun.of("persona", "channel", "remove")
                    .option("persona", leaving).in(channel).byManager()))).contains("no longer lives");
        }
        assertThat(answer(discord.userRuns(member(), "ada", CommandRun.of("persona", "banter").option("state", "on")
                .in(channel).byManager()))).contains("may now answer each other");

        String fan = member();
        String opening = "Sable, thank you, you are wonderful. What does Quill think of storms?";
        discord.userWritesIn(channel, fan, "fan", opening);
        FakeDiscord.PostedMessage first = await().atMost(Duration.ofSeconds(30)).until(() -> discord.postedMessages()
                .stream().filter(p -> StubLlmServer.answers(p.currentContent(), opening)).findFirst(),
                Optional::isPresent).orElseThrow();
        assertThat(first.username()).isEqualTo("Sable");
        FakeDiscord.PostedMessage answered = await().atMost(Duration.ofSeconds(30)).until(() -> linesAfter(first)
                .stream().findFirst(), Optional::isPresent).orElseThrow();
        assertThat(answered.username()).as("the other persona of the channel").isEqualTo("Quill");
        assertThat(Duration.between(first.postedAt(), answered.postedAt())).as("the pause before a persona answers one")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(5));
        List<FakeDiscord.PostedMessage> chain = await().pollInterval(Duration.ofSeconds(1)).during(Duration.ofSeconds(15))
                .atMost(Duration.ofSeconds(60)).until(() -> linesAfter(first), lines -> true);
        assertThat(chain).as("lines the personas said to each other").hasSizeBetween(1, LONGEST_CHAIN);
        for (int i = 1; i < chain.size(); i++) {
            assertThat(chain.get(i).username()).as("no persona answers itself").isNotEqualTo(chain.get(i - 1).username());
        }

        String before = await().atMost(Duration.ofSeconds(60)).until(() -> answer(discord.userRuns(fan, "fan",
                CommandRun.of("relationship").option("persona", "Sable").in(channel))),
                text -> !text.contains("affection 0 of 100"));
        assertThat(before).contains("**Quill** 5").doesNotContain("**Quill** 50");
        for (ServiceProcess replica : personas) {
            replica.kill();
            replica.restart();
        }
        for (ServiceProcess replica : personas) {
            replica.awaitReady(Duration.ofSeconds(90));
        }
        assertThat(answer(discord.userRuns(fan, "fan", CommandRun.of("relationship").option("persona", "Sable")
                .in(channel)))).as("after a restart of persona-service").isEqualTo(before);
    }

    /** What the personas posted in the channel after {@code first}, in order. */
    private static List<FakeDiscord.PostedMessage> linesAfter(FakeDiscord.PostedMessage first) {
        List<FakeDiscord.PostedMessage> posted = discord.postedMessages().stream()
                .filter(p -> p.channelId().equals(first.channelId())).toList();
        return posted.subList(posted.indexOf(first) + 1, posted.size());
    }

    private static String member() {
        return Long.toString(661000000000000000L + MEMBERS.incrementAndGet());
    }

    /** The answer shown in place of the command's "thinking…". */
    private static String answer(String token) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> discord.interactionResponses().stream()
                .filter(r -> r.token().equals(token) && r.type() == 0).findFirst(), Optional::isPresent)
                .orElseThrow().content();
    }

    /** Messages the replica answered as Nimbus, as its metrics tell an operator. */
    private static int answeredAsNimbus(ServiceProcess replica) {
        String metrics = given().baseUri(replica.baseUrl()).get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher series = Pattern.compile("acore_persona_messages_total\\{([^}]*)} ([0-9.E]+)").matcher(metrics);
        while (series.find()) {
            if (series.group(1).contains("outcome=\"answered\"") && series.group(1).contains("persona=\"nimbus\"")) {
                return (int) Double.parseDouble(series.group(2));
            }
        }
        return 0;
    }
}
