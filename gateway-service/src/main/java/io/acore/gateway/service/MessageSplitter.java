package io.acore.gateway.service;

import java.util.ArrayList;
import java.util.List;

/** Splits text into pieces no longer than a platform's limit, preferring line breaks, then spaces. */
public final class MessageSplitter {
    private MessageSplitter() {
    }

    public static List<String> split(String text, int limit) {
        List<String> pieces = new ArrayList<>();
        String rest = text.strip();
        while (rest.length() > limit) {
            int cut = rest.lastIndexOf('\n', limit);
            if (cut < limit / 2) {
                cut = rest.lastIndexOf(' ', limit);
            }
            if (cut < limit / 2) {
                cut = limit;
            }
            pieces.add(rest.substring(0, cut).strip());
            rest = rest.substring(cut).strip();
        }
        if (!rest.isEmpty()) {
            pieces.add(rest);
        }
        return pieces;
    }
}
