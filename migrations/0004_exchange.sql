-- The exchange (研究創出, SPEC §3): clinical needs, research seeds and themes, expertise
-- profiles, confidentiality grants, introductions, the office's synonym additions, and the
-- change log that keeps the search index of every instance in step with the database.
CREATE TABLE exchange_needs (
    id TEXT PRIMARY KEY,
    author_id TEXT NOT NULL REFERENCES people(id),
    organisation_id TEXT REFERENCES organisations(id),
    title TEXT NOT NULL,
    problem TEXT NOT NULL DEFAULT '',
    current_practice TEXT NOT NULL DEFAULT '',
    patients TEXT NOT NULL DEFAULT '',
    desired_outcome TEXT NOT NULL DEFAULT '',
    area TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '[]',
    status TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX exchange_needs_author ON exchange_needs(author_id);
CREATE INDEX exchange_needs_status ON exchange_needs(status, updated_at);

CREATE TABLE exchange_seeds (
    id TEXT PRIMARY KEY,
    author_id TEXT NOT NULL REFERENCES people(id),
    organisation_id TEXT REFERENCES organisations(id),
    company_id TEXT REFERENCES organisations(id),
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    capabilities TEXT NOT NULL DEFAULT '[]',
    area TEXT NOT NULL DEFAULT '',
    confidential INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX exchange_seeds_author ON exchange_seeds(author_id);
CREATE INDEX exchange_seeds_status ON exchange_seeds(status, updated_at);

CREATE TABLE exchange_profiles (
    person_id TEXT PRIMARY KEY REFERENCES people(id),
    expertise TEXT NOT NULL DEFAULT '',
    keywords TEXT NOT NULL DEFAULT '[]',
    updated_at BIGINT NOT NULL
);

-- Until the contracts module exists: the office records that a person is covered by a
-- confidentiality agreement with a company, for a term.
CREATE TABLE exchange_grants (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people(id),
    company_id TEXT NOT NULL REFERENCES organisations(id),
    starts_at BIGINT NOT NULL,
    ends_at BIGINT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_by TEXT REFERENCES people(id),
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);
CREATE INDEX exchange_grants_person ON exchange_grants(person_id);

CREATE TABLE exchange_introductions (
    id TEXT PRIMARY KEY,
    requester_id TEXT NOT NULL REFERENCES people(id),
    owner_id TEXT NOT NULL REFERENCES people(id),
    item_type TEXT NOT NULL,
    item_id TEXT NOT NULL,
    via_type TEXT NOT NULL DEFAULT '',
    via_id TEXT NOT NULL DEFAULT '',
    message TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    decided_by TEXT REFERENCES people(id),
    decided_at BIGINT,
    meeting_at BIGINT,
    outcome TEXT NOT NULL DEFAULT '',
    outcome_note TEXT NOT NULL DEFAULT '',
    outcome_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX exchange_introductions_requester ON exchange_introductions(requester_id);
CREATE INDEX exchange_introductions_owner ON exchange_introductions(owner_id);

-- Synonyms the office adds on top of the shipped dictionary: every term of one concept.
CREATE TABLE exchange_synonyms (
    id TEXT PRIMARY KEY,
    concept TEXT NOT NULL,
    terms TEXT NOT NULL,
    created_by TEXT REFERENCES people(id),
    created_at BIGINT NOT NULL
);

-- One row per change of an indexed item; every instance polls it to update its index.
CREATE TABLE exchange_changes (
    seq AUTO_ID,
    kind TEXT NOT NULL,
    item_id TEXT NOT NULL,
    at BIGINT NOT NULL
);
