package io.acore.memory.repository;

/** The database could not be reached; the operation may succeed when it is retried later. */
public class StorageUnavailableException extends RuntimeException {
    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
