package io.acore.persona.service;

import io.acore.events.llm.ChatTurn;

/**
 * A deliberately cautious token count without a model-specific tokenizer: about 3.5 characters per token for
 * English text, plus a few tokens of per-message framing. It errs on the high side, so a prompt fits.
 */
final class TokenEstimate {
    private static final double CHARS_PER_TOKEN = 3.5;
    private static final int PER_MESSAGE = 4;

    private TokenEstimate() {
    }

    static int of(ChatTurn turn) {
        return of(turn.content()) + PER_MESSAGE;
    }

    /** Text inside a message, without the message's framing. */
    static int of(String text) {
        return (int) Math.ceil(text.length() / CHARS_PER_TOKEN);
    }
}
