package io.acore.testkit.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.java_websocket.WebSocket;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;

/**
 * A local stand-in for Discord that speaks enough of the real protocols for the JDA client: REST v10
 * ({@code /users/@me}, opening a direct-message channel, {@code /gateway/bot}, channel messages and their history, typing, channel webhooks and
 * executing them) and the gateway (HELLO, IDENTIFY with shards, READY, GUILD_CREATE, heartbeats, MESSAGE_CREATE
 * dispatches). It has two guilds with one text channel each; as on Discord, a guild's events go to the session of
 * shard {@code (guild id >> 22) % shard total} (with two shards: {@link #GUILD_ID} to shard 0,
 * {@link #SECOND_GUILD_ID} to shard 1), to every session of that shard.
 */
public final class FakeDiscord implements AutoCloseable {
    public static final String BOT_ID = "100000000000000001";
    public static final String GUILD_ID = "200000000000000002";
    public static final String CHANNEL_ID = "300000000000000003";
    public static final String SECOND_GUILD_ID = "200000000004194306";
    public static final String SECOND_CHANNEL_ID = "300000000000000004";
    /** A public thread in {@link #CHANNEL_ID}: webhooks post in it through their parent channel's webhook. */
    public static final String THREAD_ID = "300000000000000005";
    /**
     * A text channel of the first guild that @everyone cannot view (its readers are the roles let in: the bot's);
     * not among {@link #channels()}.
     */
    public static final String STAFF_CHANNEL_ID = "300000000000000006";
    /** A public thread in {@link #STAFF_CHANNEL_ID}: readable by those who read the channel. */
    public static final String STAFF_THREAD_ID = "300000000000000007";
    /** A private thread in {@link #CHANNEL_ID}: readable by its members only. */
    public static final String PRIVATE_THREAD_ID = "300000000000000008";
    private static final Map<String, String> PARENT_OF_THREAD = Map.of(THREAD_ID, CHANNEL_ID,
            STAFF_THREAD_ID, STAFF_CHANNEL_ID, PRIVATE_THREAD_ID, CHANNEL_ID);
    /** The bot token the fake accepts; it works nowhere else. */
    public static final String TOKEN = "fake-token";
    private static final Pattern CHANNEL_MESSAGES = Pattern.compile("/api/v10/channels/(\\d+)/messages");
    private static final Pattern CHANNEL_MESSAGE = Pattern.compile("/api/v10/channels/(\\d+)/messages/(\\d+)");
    private static final Pattern CHANNEL_TYPING = Pattern.compile("/api/v10/channels/(\\d+)/typing");
    private static final Pattern CHANNEL_WEBHOOKS = Pattern.compile("/api/v10/channels/(\\d+)/webhooks");
    private static final Pattern WEBHOOK_EXECUTE = Pattern.compile("/api/v10/webhooks/(\\d+)/([^/]+)");
    private static final Pattern COMMANDS = Pattern.compile("/api/v10/applications/(\\d+)/commands");
    private static final Pattern CALLBACK = Pattern.compile("/api/v10/interactions/(\\d+)/([^/]+)/callback");
    private static final Pattern ORIGINAL = Pattern.compile("/api/v10/webhooks/(\\d+)/([^/]+)/messages/@original");
    private static final Pattern WEBHOOK = Pattern.compile("/api/v10/webhooks/(\\d+)");
    private static final Pattern USER_MENTION = Pattern.compile("<@!?(\\d+)>");
    private static final Pattern ROLE_MENTION = Pattern.compile("<@&(\\d+)>");
    private static final Pattern WEBHOOK_MESSAGE = Pattern.compile("/api/v10/webhooks/(\\d+)/([^/]+)/messages/(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long DISCORD_EPOCH_MILLIS = 1420070400000L;
    private static final long VIEW_CHANNEL = 1L << 10;
    private static final long SEND_MESSAGES = 1L << 11;
    private static final long READ_MESSAGE_HISTORY = 1L << 16;
    private static final long MANAGE_WEBHOOKS = 1L << 29;
    private static final long MANAGE_CHANNELS = 1L << 4;
    private static final long MANAGE_GUILD = 1L << 5;
    private static final long MEMBER_PERMISSIONS = VIEW_CHANNEL | SEND_MESSAGES | READ_MESSAGE_HISTORY | MANAGE_WEBHOOKS;

    /**
     * A message the bot posted through REST, itself or through one of its webhooks ({@code webhookId} set):
     * the request {@code body}, the {@code message} object the fake answered with, and when it was posted.
     */
    public record PostedMessage(String channelId, String messageId, String webhookId, JsonNode body,
            ObjectNode message, Instant postedAt) {
        /** The text the message was posted with. */
        public String content() {
            return body.path("content").asText();
        }

        /** The text it shows now, after any edits. */
        public String currentContent() {
            return message.path("content").asText();
        }

        /** The name the message was shown under, for webhook messages. */
        public String username() {
            return body.path("username").asText(null);
        }
    }

    private final HttpServer rest;
    private final Gateway gateway;
    private final List<PostedMessage> posted = new CopyOnWriteArrayList<>();
    private final List<String> typing = new CopyOnWriteArrayList<>();
    private final List<ObjectNode> webhooks = new CopyOnWriteArrayList<>();
    private final List<ObjectNode> commands = new CopyOnWriteArrayList<>();
    private final List<InteractionResponse> interactionResponses = new CopyOnWriteArrayList<>();
    private final AtomicInteger postsToRefuse = new AtomicInteger();
    private volatile boolean down;
    private final WebhookBuckets buckets = new WebhookBuckets();
    private final AtomicInteger rateLimited = new AtomicInteger();
    private final List<Edit> edits = new CopyOnWriteArrayList<>();
    private final List<String> deleted = new CopyOnWriteArrayList<>();
    private final List<WebhookHold> holds = new CopyOnWriteArrayList<>();

    /** A webhook message's text changed by its webhook (an edit), in the order Discord accepted them, and when. */
    public record Edit(String channelId, String messageId, String content, Instant at) {
    }

    /**
     * What the bot answered to a slash command: a callback ({@code type} set) or an edit of its reply, with the
     * files attached to it by name.
     */
    public record InteractionResponse(String token, int type, String content, boolean ephemeral,
            Map<String, byte[]> files) {
    }
    private final AtomicLong ids = new AtomicLong(400000000000000000L);
    private final Map<String, byte[]> attachments = new ConcurrentHashMap<>();
    private final AtomicInteger nonceRepeats = new AtomicInteger();
    private final Map<String, ObjectNode> userMessages = new ConcurrentHashMap<>();
    private final Map<String, String> directChannels = new ConcurrentHashMap<>();

    private FakeDiscord(HttpServer rest, Gateway gateway) {
        this.rest = rest;
        this.gateway = gateway;
    }

    /** A fake Discord with one text channel in each of its two guilds. */
    public static FakeDiscord start() throws IOException, InterruptedException {
        return start(1);
    }

    /**
     * A fake Discord with {@code channelsPerGuild} text channels in each of its two guilds: {@link #CHANNEL_ID}
     * and {@link #SECOND_CHANNEL_ID} first, then more; {@link #channels()} lists them.
     */
    public static FakeDiscord start(int channelsPerGuild) throws IOException, InterruptedException {
        Map<String, String> guildOfChannel = new LinkedHashMap<>();
        guildOfChannel.put(CHANNEL_ID, GUILD_ID);
        guildOfChannel.put(SECOND_CHANNEL_ID, SECOND_GUILD_ID);
        guildOfChannel.put(STAFF_CHANNEL_ID, GUILD_ID);
        for (long more = 1; more < channelsPerGuild; more++) {
            guildOfChannel.put(Long.toString(310000000000000000L + more), GUILD_ID);
            guildOfChannel.put(Long.toString(320000000000000000L + more), SECOND_GUILD_ID);
        }
        Gateway gateway = new Gateway(Map.copyOf(guildOfChannel));
        gateway.setReuseAddr(true);
        gateway.start();
        gateway.started.await();
        HttpServer rest = HttpServer.create(new InetSocketAddress("localhost", 0), 64);
        FakeDiscord fake = new FakeDiscord(rest, gateway);
        gateway.latestMessage = fake::latestMessageIn;
        rest.createContext("/api/v10/", fake::handleRest);
        rest.createContext("/attachments/", fake::serveAttachment);
        rest.setExecutor(Executors.newCachedThreadPool());
        rest.start();
        return fake;
    }

    /** JDA's REST base URL: {@code RestConfig#setBaseUrl}. */
    public String restUrl() {
        return "http://localhost:" + rest.getAddress().getPort() + "/api/v10/";
    }

    /** The gateway URL JDA connects to. */
    public String gatewayUrl() {
        return "ws://localhost:" + gateway.getPort() + "/";
    }

    /** The gateway-service settings that connect its Discord adapter to this fake, as configuration properties. */
    public Map<String, String> gatewaySettings() {
        return Map.of("acore.discord.token", TOKEN, "acore.discord.rest-url", restUrl(),
                "acore.discord.gateway-url", gatewayUrl());
    }

    /** The same settings as environment variables, for a gateway-service run as a process. */
    public Map<String, String> gatewayEnvironment() {
        return Map.of("ACORE_DISCORD_TOKEN", TOKEN, "ACORE_DISCORD_REST_URL", restUrl(),
                "ACORE_DISCORD_GATEWAY_URL", gatewayUrl());
    }

    public boolean botConnected() {
        return !gateway.identifiedShards().isEmpty();
    }

    /** The shards with an identified bot session, once per session (a shard run twice is listed twice). */
    public List<Integer> connectedShards() {
        return gateway.identifiedShards();
    }

    /** The next {@code count} requests to any webhook meet a 429, whatever their bucket holds. */
    public void rateLimitNextWebhookRequests(int count) {
        buckets.limitNext(count);
    }

    /** How many webhook requests were answered 429 so far. */
    public int rateLimitedRequests() {
        return rateLimited.get();
    }

    /** The ids of webhook messages deleted by their webhook, oldest first (they are gone from the channel). */
    public List<String> deletedMessages() {
        return List.copyOf(deleted);
    }

    /** Every edit of a webhook message, oldest first. */
    public List<Edit> edits() {
        return List.copyOf(edits);
    }

    /** A moderator deletes every webhook of the channel: executing them answers 10015 Unknown Webhook from now on. */
    public void deleteWebhooksIn(String channelId) {
        webhooks.removeIf(w -> w.path("channel_id").asText().equals(channelId));
    }

    /** Other applications' webhooks fill the channel up to {@code count} (Discord allows 15 per channel). */
    public void addForeignWebhooks(String channelId, int count) {
        for (int i = 0; i < count; i++) {
            addWebhook(channelId, "Other integration " + (i + 1), "900000000000000009");
        }
    }

    /**
     * The next message the bot posts through a webhook in the channel is posted (it is in the channel, as Discord
     * accepted it), but the answer saying so waits until the hold is released: as when the process that posted it
     * dies before it learns the message's id.
     */
    public WebhookHold holdNextWebhookPostIn(String channelId) {
        return hold(WebhookHold.Request.POST, channelId);
    }

    /**
     * The next edit of a webhook message in the channel waits before Discord applies it (the message keeps showing
     * its earlier text) until the hold is released; then it is applied and answered.
     */
    public WebhookHold holdNextWebhookEditIn(String channelId) {
        return hold(WebhookHold.Request.EDIT, channelId);
    }

    private WebhookHold hold(WebhookHold.Request request, String channelId) {
        WebhookHold hold = new WebhookHold(request, channelId);
        holds.add(hold);
        return hold;
    }

    /** Keeps the request waiting if a hold asks for it. */
    private void holdIfAsked(WebhookHold.Request request, String channelId, String messageId) {
        for (WebhookHold hold : holds) {
            if (hold.takes(request, channelId)) {
                hold.hold(messageId);
                return;
            }
        }
    }

    /** The next {@code count} messages the bot posts are refused with a 500, as Discord does when it is unwell. */
    public void refuseNextPosts(int count) {
        postsToRefuse.set(count);
    }

    /** A member of the first guild writes {@code content} in its text channel. */
    public String userWrites(String userId, String userName, String content) {
        return userReplies(userId, userName, content, null);
    }

    /** A member writes {@code content} in one of the fake's text channels ({@link #CHANNEL_ID}, {@link #SECOND_CHANNEL_ID}). */
    public String userWritesIn(String channelId, String userId, String userName, String content) {
        return message(channelId, userId, userName, content, null);
    }

    /** A member answers one of the bot's messages with Discord's reply feature ({@code answered} may be null). */
    public String userReplies(String userId, String userName, String content, PostedMessage answered) {
        return message(CHANNEL_ID, userId, userName, content, answered);
    }

    /**
     * A member answers one of the bot's messages in any channel with Discord's reply feature, which pings the
     * author of the answered message unless it is a webhook (as Discord's client does by default).
     */
    public String userRepliesIn(String channelId, String userId, String userName, String content,
            PostedMessage answered) {
        return message(channelId, userId, userName, content, answered);
    }

    /**
     * A user writes to the bot in a direct message (the user's own DM channel with the bot, {@link #directChannelOf});
     * returns the message id.
     */
    public String userWritesDirect(String userId, String userName, String content) {
        return message(directChannelOf(userId), userId, userName, content, null);
    }

    /** The channel of the direct messages between a user and the bot. */
    public String directChannelOf(String userId) {
        return directChannels.computeIfAbsent(userId, user -> snowflakeNow());
    }

    /** The role Discord gives the bot in a guild: members may @mention it to call the bot. */
    public static String botRoleIn(String guildId) {
        return Long.toString(Long.parseLong(guildId) + 1);
    }

    private String message(String channelId, String userId, String userName, String content, PostedMessage answered) {
        ObjectNode message = userMessage(channelId, userId, userName, content, answered);
        gateway.dispatch("MESSAGE_CREATE", message, message.path("guild_id").asText(null));
        return message.path("id").asText();
    }

    private ObjectNode userMessage(String channelId, String userId, String userName, String content,
            PostedMessage answered) {
        String guildId = guildOrNull(channelId);
        String messageId = snowflakeNow();
        ObjectNode author = user(userId, userName, false);
        ObjectNode message = JSON.createObjectNode()
                .put("id", messageId).put("channel_id", channelId)
                .put("content", content).put("timestamp", "2026-11-26T12:00:00.000000+00:00")
                .put("type", 0).put("tts", false).put("mention_everyone", false).put("pinned", false).put("flags", 0);
        message.set("author", author);
        if (guildId != null) {
            message.put("guild_id", guildId);
            message.set("member", member(null).put("nick", (String) null));
        }
        ArrayNode mentions = message.putArray("mentions");
        Matcher users = USER_MENTION.matcher(content);
        while (users.find()) {
            mentions.add(mentioned(users.group(1), guildId));
        }
        ArrayNode roles = message.putArray("mention_roles");
        Matcher roleMentions = ROLE_MENTION.matcher(content);
        while (roleMentions.find()) {
            roles.add(roleMentions.group(1));
        }
        message.putArray("attachments");
        message.putArray("embeds");
        message.putArray("components");
        if (answered != null) {
            message.put("type", 19);
            ObjectNode reference = message.putObject("message_reference").put("type", 0)
                    .put("message_id", answered.messageId()).put("channel_id", answered.channelId());
            if (guildId != null) {
                reference.put("guild_id", guildId);
            }
            message.set("referenced_message", answered.message());
            if (answered.webhookId() == null) {
                mentions.add(mentioned(answered.message().path("author").path("id").asText(), guildId));
            }
        }
        userMessages.put(messageId, message);
        return message;
    }

    /** A mentioned user as Discord lists it on a message: with its member in a guild. */
    private static ObjectNode mentioned(String userId, String guildId) {
        boolean bot = userId.equals(BOT_ID);
        ObjectNode user = user(userId, bot ? "acore" : "member" + userId, bot);
        if (guildId != null) {
            ObjectNode member = member(null);
            if (bot) {
                ((ArrayNode) member.get("roles")).add(botRoleIn(guildId));
            }
            user.set("member", member);
        }
        return user;
    }

    /** The member who wrote the message edits it to {@code content}: Discord dispatches the message as it is now. */
    public void userEdits(String messageId, String content) {
        ObjectNode edited = userMessages.get(messageId).deepCopy().put("content", content)
                .put("edited_timestamp", "2026-11-26T12:00:05.000000+00:00");
        userMessages.put(messageId, edited);
        gateway.dispatch("MESSAGE_UPDATE", edited, edited.path("guild_id").asText(null));
    }

    /** The member who wrote the message deletes it: Discord tells only its id, channel and server. */
    public void userDeletes(String messageId) {
        ObjectNode message = userMessages.remove(messageId);
        ObjectNode deleted = JSON.createObjectNode().put("id", messageId)
                .put("channel_id", message.path("channel_id").asText());
        if (message.hasNonNull("guild_id")) {
            deleted.put("guild_id", message.path("guild_id").asText());
        }
        gateway.dispatch("MESSAGE_DELETE", deleted, message.path("guild_id").asText(null));
    }

    /** Dispatches a member's message again, as Discord may when it replays events after a session resumes. */
    public void replay(String messageId) {
        ObjectNode message = userMessages.get(messageId);
        gateway.dispatch("MESSAGE_CREATE", message, message.path("guild_id").asText());
    }

    /**
     * Ends every bot session as Discord does when a session timed out (close code 4009): the bot must identify
     * anew, and the events in between are lost to it.
     */
    public void endSessions() {
        gateway.endSessions();
    }

    /**
     * Discord out of service: every bot session breaks off, new ones are refused at the handshake, and REST
     * answers 503, until {@link #comeBack()}. Messages members write meanwhile are kept, as Discord keeps them.
     */
    public void goDown() {
        down = true;
        gateway.down = true;
        gateway.breakSessions();
    }

    /** Discord in service again after {@link #goDown()}: sessions may connect (and resume) and REST answers. */
    public void comeBack() {
        gateway.down = false;
        down = false;
    }

    private String latestMessageIn(String channelId) {
        ArrayNode newest = history(channelId, "limit=1");
        return newest.isEmpty() ? null : newest.get(0).path("id").asText();
    }

    /** Every text channel, in both guilds. */
    public List<String> channels() {
        return gateway.guildOfChannel.keySet().stream().filter(channel -> !channel.equals(STAFF_CHANNEL_ID)).sorted()
                .toList();
    }

    /** The guild a channel of the fake belongs to. */
    private String guildOrNull(String channelId) {
        return directChannels.containsValue(channelId) ? null : guildOf(channelId);
    }

    public String guildOf(String channelId) {
        String guild = gateway.guildOfChannel.get(PARENT_OF_THREAD.getOrDefault(channelId, channelId));
        if (guild == null) {
            throw new IllegalArgumentException("the fake Discord has no channel " + channelId);
        }
        return guild;
    }

    /**
     * Puts a message in the channel as if the bot had posted it through its webhook (as a gateway process may
     * have done just before it was killed); returns the message id.
     */
    public String postedEarlier(String channelId, String webhookId, String username, String content) {
        JsonNode request = JSON.createObjectNode().put("content", content).put("username", username);
        return post(channelId, webhookId, request, user(webhookId, username, true)).path("id").asText();
    }

    /**
     * Puts a message in the channel as if the bot had posted it itself with {@code nonce} (and {@code enforce_nonce},
     * as JDA sends it); returns the message id.
     */
    public String postedEarlierByBot(String channelId, String content, String nonce) {
        JsonNode request = JSON.createObjectNode().put("content", content).put("nonce", nonce)
                .put("enforce_nonce", true);
        return post(channelId, null, request, user(BOT_ID, "acore", true)).path("id").asText();
    }

    public List<PostedMessage> postedMessages() {
        return List.copyOf(posted);
    }

    public List<String> typingIn() {
        return List.copyOf(typing);
    }

    /** One endpoint of Discord's REST API the fake answers: its method, its path, and what it does. */
    private record Route(String method, Pattern path, Handler handler) {
    }

    @FunctionalInterface
    private interface Handler {
        /** {@code path}: the matched request path, its groups the ids in it. */
        void handle(HttpExchange exchange, Matcher path) throws IOException;
    }

    /** Discord's routes the bot uses, each with its handler below; anything else is a 404. */
    private final List<Route> routes = List.of(
            new Route("GET", Pattern.compile("/api/v10/users/@me"), this::currentUser),
            new Route("GET", Pattern.compile("/api/v10/gateway(/bot)?"), this::gatewayInfo),
            new Route("POST", Pattern.compile("/api/v10/users/@me/channels"), this::openDirectChannel),
            new Route("GET", CHANNEL_MESSAGES, this::channelHistory),
            new Route("POST", CHANNEL_MESSAGES, this::botPost),
            new Route("PATCH", CHANNEL_MESSAGE, this::botEdit),
            new Route("DELETE", CHANNEL_MESSAGE, this::botDelete),
            new Route("GET", CHANNEL_WEBHOOKS, this::listWebhooks),
            new Route("POST", CHANNEL_WEBHOOKS, this::createWebhook),
            new Route("DELETE", WEBHOOK, this::deleteWebhook),
            new Route("PUT", COMMANDS, this::registerCommands),
            new Route("POST", CALLBACK, this::interactionCallback),
            new Route("PATCH", ORIGINAL, this::editOriginal),
            new Route("POST", WEBHOOK_EXECUTE, this::executeWebhook),
            new Route("DELETE", WEBHOOK_MESSAGE, this::deleteWebhookMessage),
            new Route("PATCH", WEBHOOK_MESSAGE, this::editWebhookMessage),
            new Route("POST", CHANNEL_TYPING, this::typing));

    private void handleRest(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (down) {
                respond(exchange, 503, JSON.createObjectNode().put("message", "Service Unavailable").put("code", 0));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            for (Route route : routes) {
                Matcher matched = route.path().matcher(path);
                if (route.method().equals(exchange.getRequestMethod()) && matched.matches()) {
                    route.handler().handle(exchange, matched);
                    return;
                }
            }
            respond(exchange, 404, JSON.createObjectNode().put("message", "Unknown route "
                    + exchange.getRequestMethod() + " " + path).put("code", 0));
        }
    }

    /** The bot's own user. */
    private void currentUser(HttpExchange exchange, Matcher path) throws IOException {
        respond(exchange, 200, user(BOT_ID, "acore", true).put("verified", true).put("mfa_enabled", false));
    }

    /** Where the gateway is, one shard, no limit on sessions. */
    private void gatewayInfo(HttpExchange exchange, Matcher path) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("url", gatewayUrl()).put("shards", 1);
        body.putObject("session_start_limit").put("total", 1000).put("remaining", 1000)
                .put("reset_after", 0).put("max_concurrency", 1);
        respond(exchange, 200, body);
    }

    /** The DM channel with a member. */
    private void openDirectChannel(HttpExchange exchange, Matcher path) throws IOException {
        String recipient = JSON.readTree(exchange.getRequestBody()).path("recipient_id").asText();
        ObjectNode channel = JSON.createObjectNode().put("id", directChannelOf(recipient)).put("type", 1);
        channel.putArray("recipients").add(user(recipient, "member", false));
        respond(exchange, 200, channel);
    }

    /** A channel's history. */
    private void channelHistory(HttpExchange exchange, Matcher path) throws IOException {
        respond(exchange, 200, history(path.group(1), exchange.getRequestURI().getQuery()));
    }

    /** The bot posts in a channel (a nonce it sent lately with {@code enforce_nonce} gets that message back). */
    private void botPost(HttpExchange exchange, Matcher path) throws IOException {
        if (refusedPost(exchange)) {
            return;
        }
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        Optional<DiscordRules.Refusal> refusal = DiscordRules.content(request).or(() -> DiscordRules.nonce(request));
        if (refusal.isPresent()) {
            refuse(exchange, refusal.get());
            return;
        }
        Optional<PostedMessage> same = sameNonce(path.group(1), request);
        if (same.isPresent()) {
            nonceRepeats.incrementAndGet();
            respond(exchange, 200, same.get().message());
            return;
        }
        respond(exchange, 200, post(path.group(1), null, request, user(BOT_ID, "acore", true)));
    }

    /** The bot edits its message. */
    private void botEdit(HttpExchange exchange, Matcher path) throws IOException {
        PostedMessage target = postedByBot(path.group(1), path.group(2));
        editOrRefuse(exchange, target, target != null && target.webhookId() == null,
                Multipart.read(exchange).json());
    }

    /** The bot deletes its message. */
    private void botDelete(HttpExchange exchange, Matcher path) throws IOException {
        PostedMessage target = postedByBot(path.group(1), path.group(2));
        if (target == null) {
            refuse(exchange, DiscordRules.unknownMessage());
            return;
        }
        posted.removeIf(m -> m.messageId().equals(target.messageId())
                && m.channelId().equals(target.channelId()));
        deleted.add(target.messageId());
        exchange.sendResponseHeaders(204, -1);
    }

    /** A channel's webhooks. */
    private void listWebhooks(HttpExchange exchange, Matcher path) throws IOException {
        ArrayNode list = JSON.createArrayNode();
        webhooks.stream().filter(w -> w.path("channel_id").asText().equals(path.group(1))).forEach(list::add);
        respond(exchange, 200, list);
    }

    /** A new webhook in a channel, within Discord's limits. */
    private void createWebhook(HttpExchange exchange, Matcher path) throws IOException {
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        String channelId = path.group(1);
        Optional<DiscordRules.Refusal> refusal = PARENT_OF_THREAD.containsKey(channelId)
                ? Optional.of(DiscordRules.wrongChannelType())
                : DiscordRules.name("name", request.path("name").asText(""));
        if (refusal.isEmpty() && webhooksIn(channelId) >= DiscordRules.MAX_WEBHOOKS_PER_CHANNEL) {
            refusal = Optional.of(DiscordRules.tooManyWebhooks());
        }
        if (refusal.isPresent()) {
            refuse(exchange, refusal.get());
            return;
        }
        respond(exchange, 200, addWebhook(channelId, request.path("name").asText(), BOT_ID));
    }

    /** A webhook deleted. */
    private void deleteWebhook(HttpExchange exchange, Matcher path) throws IOException {
        boolean removed = webhooks.removeIf(w -> w.path("id").asText().equals(path.group(1)));
        if (removed) {
            exchange.sendResponseHeaders(204, -1);
        } else {
            refuse(exchange, DiscordRules.unknownWebhook());
        }
    }

    /** The application's slash commands, replaced. */
    private void registerCommands(HttpExchange exchange, Matcher path) throws IOException {
        ArrayNode registered = JSON.createArrayNode();
        commands.clear();
        for (JsonNode command : JSON.readTree(exchange.getRequestBody())) {
            ObjectNode copy = ((ObjectNode) command.deepCopy()).put("id", Long.toString(ids.incrementAndGet()))
                    .put("application_id", BOT_ID).put("version", "1").put("nsfw", false);
            if (!copy.has("type")) {
                copy.put("type", 1);
            }
            commands.add(copy);
            registered.add(copy);
        }
        respond(exchange, 200, registered);
    }

    /** The first answer to an interaction. */
    private void interactionCallback(HttpExchange exchange, Matcher path) throws IOException {
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        JsonNode data = request.path("data");
        interactionResponses.add(new InteractionResponse(path.group(2), request.path("type").asInt(),
                data.path("content").asText(""), (data.path("flags").asInt(0) & 64) != 0, Map.of()));
        exchange.sendResponseHeaders(204, -1);
    }

    /** An interaction's answer, edited (deferred answers arrive this way). */
    private void editOriginal(HttpExchange exchange, Matcher path) throws IOException {
        Multipart body = Multipart.read(exchange);
        JsonNode request = body.json();
        interactionResponses.add(new InteractionResponse(path.group(2), 0,
                request.path("content").asText(""), false, body.files()));
        respond(exchange, 200, post(CHANNEL_ID, BOT_ID, request, user(BOT_ID, "acore", true)));
    }

    /** A webhook posts, within its rate limit (in a thread with {@code thread_id}). */
    private void executeWebhook(HttpExchange exchange, Matcher path) throws IOException {
        if (refusedPost(exchange)) {
            return;
        }
        ObjectNode webhook = webhook(path.group(1), path.group(2)).orElse(null);
        if (webhook == null) {
            refuse(exchange, DiscordRules.unknownWebhook());
            return;
        }
        if (!admitted(exchange, webhook)) {
            return;
        }
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        Optional<DiscordRules.Refusal> refusal = DiscordRules.name("username",
                request.has("username") ? request.path("username").asText() : null)
                .or(() -> DiscordRules.content(request));
        if (refusal.isPresent()) {
            refuse(exchange, refusal.get());
            return;
        }
        String into = targetChannel(exchange, webhook);
        if (into == null) {
            refuse(exchange, DiscordRules.unknownChannel());
            return;
        }
        ObjectNode author = user(webhook.path("id").asText(), request.path("username").asText(
                webhook.path("name").asText()), true);
        ObjectNode created = post(into, webhook.path("id").asText(), request, author);
        holdIfAsked(WebhookHold.Request.POST, into, created.path("id").asText());
        respond(exchange, 200, created);
    }

    /** A webhook's message deleted. */
    private void deleteWebhookMessage(HttpExchange exchange, Matcher path) throws IOException {
        ObjectNode webhook = webhook(path.group(1), path.group(2)).orElse(null);
        if (webhook == null) {
            refuse(exchange, DiscordRules.unknownWebhook());
            return;
        }
        String channelId = targetChannel(exchange, webhook);
        boolean removed = posted.removeIf(m -> m.messageId().equals(path.group(3))
                && webhook.path("id").asText().equals(m.webhookId()) && m.channelId().equals(channelId));
        if (removed) {
            deleted.add(path.group(3));
            exchange.sendResponseHeaders(204, -1);
        } else {
            refuse(exchange, DiscordRules.unknownMessage());
        }
    }

    /** A webhook's message edited, within its rate limit. */
    private void editWebhookMessage(HttpExchange exchange, Matcher path) throws IOException {
        ObjectNode webhook = webhook(path.group(1), path.group(2)).orElse(null);
        if (webhook == null) {
            refuse(exchange, DiscordRules.unknownWebhook());
            return;
        }
        if (!admitted(exchange, webhook)) {
            return;
        }
        JsonNode request = Multipart.read(exchange).json();
        String channelId = targetChannel(exchange, webhook);
        PostedMessage target = posted.stream().filter(m -> m.messageId().equals(path.group(3))
                && webhook.path("id").asText().equals(m.webhookId()) && m.channelId().equals(channelId))
                .findFirst().orElse(null);
        holdIfAsked(WebhookHold.Request.EDIT, channelId, path.group(3));
        editOrRefuse(exchange, target, true, request);
    }

    /** The bot shows it is typing. */
    private void typing(HttpExchange exchange, Matcher path) throws IOException {
        typing.add(path.group(1));
        exchange.sendResponseHeaders(204, -1);
    }

    private Optional<ObjectNode> webhook(String id, String token) {
        return webhooks.stream().filter(w -> w.path("id").asText().equals(id) && w.path("token").asText().equals(token))
                .findFirst();
    }

    /**
     * The channel a webhook request is about: the thread its {@code thread_id} names, else the webhook's channel;
     * null when {@code thread_id} names no thread of that channel.
     */
    private static String targetChannel(HttpExchange exchange, ObjectNode webhook) {
        String query = exchange.getRequestURI().getQuery();
        String threadId = query == null ? null : Stream.of(query.split("&"))
                .filter(parameter -> parameter.startsWith("thread_id=")).map(p -> p.substring("thread_id=".length()))
                .findFirst().orElse(null);
        String channelId = webhook.path("channel_id").asText();
        if (threadId == null) {
            return channelId;
        }
        return channelId.equals(PARENT_OF_THREAD.get(threadId)) ? threadId : null;
    }

    private long webhooksIn(String channelId) {
        return webhooks.stream().filter(w -> w.path("channel_id").asText().equals(channelId)).count();
    }

    private ObjectNode addWebhook(String channelId, String name, String applicationId) {
        String id = Long.toString(ids.incrementAndGet());
        ObjectNode webhook = JSON.createObjectNode().put("id", id).put("type", 1)
                .put("channel_id", channelId).put("guild_id", guildOf(channelId))
                .put("name", name).put("avatar", (String) null)
                .put("token", "token-" + id).put("application_id", applicationId);
        webhook.set("user", user(applicationId, applicationId.equals(BOT_ID) ? "acore" : "another app", true));
        webhooks.add(webhook);
        return webhook;
    }

    /**
     * Counts the request against the webhook's rate-limit bucket and sets the {@code X-RateLimit-*} headers;
     * answers 429 and returns false when the bucket is empty.
     */
    private boolean admitted(HttpExchange exchange, ObjectNode webhook) throws IOException {
        WebhookBuckets.Admission admission = buckets.admit(webhook.path("id").asText());
        double resetAfter = admission.resetAfterMillis() / 1000.0;
        var headers = exchange.getResponseHeaders();
        headers.set("X-RateLimit-Limit", Integer.toString(WebhookBuckets.LIMIT));
        headers.set("X-RateLimit-Remaining", Integer.toString(admission.remaining()));
        headers.set("X-RateLimit-Reset-After", Double.toString(resetAfter));
        headers.set("X-RateLimit-Reset", Double.toString(System.currentTimeMillis() / 1000.0 + resetAfter));
        headers.set("X-RateLimit-Bucket", admission.bucket());
        if (admission.allowed()) {
            return true;
        }
        rateLimited.incrementAndGet();
        headers.set("X-RateLimit-Scope", "user");
        headers.set("Via", "1.1 google"); // Discord's 429s come through its proxy; without it clients suspect Cloudflare
        headers.set("Retry-After", Long.toString((long) Math.ceil(resetAfter)));
        respond(exchange, 429, JSON.createObjectNode().put("message", "You are being rate limited.")
                .put("retry_after", resetAfter).put("global", false));
        return false;
    }

    private static void refuse(HttpExchange exchange, DiscordRules.Refusal refusal) throws IOException {
        respond(exchange, refusal.status(), refusal.body());
    }

    /** Answers a post with a 500 while the test asked for posts to be refused; true when it did. */
    private boolean refusedPost(HttpExchange exchange) throws IOException {
        if (postsToRefuse.getAndUpdate(left -> Math.max(0, left - 1)) == 0) {
            return false;
        }
        respond(exchange, 500, JSON.createObjectNode().put("message", "500: Internal Server Error").put("code", 0));
        return true;
    }

    /**
     * A channel's messages, members' and the bot's, newest first, as Discord lists them: the newest {@code limit}
     * (default 50), or with {@code after} the {@code limit} oldest after that message.
     */
    private ArrayNode history(String channelId, String query) {
        int limit = 50;
        long after = -1;
        for (String parameter : query == null ? new String[0] : query.split("&")) {
            if (parameter.startsWith("limit=")) {
                limit = Integer.parseInt(parameter.substring("limit=".length()));
            } else if (parameter.startsWith("after=")) {
                after = Long.parseLong(parameter.substring("after=".length()));
            }
        }
        long since = after;
        List<ObjectNode> oldestFirst = Stream.concat(posted.stream().map(PostedMessage::message),
                        userMessages.values().stream())
                .filter(message -> message.path("channel_id").asText().equals(channelId))
                .filter(message -> Long.parseLong(message.path("id").asText()) > since)
                .sorted(Comparator.comparingLong(message -> Long.parseLong(message.path("id").asText())))
                .toList();
        List<ObjectNode> page = since >= 0 ? oldestFirst.subList(0, Math.min(limit, oldestFirst.size()))
                : oldestFirst.subList(Math.max(0, oldestFirst.size() - limit), oldestFirst.size());
        ArrayNode newestFirst = JSON.createArrayNode();
        for (int i = page.size() - 1; i >= 0; i--) {
            newestFirst.add(page.get(i));
        }
        return newestFirst;
    }

    /**
     * A member's message that no bot session receives (as when it was under way while the bot's connection broke):
     * it is only in the channel's history, where a bot catching up finds it.
     */
    public String userWritesUnheard(String channelId, String userId, String userName, String content) {
        return userMessage(channelId, userId, userName, content, null).path("id").asText();
    }

    private ObjectNode post(String channelId, String webhookId, JsonNode request, ObjectNode author) {
        String messageId = snowflakeNow();
        String guildId = guildOrNull(channelId);
        ObjectNode created = JSON.createObjectNode().put("id", messageId).put("channel_id", channelId)
                .put("content", request.path("content").asText()).put("type", 0)
                .put("timestamp", "2026-11-26T12:00:01.000000+00:00").put("tts", false)
                .put("mention_everyone", false).put("pinned", false).put("flags", 0);
        if (guildId != null) {
            created.put("guild_id", guildId);
        }
        if (webhookId != null) {
            created.put("webhook_id", webhookId);
        }
        created.set("author", author);
        created.putArray("mentions");
        created.putArray("mention_roles");
        created.putArray("attachments");
        created.putArray("embeds");
        created.putArray("components");
        posted.add(new PostedMessage(channelId, messageId, webhookId, request, created, Instant.now()));
        gateway.dispatch("MESSAGE_CREATE", created, guildId); // Discord tells the bot of its own posts too
        return created;
    }

    /**
     * With {@code enforce_nonce}, Discord answers a bot post whose nonce it saw from the bot in the past few minutes
     * with the message that nonce created, and creates none.
     */
    private Optional<PostedMessage> sameNonce(String channelId, JsonNode request) {
        JsonNode nonce = request.path("nonce");
        if (nonce.isMissingNode() || nonce.isNull() || !request.path("enforce_nonce").asBoolean(false)) {
            return Optional.empty();
        }
        Instant since = Instant.now().minus(DiscordRules.NONCE_KEPT);
        return posted.stream().filter(m -> m.webhookId() == null && m.channelId().equals(channelId)
                && m.postedAt().isAfter(since) && nonce.asText().equals(m.body().path("nonce").asText(null)))
                .findFirst();
    }

    /** How many bot posts Discord answered with the message their nonce had already created. */
    public int nonceRepeats() {
        return nonceRepeats.get();
    }

    private PostedMessage postedByBot(String channelId, String messageId) {
        return posted.stream().filter(m -> m.messageId().equals(messageId) && m.channelId().equals(channelId))
                .findFirst().orElse(null);
    }

    /** Edits a posted message as asked, unless Discord would refuse: unknown, another author's, or bad content. */
    private void editOrRefuse(HttpExchange exchange, PostedMessage target, boolean callersOwn, JsonNode request)
            throws IOException {
        Optional<DiscordRules.Refusal> refusal = target == null ? Optional.of(DiscordRules.unknownMessage())
                : !callersOwn ? Optional.of(DiscordRules.notTheAuthor())
                : request.has("content") ? DiscordRules.content(request) : Optional.empty();
        if (refusal.isPresent()) {
            refuse(exchange, refusal.get());
            return;
        }
        PostedMessage now = target;
        if (request.has("content")) {
            now = edited(target, request.path("content").asText());
            edits.add(new Edit(target.channelId(), target.messageId(), request.path("content").asText(), Instant.now()));
        }
        respond(exchange, 200, now.message());
    }

    /**
     * Replaces the posted message by its edited version: a posted message is never changed in place, so that a
     * test reading one while the bot edits it sees one version or the other.
     */
    private PostedMessage edited(PostedMessage target, String content) {
        synchronized (posted) {
            PostedMessage current = Optional.ofNullable(postedByBot(target.channelId(), target.messageId()))
                    .orElse(target);
            ObjectNode message = current.message().deepCopy().put("content", content)
                    .put("edited_timestamp", "2026-11-26T12:00:02.000000+00:00");
            PostedMessage now = new PostedMessage(current.channelId(), current.messageId(), current.webhookId(),
                    current.body(), message, current.postedAt());
            int place = posted.indexOf(current);
            if (place >= 0) {
                posted.set(place, now);
            }
            return now;
        }
    }

    /** The slash commands the bot registered last. */
    public List<ObjectNode> registeredCommands() {
        return List.copyOf(commands);
    }

    public List<InteractionResponse> interactionResponses() {
        return List.copyOf(interactionResponses);
    }

    /**
     * A member runs one of the bot's slash commands, optionally a subcommand; returns the interaction token, by
     * which {@link #interactionResponses()} tells the answers apart.
     */
    public String userRunsCommand(String userId, String userName, String command, String subcommand) {
        return userRuns(userId, userName, subcommand == null ? CommandRun.of(command) : CommandRun.of(command, subcommand));
    }

    /** A member runs a slash command as {@code run} says; returns the interaction token. */
    public String userRuns(String userId, String userName, CommandRun run) {
        String command = run.path().get(0);
        ObjectNode registered = commands.stream().filter(c -> c.path("name").asText().equals(command)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the bot registered no command /" + command));
        String guildId = guildOf(run.channelId());
        String token = "interaction-token-" + ids.incrementAndGet();
        ObjectNode interaction = JSON.createObjectNode().put("id", snowflakeNow())
                .put("application_id", BOT_ID).put("type", 2).put("token", token).put("version", 1)
                .put("guild_id", guildId).put("channel_id", run.channelId()).put("locale", "en-US")
                .put("guild_locale", "en-US").put("context", 0).put("app_permissions", "2147483647");
        interaction.putObject("guild").put("id", guildId).put("locale", "en-US").putArray("features");
        ObjectNode channel = interaction.putObject("channel").put("id", run.channelId()).put("type", 0)
                .put("name", "channel-" + run.channelId()).put("guild_id", guildId).put("position", 0).put("flags", 0);
        channel.putArray("permission_overwrites");
        ObjectNode member = member(user(userId, userName, false));
        long permissions = MEMBER_PERMISSIONS;
        if (run.manager()) {
            ((ArrayNode) member.get("roles")).add(managersRoleIn(guildId));
            permissions |= MANAGE_GUILD | MANAGE_CHANNELS;
        }
        interaction.set("member", member.put("permissions", Long.toString(permissions)));
        interaction.putObject("authorizing_integration_owners").put("0", guildId);
        interaction.putArray("entitlements");
        ObjectNode data = interaction.putObject("data").put("id", registered.path("id").asText())
                .put("name", command).put("type", 1).put("guild_id", guildId);
        ArrayNode options = data.putArray("options");
        for (String name : run.path().subList(1, run.path().size())) {
            boolean group = run.path().size() == 3 && name.equals(run.path().get(1));
            options = options.addObject().put("type", group ? 2 : 1).put("name", name).putArray("options");
        }
        for (Map.Entry<String, String> option : run.options().entrySet()) {
            options.addObject().put("type", 3).put("name", option.getKey()).put("value", option.getValue());
        }
        if (run.file() != null) {
            String fileId = Long.toString(ids.incrementAndGet());
            attachments.put(fileId, run.file());
            options.addObject().put("type", 11).put("name", run.fileOption()).put("value", fileId);
            data.putObject("resolved").putObject("attachments").putObject(fileId).put("id", fileId)
                    .put("filename", run.fileName()).put("size", run.file().length)
                    .put("url", attachmentUrl(fileId, run.fileName()))
                    .put("proxy_url", attachmentUrl(fileId, run.fileName())).put("content_type", "application/octet-stream")
                    .put("ephemeral", true);
        }
        gateway.dispatch("INTERACTION_CREATE", interaction, guildId);
        return token;
    }

    /** The role that lets its members manage the server and its channels. */
    public static String managersRoleIn(String guildId) {
        return Long.toString(Long.parseLong(guildId) + 2);
    }

    private String attachmentUrl(String fileId, String fileName) {
        return "http://localhost:" + rest.getAddress().getPort() + "/attachments/" + fileId + "/" + fileName;
    }

    /** A file given with a command, as Discord's file servers serve it. */
    private void serveAttachment(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] parts = exchange.getRequestURI().getPath().split("/");
            byte[] file = parts.length > 2 ? attachments.get(parts[2]) : null;
            if (file == null || !exchange.getRequestMethod().equals("GET")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.sendResponseHeaders(200, file.length);
            exchange.getResponseBody().write(file);
        }
    }

    /** A Discord id whose embedded time is now: clients judge an interaction's age by it. */
    private String snowflakeNow() {
        return Long.toString(((System.currentTimeMillis() - DISCORD_EPOCH_MILLIS) << 22) | (ids.incrementAndGet() & 0x3FFFFF));
    }

    /** Webhooks the bot created, one JSON object each. */
    public List<ObjectNode> webhooks() {
        return List.copyOf(webhooks);
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    static ObjectNode user(String id, String name, boolean bot) {
        return JSON.createObjectNode().put("id", id).put("username", name).put("global_name", name)
                .put("discriminator", "0").put("avatar", (String) null).put("bot", bot).put("flags", 0)
                .put("public_flags", 0);
    }

    static ObjectNode member(ObjectNode user) {
        ObjectNode member = JSON.createObjectNode().put("joined_at", "2026-01-01T00:00:00.000000+00:00")
                .put("deaf", false).put("mute", false).put("flags", 0).put("pending", false);
        member.putArray("roles");
        if (user != null) {
            member.set("user", user);
        }
        return member;
    }

    static ObjectNode guild(String guildId, List<String> channelIds, UnaryOperator<String> latestMessage) {
        ObjectNode guild = JSON.createObjectNode().put("id", guildId).put("name", "acore test guild " + guildId)
                .put("owner_id", "900000000000000009").put("member_count", 2).put("large", false)
                .put("unavailable", false).put("joined_at", "2026-01-01T00:00:00.000000+00:00")
                .put("premium_progress_bar_enabled", false).put("preferred_locale", "en-US").put("afk_timeout", 300);
        ArrayNode roles = guild.putArray("roles");
        ObjectNode everyone = roles.addObject().put("id", guildId).put("name", "@everyone")
                .put("permissions", Long.toString(MEMBER_PERMISSIONS)).put("position", 0).put("color", 0)
                .put("hoist", false).put("managed", false).put("mentionable", false).put("flags", 0);
        everyone.putObject("colors").put("primary_color", 0);
        ObjectNode botRole = roles.addObject().put("id", botRoleIn(guildId)).put("name", "acore").put("permissions", "0")
                .put("position", 1).put("color", 0).put("hoist", false).put("managed", true).put("mentionable", true)
                .put("flags", 0);
        botRole.putObject("colors").put("primary_color", 0);
        botRole.putObject("tags").put("bot_id", BOT_ID);
        ObjectNode managers = roles.addObject().put("id", managersRoleIn(guildId)).put("name", "managers")
                .put("permissions", Long.toString(MANAGE_GUILD | MANAGE_CHANNELS)).put("position", 2).put("color", 0)
                .put("hoist", false).put("managed", false).put("mentionable", false).put("flags", 0);
        managers.putObject("colors").put("primary_color", 0);
        ArrayNode channels = guild.putArray("channels");
        for (String channelId : channelIds) {
            ObjectNode text = channels.addObject().put("id", channelId).put("type", 0)
                    .put("name", "channel-" + channelId).put("position", channels.size()).put("guild_id", guildId)
                    .put("nsfw", false).put("rate_limit_per_user", 0).put("flags", 0)
                    .put("last_message_id", latestMessage.apply(channelId));
            ArrayNode overwrites = text.putArray("permission_overwrites");
            if (channelId.equals(STAFF_CHANNEL_ID)) {
                overwrites.addObject().put("id", guildId).put("type", 0).put("allow", "0")
                        .put("deny", Long.toString(VIEW_CHANNEL));
                overwrites.addObject().put("id", botRoleIn(guildId)).put("type", 0).put("deny", "0")
                        .put("allow", Long.toString(VIEW_CHANNEL | SEND_MESSAGES | READ_MESSAGE_HISTORY | MANAGE_WEBHOOKS));
            }
        }
        ArrayNode threads = guild.putArray("threads");
        PARENT_OF_THREAD.entrySet().stream().filter(thread -> channelIds.contains(thread.getValue()))
                .sorted(Map.Entry.comparingByKey())
                .forEach(thread -> threads.add(thread(guildId, thread.getKey(), thread.getValue(), latestMessage)));
        guild.putArray("guild_scheduled_events");
        guild.putArray("emojis");
        guild.putArray("stickers");
        guild.putArray("voice_states");
        guild.putArray("presences");
        guild.putArray("features");
        guild.putArray("stage_instances");
        ObjectNode bot = member(user(BOT_ID, "acore", true));
        ((ArrayNode) bot.get("roles")).add(botRoleIn(guildId));
        guild.putArray("members").add(bot);
        return guild;
    }

    private static ObjectNode thread(String guildId, String threadId, String parentId,
            UnaryOperator<String> latestMessage) {
        ObjectNode thread = JSON.createObjectNode().put("id", threadId)
                .put("type", threadId.equals(PRIVATE_THREAD_ID) ? 12 : 11).put("guild_id", guildId)
                .put("parent_id", parentId).put("owner_id", "900000000000000009").put("name", "thread-" + threadId)
                .put("flags", 0).put("rate_limit_per_user", 0).put("message_count", 0)
                .put("total_message_sent", 0).put("member_count", 1)
                .put("last_message_id", latestMessage.apply(threadId));
        thread.putObject("thread_metadata").put("archived", false).put("locked", false)
                .put("auto_archive_duration", 1440).put("archive_timestamp", "2026-01-01T00:00:00.000000+00:00")
                .put("create_timestamp", "2026-01-01T00:00:00.000000+00:00");
        return thread;
    }

    @Override
    public void close() throws InterruptedException {
        holds.forEach(WebhookHold::release);
        rest.stop(0);
        gateway.stop(1000);
    }

    /** The gateway side: any number of bot sessions, each for the shard it identified as. */
    private static final class Gateway extends WebSocketServer {
        private final java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        private final AtomicLong sequence = new AtomicLong();
        private final Map<WebSocket, int[]> shardOfSession = new ConcurrentHashMap<>();
        /** Sessions that ended and may not be resumed: the bot must identify anew. */
        private final java.util.Set<String> ended = ConcurrentHashMap.newKeySet();

        private final Map<String, String> guildOfChannel;
        private volatile boolean down;

        /** The id of a channel's newest message, or null: Discord tells it with each channel. */
        private volatile UnaryOperator<String> latestMessage = channel -> null;

        Gateway(Map<String, String> guildOfChannel) {
            super(new InetSocketAddress("localhost", 0));
            this.guildOfChannel = guildOfChannel;
        }

        List<Integer> identifiedShards() {
            return shardOfSession.values().stream().map(shard -> shard[0]).sorted().toList();
        }

        /**
         * Sends the event to every session of the shard that {@code guildId} belongs to (shard 0 without one); with
         * none connected the event reaches nobody, as on Discord while the bot is offline.
         */
        void dispatch(String type, JsonNode data, String guildId) {
            shardOfSession.entrySet().stream()
                    .filter(session -> shardOf(guildId, session.getValue()[1]) == session.getValue()[0])
                    .map(Map.Entry::getKey)
                    .forEach(session -> send(session, type, data));
        }

        private void send(WebSocket session, String type, JsonNode data) {
            ObjectNode payload = JSON.createObjectNode().put("op", 0).put("t", type).put("s", sequence.incrementAndGet());
            payload.set("d", data);
            try {
                session.send(payload.toString());
            } catch (WebsocketNotConnectedException closing) {
                // the session is going away; like Discord, the event is lost to it
            }
        }

        private static int shardOf(String guildId, int total) {
            return guildId == null ? 0 : (int) ((Long.parseUnsignedLong(guildId) >>> 22) % total);
        }

        @Override
        public void onStart() {
            started.countDown();
        }

        @Override
        public void onOpen(WebSocket connection, ClientHandshake handshake) {
            ObjectNode hello = JSON.createObjectNode().put("op", 10).put("s", (String) null).put("t", (String) null);
            hello.putObject("d").put("heartbeat_interval", 41250);
            connection.send(hello.toString());
        }

        @Override
        public void onMessage(WebSocket connection, String message) {
            try {
                JsonNode payload = JSON.readTree(message);
                switch (payload.path("op").asInt()) {
                    case 1 -> connection.send("{\"op\":11,\"d\":null,\"s\":null,\"t\":null}");
                    case 2 -> identify(connection, payload.path("d").path("shard"));
                    case 6 -> resume(connection, payload.path("d").path("session_id").asText(""));
                    default -> { }
                }
            } catch (IOException e) {
                connection.close(4002, "decode error");
            }
        }

        private void identify(WebSocket connection, JsonNode shard) {
            int id = shard.path(0).asInt(0);
            int total = shard.path(1).asInt(1);
            if (total < 1 || id < 0 || id >= total) {
                connection.close(4010, "Invalid shard");
                return;
            }
            String url = "ws://localhost:" + getPort() + "/";
            ObjectNode ready = JSON.createObjectNode().put("v", 10).put("session_id", sessionId(id, total))
                    .put("resume_gateway_url", url);
            ready.set("user", user(BOT_ID, "acore", true));
            ArrayNode guilds = ready.putArray("guilds");
            List<String> mine = guildOfChannel.values().stream().distinct().sorted()
                    .filter(guild -> shardOf(guild, total) == id).toList();
            mine.forEach(guild -> guilds.addObject().put("id", guild).put("unavailable", true));
            ready.putArray("private_channels");
            ready.putArray("relationships");
            ready.putArray("presences");
            ready.putArray("shard").add(id).add(total);
            ready.putObject("application").put("id", BOT_ID).put("flags", 0);
            ready.putObject("user_settings");
            send(connection, "READY", ready);
            for (String guild : mine) {
                send(connection, "GUILD_CREATE", guild(guild, guildOfChannel.entrySet().stream()
                        .filter(channel -> channel.getValue().equals(guild)).map(Map.Entry::getKey).sorted().toList(),
                        latestMessage));
            }
            shardOfSession.put(connection, new int[] {id, total});
        }

        void endSessions() {
            shardOfSession.forEach((session, shard) -> {
                ended.add(sessionId(shard[0], shard[1]));
                session.close(4009, "Session timed out");
            });
        }

        private static String sessionId(int shard, int total) {
            return "fake-session-" + shard + "-" + total;
        }

        /** A resumed session keeps its shard, which its session id names. */
        private void resume(WebSocket connection, String sessionId) {
            String[] parts = sessionId.split("-");
            if (ended.remove(sessionId)) {
                connection.send("{\"op\":9,\"d\":false,\"s\":null,\"t\":null}");
                return;
            }
            if (parts.length != 4) {
                connection.close(4006, "Invalid session");
                return;
            }
            shardOfSession.put(connection, new int[] {Integer.parseInt(parts[2]), Integer.parseInt(parts[3])});
            send(connection, "RESUMED", JSON.createObjectNode());
        }

        @Override
        public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket connection, Draft draft,
                ClientHandshake request) throws InvalidDataException {
            if (down) {
                throw new InvalidDataException(CloseFrame.TRY_AGAIN_LATER, "Discord is unavailable");
            }
            return super.onWebsocketHandshakeReceivedAsServer(connection, draft, request);
        }

        /** Drops every session's connection without a closing handshake, as an outage does; they may resume. */
        void breakSessions() {
            shardOfSession.keySet().forEach(session -> session.closeConnection(CloseFrame.ABNORMAL_CLOSE, "outage"));
        }

        @Override
        public void onClose(WebSocket connection, int code, String reason, boolean remote) {
            shardOfSession.remove(connection);
        }

        @Override
        public void onError(WebSocket connection, Exception e) {
            // JDA reconnects on its own; the test sees a missing session through connectedShards()
        }
    }
}
