package io.acore.persona.client;

import io.acore.events.api.MemoryContextApi;
import io.acore.events.api.ServiceToken;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** memory-service's context call: what it holds that matters for one answer. */
@RegisterRestClient(configKey = "memory")
@ClientHeaderParam(name = ServiceToken.HEADER, value = "{io.acore.events.api.ServiceToken.configured}")
public interface MemoryClient extends MemoryContextApi {
}
