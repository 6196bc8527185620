package io.acore.gateway.discord;

import java.util.List;
import net.dv8tion.jda.api.utils.SplitUtil.Strategy;
import net.dv8tion.jda.api.utils.SplitUtil;

/**
 * Splits a reply into messages under Discord's limit with JDA's {@link SplitUtil}: before a code block that
 * would be cut but fits a message of its own, else at a line break, else at a space (either only in the second
 * half of a message, so no piece is needlessly short), else anywhere.
 */
final class DiscordMessageSplitter {
    static final int DISCORD_LIMIT = 2000;
    private static final String FENCE = "```";
    private static final Strategy[] STRATEGIES = {DiscordMessageSplitter::beforeCodeBlock,
        inSecondHalf(Strategy.NEWLINE), inSecondHalf(Strategy.WHITESPACE), Strategy.ANYWHERE};

    private DiscordMessageSplitter() {
    }

    static List<String> split(String text) {
        return split(text, DISCORD_LIMIT);
    }

    static List<String> split(String text, int limit) {
        return SplitUtil.split(text.strip(), limit, true, STRATEGIES);
    }

    /** The start of the code block that a cut at {@code offset + limit} would break, when it fits a message. */
    private static int beforeCodeBlock(String text, int offset, int limit) {
        int cut = offset + limit;
        int open = text.indexOf(FENCE);
        while (open >= 0 && open < cut) {
            int close = text.indexOf(FENCE, open + FENCE.length());
            int blockEnd = close < 0 ? text.length() : close + FENCE.length();
            if (blockEnd > cut) {
                return open > offset && blockEnd - open <= limit ? open : -1;
            }
            open = text.indexOf(FENCE, blockEnd);
        }
        return -1;
    }

    private static Strategy inSecondHalf(Strategy strategy) {
        return (text, offset, limit) -> {
            int at = strategy.apply(text, offset, limit);
            return at >= offset + limit / 2 ? at : -1;
        };
    }
}
