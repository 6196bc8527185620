package io.acore.analytics.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The last {@value #KEPT} errors seen on the topics, newest first, for people looking at the dashboard. */
@ApplicationScoped
public class RecentErrors {
    static final int KEPT = 50;
    private static final int MAX_DETAIL = 500;

    /** One error: when, where it came from, what kind, and what it said. */
    public record RecentError(Instant at, String source, String type, String detail) {
    }

    private final Deque<RecentError> errors = new ArrayDeque<>();

    public synchronized void add(String source, String type, String detail) {
        String text = detail == null ? "" : detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) + "…" : detail;
        errors.addFirst(new RecentError(Instant.now(), source, type, text));
        while (errors.size() > KEPT) {
            errors.removeLast();
        }
    }

    public synchronized List<RecentError> newestFirst() {
        return new ArrayList<>(errors);
    }
}
