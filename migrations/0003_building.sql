-- The building (paper §5-2): floors, spaces, bookings (single and recurring), calendar feed
-- tokens, and events with registration. Times are UTC seconds; opening hours are minutes after
-- midnight in Asia/Tokyo.
CREATE TABLE floors (
    code TEXT PRIMARY KEY,
    name_ja TEXT NOT NULL,
    name_en TEXT NOT NULL,
    area_m2 INTEGER NOT NULL,
    position INTEGER NOT NULL
);

CREATE TABLE spaces (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    floor TEXT NOT NULL REFERENCES floors(code),
    kind TEXT NOT NULL,
    name_ja TEXT NOT NULL,
    name_en TEXT NOT NULL DEFAULT '',
    description_ja TEXT NOT NULL DEFAULT '',
    description_en TEXT NOT NULL DEFAULT '',
    area_m2 INTEGER NOT NULL DEFAULT 0,
    capacity INTEGER NOT NULL DEFAULT 0,
    bookable INTEGER NOT NULL DEFAULT 0,
    needs_approval INTEGER NOT NULL DEFAULT 0,
    opens_at INTEGER NOT NULL DEFAULT 480,
    closes_at INTEGER NOT NULL DEFAULT 1320,
    max_minutes INTEGER NOT NULL DEFAULT 240,
    position INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX spaces_floor ON spaces(floor, position);

-- A recurring booking: the rule as entered; its occurrences are rows of `bookings`.
CREATE TABLE booking_series (
    id TEXT PRIMARY KEY,
    space_id TEXT NOT NULL REFERENCES spaces(id),
    organiser_id TEXT NOT NULL REFERENCES people(id),
    freq TEXT NOT NULL,
    interval_n INTEGER NOT NULL DEFAULT 1,
    weekdays TEXT NOT NULL DEFAULT '',
    until_date TEXT,
    count_n INTEGER,
    first_start BIGINT NOT NULL,
    duration_seconds BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);

-- status: pending (awaiting the office), confirmed, declined, cancelled, skipped (an
-- occurrence of a series left out because the slot was taken). Only confirmed bookings hold
-- the space; PostgreSQL guarantees that with an exclusion constraint, SQLite by serialising
-- every write transaction (BEGIN IMMEDIATE) around the overlap check and the insert.
CREATE TABLE bookings (
    id TEXT PRIMARY KEY,
    space_id TEXT NOT NULL REFERENCES spaces(id),
    series_id TEXT REFERENCES booking_series(id),
    organiser_id TEXT NOT NULL REFERENCES people(id),
    title TEXT NOT NULL,
    purpose TEXT NOT NULL DEFAULT '',
    attendees INTEGER NOT NULL DEFAULT 0,
    start_at BIGINT NOT NULL,
    end_at BIGINT NOT NULL,
    status TEXT NOT NULL,
    decision_reason TEXT NOT NULL DEFAULT '',
    decided_by TEXT REFERENCES people(id),
    decided_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CHECK (end_at > start_at)
);
CREATE INDEX bookings_space_time ON bookings(space_id, start_at, end_at);
CREATE INDEX bookings_time ON bookings(start_at, end_at);
CREATE INDEX bookings_organiser ON bookings(organiser_id, start_at);
CREATE INDEX bookings_series ON bookings(series_id, start_at);
CREATE INDEX bookings_status ON bookings(status, start_at);
--@postgresql CREATE EXTENSION IF NOT EXISTS btree_gist;
--@postgresql ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap EXCLUDE USING gist (space_id WITH =, int8range(start_at, end_at) WITH &&) WHERE (status = 'confirmed');

-- A person's secret calendar feed token, stored hashed; rotating replaces it.
CREATE TABLE calendar_tokens (
    person_id TEXT PRIMARY KEY REFERENCES people(id),
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);

CREATE TABLE events (
    id TEXT PRIMARY KEY,
    booking_id TEXT NOT NULL REFERENCES bookings(id),
    space_id TEXT NOT NULL REFERENCES spaces(id),
    organiser_id TEXT NOT NULL REFERENCES people(id),
    kind TEXT NOT NULL,
    title_ja TEXT NOT NULL DEFAULT '',
    title_en TEXT NOT NULL DEFAULT '',
    description_ja TEXT NOT NULL DEFAULT '',
    description_en TEXT NOT NULL DEFAULT '',
    start_at BIGINT NOT NULL,
    end_at BIGINT NOT NULL,
    capacity INTEGER NOT NULL,
    open_to_public INTEGER NOT NULL DEFAULT 0,
    tags TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'published',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX events_start ON events(start_at);

-- status: registered, waitlisted, cancelled. `seq` orders the waiting list.
CREATE TABLE event_registrations (
    id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events(id),
    person_id TEXT REFERENCES people(id),
    name TEXT NOT NULL,
    affiliation TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL,
    email_key TEXT NOT NULL,
    status TEXT NOT NULL,
    seq BIGINT NOT NULL,
    checked_in_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (event_id, email_key)
);
CREATE INDEX event_registrations_event ON event_registrations(event_id, status, seq);
CREATE INDEX event_registrations_person ON event_registrations(person_id);
