-- Contracts (§5, issue 7): NDAs, joint research agreements, MTAs, research collaboration fees,
-- consulting and licences, with their parties, key terms, status history, negotiation rounds,
-- the people an NDA covers, and the office's versioned .docx templates per type.
CREATE TABLE contracts (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    title TEXT NOT NULL,
    project_id TEXT REFERENCES projects(id),
    status TEXT NOT NULL DEFAULT 'draft',
    status_since BIGINT NOT NULL,
    waiting_on TEXT NOT NULL DEFAULT 'us',
    terms_json TEXT NOT NULL DEFAULT '{}',
    starts_on TEXT,
    ends_on TEXT,
    signed_on TEXT,
    approved_by TEXT REFERENCES people(id),
    notes TEXT NOT NULL DEFAULT '',
    search_key TEXT NOT NULL DEFAULT '',
    created_by TEXT REFERENCES people(id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX contracts_project ON contracts(project_id);
CREATE INDEX contracts_status ON contracts(status, type);

CREATE TABLE contract_parties (
    contract_id TEXT NOT NULL REFERENCES contracts(id),
    position INTEGER NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    role TEXT NOT NULL,
    signatory_person_id TEXT REFERENCES people(id),
    signatory_name TEXT NOT NULL DEFAULT '',
    signatory_title TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (contract_id, position)
);
CREATE INDEX contract_parties_organisation ON contract_parties(organisation_id);
CREATE INDEX contract_parties_signatory ON contract_parties(signatory_person_id);

-- The people an NDA covers (who may see the company's confidential material while it is in force).
CREATE TABLE contract_covered_people (
    contract_id TEXT NOT NULL REFERENCES contracts(id),
    person_id TEXT NOT NULL REFERENCES people(id),
    PRIMARY KEY (contract_id, person_id)
);
CREATE INDEX contract_covered_people_person ON contract_covered_people(person_id);

CREATE TABLE contract_status_history (
    id TEXT PRIMARY KEY,
    contract_id TEXT NOT NULL REFERENCES contracts(id),
    seq INTEGER NOT NULL,
    from_status TEXT,
    to_status TEXT NOT NULL,
    at BIGINT NOT NULL,
    by_person TEXT REFERENCES people(id),
    note TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX contract_status_history_contract ON contract_status_history(contract_id, seq);

CREATE TABLE contract_rounds (
    id TEXT PRIMARY KEY,
    contract_id TEXT NOT NULL REFERENCES contracts(id),
    round_no INTEGER NOT NULL,
    sent_by TEXT NOT NULL,
    sent_on TEXT NOT NULL,
    clauses_json TEXT NOT NULL DEFAULT '[]',
    summary TEXT NOT NULL DEFAULT '',
    waiting_on TEXT NOT NULL,
    recorded_by TEXT REFERENCES people(id),
    recorded_at BIGINT NOT NULL
);
CREATE INDEX contract_rounds_contract ON contract_rounds(contract_id, round_no);

CREATE TABLE contract_templates (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    version INTEGER NOT NULL,
    filename TEXT NOT NULL,
    content_base64 TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    placeholders_json TEXT NOT NULL DEFAULT '[]',
    note TEXT NOT NULL DEFAULT '',
    uploaded_by TEXT REFERENCES people(id),
    uploaded_at BIGINT NOT NULL,
    UNIQUE (type, version)
);

-- Grants of the exchange module that a contract (an NDA in force) made: keyed by the contract,
-- so the contract ends them when it expires or is terminated. NULL: granted by hand.
ALTER TABLE exchange_grants ADD COLUMN source_key TEXT;
CREATE INDEX exchange_grants_source ON exchange_grants(source_key);
