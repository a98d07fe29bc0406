-- Intellectual property (知財, SPEC §5, docs/ip.md): inventions disclosed from a project with their
-- inventors and shares, the office's evaluation and decision, ownership shares from the joint
-- research agreement, and the filings whose legal periods the module computes. Dates are
-- YYYY-MM-DD in Asia/Tokyo; instants are UTC seconds.

-- status: disclosed | evaluating | decided | filed | registered | abandoned; decision: file | hold
-- | abandon | company. disclosed_on: the inventors' own publication before filing, if any
-- (新規性喪失の例外). university_share + company_share = 100 when set.
CREATE TABLE ip_inventions (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects(id),
    title TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    conceived_on TEXT,
    disclosed_on TEXT,
    status TEXT NOT NULL,
    decision TEXT,
    decision_note TEXT NOT NULL DEFAULT '',
    novelty_notes TEXT NOT NULL DEFAULT '',
    prior_art TEXT NOT NULL DEFAULT '',
    university_share INTEGER,
    company_share INTEGER,
    contract_id TEXT REFERENCES contracts(id),
    created_by TEXT REFERENCES people(id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX ip_inventions_project ON ip_inventions(project_id);

-- employer: university | company (whose 職務発明 it is); affiliation as it was when disclosed.
CREATE TABLE ip_inventors (
    invention_id TEXT NOT NULL REFERENCES ip_inventions(id),
    person_id TEXT NOT NULL REFERENCES people(id),
    position INTEGER NOT NULL,
    share_percent INTEGER NOT NULL,
    employer TEXT NOT NULL,
    affiliation TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (invention_id, person_id)
);
CREATE INDEX ip_inventors_person ON ip_inventors(person_id);

-- kind: jp | pct | national; priority_date: the earliest filing claimed.
CREATE TABLE ip_filings (
    id TEXT PRIMARY KEY,
    invention_id TEXT NOT NULL REFERENCES ip_inventions(id),
    kind TEXT NOT NULL,
    country TEXT NOT NULL DEFAULT 'JP',
    number TEXT NOT NULL DEFAULT '',
    filed_on TEXT NOT NULL,
    priority_date TEXT,
    examination_requested_on TEXT,
    registered_on TEXT,
    grace_proof_on TEXT,
    created_by TEXT REFERENCES people(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX ip_filings_invention ON ip_filings(invention_id, filed_on);
