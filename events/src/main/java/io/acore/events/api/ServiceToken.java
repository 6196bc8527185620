package io.acore.events.api;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The credential the services present to each other's internal APIs: {@code Authorization: Bearer <token>}, the
 * token being {@code ACORE_SERVICE_TOKEN}, the same secret on every service. There is no default: without it
 * memory-service's API is closed.
 */
public final class ServiceToken {
    public static final String HEADER = "Authorization";
    public static final String PROPERTY = "acore.service-token";
    private static final String SCHEME = "Bearer ";

    private ServiceToken() {
    }

    /** The header value that presents {@code token}. */
    public static String bearer(String token) {
        return SCHEME + token;
    }

    /** The header value this service presents, from its configuration (REST clients' {@code @ClientHeaderParam}). */
    public static String configured() {
        return bearer(ConfigProvider.getConfig().getOptionalValue(PROPERTY, String.class).orElse(""));
    }

    /** Whether a request's header presents the secret. */
    public static boolean presented(String header, SharedSecret secret) {
        return header != null && header.startsWith(SCHEME) && secret.matches(header.substring(SCHEME.length()));
    }
}
