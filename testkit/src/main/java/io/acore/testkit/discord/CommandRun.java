package io.acore.testkit.discord;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A slash command as a member runs it in the fake Discord: its name path ({@code persona}, {@code channel},
 * {@code add}), its text options, a file given with it, the channel, and whether the member holds the server's
 * managers role (Manage Server and Manage Channels).
 */
public record CommandRun(List<String> path, Map<String, String> options, String fileOption, String fileName,
        byte[] file, String channelId, boolean manager) {

    public static CommandRun of(String... path) {
        return new CommandRun(List.of(path), Map.of(), null, null, null, FakeDiscord.CHANNEL_ID, false);
    }

    public CommandRun option(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(options);
        more.put(name, value);
        return new CommandRun(path, Map.copyOf(more), fileOption, fileName, file, channelId, manager);
    }

    /** A file given in the attachment option {@code name}, served by the fake as Discord's file servers serve it. */
    public CommandRun file(String name, String fileName, byte[] content) {
        return new CommandRun(path, options, name, fileName, content.clone(), channelId, manager);
    }

    public CommandRun in(String channel) {
        return new CommandRun(path, options, fileOption, fileName, file, channel, manager);
    }

    public CommandRun byManager() {
        return new CommandRun(path, options, fileOption, fileName, file, channelId, true);
    }
}
