-- Retention (ACORE_MEMORY_RETENTION_DAYS) erases turns by age.
CREATE INDEX conversation_message_occurred ON conversation_message (occurred_at);
