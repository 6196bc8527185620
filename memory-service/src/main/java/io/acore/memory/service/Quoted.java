package io.acore.memory.service;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * What people wrote, as the thinking model reads it: a JSON string, so that no name or message, whatever it holds,
 * can pass for a line of the input around it.
 */
public final class Quoted {
    private Quoted() {
    }

    public static String of(String text) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"';
    }
}
