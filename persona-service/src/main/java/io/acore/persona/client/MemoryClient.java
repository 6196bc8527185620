package io.acore.persona.client;

import io.acore.events.api.ConversationHistoryApi;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** memory-service's query API: a conversation's recent turns. */
@RegisterRestClient(configKey = "memory")
public interface MemoryClient extends ConversationHistoryApi {
}
