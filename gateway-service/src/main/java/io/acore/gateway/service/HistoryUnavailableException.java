package io.acore.gateway.service;

/** memory-service could not provide a conversation's history. */
public class HistoryUnavailableException extends RuntimeException {
    public HistoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
