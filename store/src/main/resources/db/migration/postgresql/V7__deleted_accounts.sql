-- A deleted account keeps its id (others' messages and lists still name it) as Telegram's "Deleted Account": its
-- phone, names, username, about and bot token are cleared and this is set (M9).
ALTER TABLE users ADD COLUMN deleted BOOLEAN NOT NULL DEFAULT FALSE;
