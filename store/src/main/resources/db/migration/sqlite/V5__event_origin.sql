-- Which store instance published an event, so its own follower skips it (M6).
ALTER TABLE store_events ADD COLUMN origin INTEGER NOT NULL DEFAULT 0;
