-- Which store instance published an event, so its own follower skips it (M6). On PostgreSQL events travel by
-- NOTIFY and this table stays empty; the column keeps both engines' schemas alike.
ALTER TABLE store_events ADD COLUMN origin BIGINT NOT NULL DEFAULT 0;
