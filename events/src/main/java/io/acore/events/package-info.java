/**
 * The contract the services share: the records on Kafka topics ({@link io.acore.events.ChatMessage},
 * {@link io.acore.events.Reply}, {@link io.acore.events.Delivery}, {@link io.acore.events.ServiceEvent}), the
 * topic names, their JSON mapping ({@link io.acore.events.EventCodec}), and the words they are written in:
 * {@link io.acore.events.ConversationId}, {@link io.acore.events.Platform}, {@link io.acore.events.Role},
 * {@link io.acore.events.ReplyKind}, {@link io.acore.events.Stage}.
 */
package io.acore.events;
