package io.acore.persona.client;

import io.acore.events.MemberCommand.Attachment;
import io.acore.persona.config.PersonaConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * Fetches a file a member gave with a command, from Discord's file servers only ({@code acore.persona.attachment-hosts})
 * and never more than the caller allows.
 */
@ApplicationScoped
public class AttachmentClient {
    /** The file cannot be had: its URL is not Discord's, it is too large, or the server said no. */
    public static class AttachmentException extends RuntimeException {
        public AttachmentException(String message) {
            super(message);
        }
    }

    private final Set<String> hosts;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public AttachmentClient(PersonaConfig config) {
        this.hosts = config.attachmentHosts().stream().map(host -> host.strip().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The file's bytes; an {@link AttachmentException} when it is over {@code limit} bytes or cannot be had. */
    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 500, abortOn = AttachmentException.class)
    public byte[] fetch(Attachment attachment, int limit) throws IOException, InterruptedException {
        URI uri = URI.create(attachment.url());
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (!hosts.contains(host) || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            throw new AttachmentException(attachment.filename() + " is not on Discord's file servers");
        }
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new AttachmentException(attachment.filename() + " could not be fetched (HTTP "
                        + response.statusCode() + ")");
            }
            byte[] bytes = body.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw new AttachmentException(attachment.filename() + " is larger than " + limit / (1024 * 1024) + " MB");
            }
            return bytes;
        }
    }
}
