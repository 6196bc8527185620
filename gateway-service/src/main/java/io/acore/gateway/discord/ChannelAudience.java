package io.acore.gateway.discord;

import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;

/**
 * Who can read a server conversation, as memory must know it: everyone in the server, or only the readers of one
 * channel. A channel @everyone cannot view is read only by those its permissions let in, and so are its threads; a
 * private thread only by its members. Direct messages are their own.
 */
final class ChannelAudience {
    private ChannelAudience() {
    }

    /** The channel whose readers alone can read the message's conversation; null when everyone in it can. */
    static String restrictedTo(Message message) {
        if (!message.isFromGuild()) {
            return null;
        }
        GuildChannel channel = message.getGuildChannel();
        if (channel instanceof ThreadChannel thread) {
            if (!thread.isPublic()) {
                return thread.getId();
            }
            channel = thread.getParentChannel();
        }
        return message.getGuild().getPublicRole().hasAccess(channel) ? null : channel.getId();
    }
}
