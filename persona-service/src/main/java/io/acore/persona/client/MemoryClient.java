package io.acore.persona.client;

import io.acore.events.api.MemoryContextApi;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** memory-service's context call: what it holds that matters for one answer. */
@RegisterRestClient(configKey = "memory")
public interface MemoryClient extends MemoryContextApi {
}
