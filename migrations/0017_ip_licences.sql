-- Intellectual property, continued (issue 15, docs/ip.md): licences of an invention and the revenue
-- they bring, the university's reward rules for employee inventions (職務発明) with the ledger of
-- what each inventor is due and was paid, and planned publications with the guard that warns
-- before an unfiled invention is made public. Dates are YYYY-MM-DD in Asia/Tokyo; instants are
-- UTC seconds; money is whole yen.

-- A co-owned invention is filed jointly (特許法 第38条): the partner company's consent to the
-- application, given by its lead on the project or recorded by the office.
ALTER TABLE ip_inventions ADD COLUMN company_consent_on TEXT;
ALTER TABLE ip_inventions ADD COLUMN company_consent_by TEXT REFERENCES people(id);

-- contract_id: the licence contract in the contracts module, when there is one.
CREATE TABLE ip_licences (
    id TEXT PRIMARY KEY,
    invention_id TEXT NOT NULL REFERENCES ip_inventions(id),
    licensee TEXT NOT NULL,
    contract_id TEXT REFERENCES contracts(id),
    exclusive INTEGER NOT NULL DEFAULT 0,
    signed_on TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_by TEXT REFERENCES people(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX ip_licences_invention ON ip_licences(invention_id, signed_on);

CREATE TABLE ip_revenue (
    id TEXT PRIMARY KEY,
    licence_id TEXT NOT NULL REFERENCES ip_licences(id),
    received_on TEXT NOT NULL,
    amount_yen BIGINT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_by TEXT REFERENCES people(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX ip_revenue_licence ON ip_revenue(licence_id, received_on);

-- One row (id 1): the amounts paid to the university's inventors at filing and at registration,
-- and their part of licence revenue; each split by the inventors' shares.
CREATE TABLE ip_reward_rules (
    id INTEGER PRIMARY KEY,
    filing_yen BIGINT NOT NULL,
    registration_yen BIGINT NOT NULL,
    revenue_percent INTEGER NOT NULL,
    updated_by TEXT REFERENCES people(id),
    updated_at BIGINT NOT NULL
);
INSERT INTO ip_reward_rules (id, filing_yen, registration_yen, revenue_percent, updated_at)
VALUES (1, 20000, 50000, 30, 0);

-- kind: filing | registration | revenue; basis_id: the filing or the revenue it is for (one reward
-- per inventor and basis); basis_on: that event's day.
CREATE TABLE ip_rewards (
    id TEXT PRIMARY KEY,
    invention_id TEXT NOT NULL REFERENCES ip_inventions(id),
    person_id TEXT NOT NULL REFERENCES people(id),
    kind TEXT NOT NULL,
    basis_id TEXT NOT NULL,
    basis_on TEXT NOT NULL,
    amount_yen BIGINT NOT NULL,
    paid_on TEXT,
    paid_by TEXT REFERENCES people(id),
    created_at BIGINT NOT NULL,
    UNIQUE (person_id, kind, basis_id)
);
CREATE INDEX ip_rewards_invention ON ip_rewards(invention_id);

-- kind: paper | talk | abstract; event_id: a talk at one of the centre's events. guarded: planned
-- before a related invention was filed. status: planned | cleared (clearance: no_invention |
-- filed). review: the partner company's answer within the agreement's review period.
CREATE TABLE ip_publications (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects(id),
    invention_id TEXT REFERENCES ip_inventions(id),
    person_id TEXT NOT NULL REFERENCES people(id),
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    venue TEXT NOT NULL DEFAULT '',
    planned_on TEXT NOT NULL,
    event_id TEXT REFERENCES events(id),
    guarded INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL,
    clearance TEXT,
    cleared_by TEXT REFERENCES people(id),
    review_due_on TEXT,
    review TEXT,
    review_note TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE INDEX ip_publications_project ON ip_publications(project_id, planned_on);
