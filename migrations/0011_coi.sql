-- Conflict of interest (利益相反, SPEC §5): yearly declarations, the thresholds the office
-- configures, and the cases the COI committee decides. Amounts are whole yen (BIGINT).

-- One row per category: "amount" (the yearly total per company group at or above amount_yen
-- crosses), "any" (any relationship crosses, whatever the amount) or "off" (never crosses).
CREATE TABLE coi_thresholds (
    category TEXT PRIMARY KEY,
    rule TEXT NOT NULL,
    amount_yen BIGINT NOT NULL DEFAULT 0,
    updated_at BIGINT NOT NULL DEFAULT 0,
    updated_by TEXT REFERENCES people(id)
);
INSERT INTO coi_thresholds (category, rule, amount_yen) VALUES ('consulting', 'amount', 1000000);
INSERT INTO coi_thresholds (category, rule, amount_yen) VALUES ('lecture', 'amount', 500000);
INSERT INTO coi_thresholds (category, rule, amount_yen) VALUES ('equity', 'any', 0);
INSERT INTO coi_thresholds (category, rule, amount_yen) VALUES ('royalty', 'amount', 1000000);
INSERT INTO coi_thresholds (category, rule, amount_yen) VALUES ('research_funding', 'amount', 1000000);
INSERT INTO coi_thresholds (category, rule, amount_yen) VALUES ('gift', 'amount', 50000);
INSERT INTO coi_thresholds (category, rule, amount_yen) VALUES ('position', 'any', 0);

-- The office opens each fiscal year's declaration round (asking everyone who must declare);
-- from then on, whoever joins an active project is asked too.
CREATE TABLE coi_rounds (
    fiscal_year INTEGER PRIMARY KEY,
    opened_at BIGINT NOT NULL,
    opened_by TEXT REFERENCES people(id)
);

-- A person's declaration for a fiscal year (April–March); filing again replaces the relationships.
CREATE TABLE coi_declarations (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people(id),
    fiscal_year INTEGER NOT NULL,
    nothing_to_declare INTEGER NOT NULL DEFAULT 0,
    filed_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (person_id, fiscal_year)
);
CREATE INDEX coi_declarations_year ON coi_declarations(fiscal_year);

-- A relationship with a company: a registered organisation (matched against projects) or a
-- company named in free text.
CREATE TABLE coi_relationships (
    id TEXT PRIMARY KEY,
    declaration_id TEXT NOT NULL REFERENCES coi_declarations(id),
    position INTEGER NOT NULL,
    organisation_id TEXT REFERENCES organisations(id),
    company_name TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL,
    amount_yen BIGINT NOT NULL DEFAULT 0,
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX coi_relationships_declaration ON coi_relationships(declaration_id, position);

-- One case per (project, person, company group, fiscal year). status: open | decided | withdrawn.
-- decision: no_conflict | manageable | not_allowed. findings: JSON of the crossings when opened
-- (or reopened); fingerprint: what was decided, so a changed declaration reopens the case.
CREATE TABLE coi_cases (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects(id),
    person_id TEXT NOT NULL REFERENCES people(id),
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    fiscal_year INTEGER NOT NULL,
    status TEXT NOT NULL,
    findings TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    decision TEXT,
    measures TEXT NOT NULL DEFAULT '',
    decided_by TEXT REFERENCES people(id),
    decided_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (project_id, person_id, organisation_id, fiscal_year)
);
CREATE INDEX coi_cases_status ON coi_cases(status, created_at);
CREATE INDEX coi_cases_person ON coi_cases(person_id);
