/**
 * The records of the services' internal HTTP APIs: what one service answers another (and the gateway's web chat
 * and slash commands) when asked. The records on Kafka topics are in {@link io.acore.events}.
 */
package io.acore.events.api;
