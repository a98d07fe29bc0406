-- E-mail (issue 17, docs/mail.md): the outbox that every message is written to in the same
-- transaction as the change that causes it, each person's choices of how to hear of each kind of
-- item, the digests built, and the single-use links of a forgotten password.
-- Instants are UTC seconds; dates are YYYY-MM-DD in Asia/Tokyo.

-- One message. id is also the local part of its Message-ID, so a message sent twice (the sender
-- killed between sending and marking) carries the same Message-ID both times.
-- state: pending (waiting for its next attempt) | sending (claimed by one sender until
-- claimed_until) | sent | failed (gave up after the last attempt; the office may retry).
-- person_id is null for a guest without an account.
CREATE TABLE mail_outbox (
    id TEXT PRIMARY KEY,
    person_id TEXT REFERENCES people(id),
    to_address TEXT NOT NULL,
    kind TEXT NOT NULL,
    language TEXT NOT NULL DEFAULT 'ja',
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    body_html TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    claimed_by TEXT,
    claimed_until BIGINT,
    last_error TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    sent_at BIGINT
);
CREATE INDEX mail_outbox_due ON mail_outbox(state, next_attempt_at);
CREATE INDEX mail_outbox_created ON mail_outbox(created_at);

-- How a person hears of one kind of item: immediate | digest | off. No row: the centre's default.
CREATE TABLE mail_preferences (
    person_id TEXT NOT NULL REFERENCES people(id),
    kind TEXT NOT NULL,
    delivery TEXT NOT NULL,
    PRIMARY KEY (person_id, kind)
);

-- The centre's defaults, set by the office. No row: the built-in default of the kind.
CREATE TABLE mail_defaults (
    kind TEXT PRIMARY KEY,
    delivery TEXT NOT NULL
);

-- The hour (0–23, Asia/Tokyo) a person's daily digest is built; null: the centre's digest_hour.
ALTER TABLE people ADD COLUMN digest_hour INTEGER;

-- A digest built (or found empty) for a person on a day: at most one per person and day, however
-- many instances run the periodic tasks.
CREATE TABLE mail_digests (
    person_id TEXT NOT NULL REFERENCES people(id),
    day TEXT NOT NULL,
    items INTEGER NOT NULL,
    built_at BIGINT NOT NULL,
    PRIMARY KEY (person_id, day)
);

-- An inbox item that was mailed on its own (it was urgent): never a second time.
CREATE TABLE mail_item_sent (
    item_id TEXT PRIMARY KEY REFERENCES inbox_items(id),
    at BIGINT NOT NULL
);

-- A forgotten password's link: only the token's hash is stored; it works once, until expires_at.
CREATE TABLE password_resets (
    token_hash TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people(id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX password_resets_person ON password_resets(person_id);
