-- The id under which memory keeps the turn a turn answers (answers_id): a persona's reply names it already
-- (in_reply_to); a member's reply names the platform's id of the message replied to, which memory keeps under a
-- name-based UUID of it (ChatMessage.idFor: version 3, of "message", the platform and that id, NUL between them).
-- Recall reads a turn's replies and the turn it answers by it, however far apart they were said.
ALTER TABLE conversation_message ADD COLUMN answers_id TEXT;

UPDATE conversation_message SET answers_id = in_reply_to WHERE role = 'persona' AND in_reply_to IS NOT NULL;

UPDATE conversation_message SET answers_id = (
    SELECT substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-3' || substr(h, 14, 3) || '-'
           || substr('89ab', (('x' || substr(h, 17, 1))::bit(4)::int & 3) + 1, 1) || substr(h, 18, 3) || '-'
           || substr(h, 21, 12)
    FROM (SELECT md5(convert_to('message', 'UTF8') || '\x00'::bytea
                     || convert_to(split_part(conversation_id, ':', 1), 'UTF8') || '\x00'::bytea
                     || convert_to(in_reply_to, 'UTF8')) AS h) digest)
WHERE role = 'user' AND in_reply_to IS NOT NULL;

CREATE INDEX conversation_message_answers ON conversation_message (answers_id);
