-- Internal approval chains (稟議, issue 18, docs/approvals.md): the office's configuration of who
-- approves what, and each chain as it ran. Instants are UTC seconds.

-- A rule: for a subject kind (contract | budget_change), a subject type ('' = any type; for a
-- contract its type, e.g. joint_research) and an amount band [amount_from, amount_to) in yen
-- (amount_to NULL: no upper bound), the ordered steps as JSON: [{label_ja, label_en, approver:
-- person | role | committee, person_id, role}]. Bands of the same kind and type do not overlap
-- (checked by the service).
CREATE TABLE approval_rules (
    id TEXT PRIMARY KEY,
    subject_kind TEXT NOT NULL,
    subject_type TEXT NOT NULL DEFAULT '',
    amount_from BIGINT NOT NULL DEFAULT 0,
    amount_to BIGINT,
    steps_json TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    updated_by TEXT REFERENCES people(id),
    updated_at BIGINT NOT NULL
);
CREATE INDEX approval_rules_kind ON approval_rules(subject_kind, subject_type);

-- With no configuration, behaviour stays as it was before chains: one step, any office member
-- other than whoever prepared the subject (or an admin).
INSERT INTO approval_rules (id, subject_kind, subject_type, amount_from, amount_to, steps_json, note, updated_at)
VALUES ('default-contract', 'contract', '', 0, NULL,
        '[{"label_ja":"事務局（作成者以外）","label_en":"Office (not the preparer)","approver":"role","role":"office"}]',
        '', 0);
INSERT INTO approval_rules (id, subject_kind, subject_type, amount_from, amount_to, steps_json, note, updated_at)
VALUES ('default-budget-change', 'budget_change', '', 0, NULL,
        '[{"label_ja":"事務局（作成者以外）","label_en":"Office (not the preparer)","approver":"role","role":"office"}]',
        '', 0);

-- A chain started for one subject: the steps are a snapshot of the rule at the start.
-- status: in_progress | approved | returned | withdrawn.
CREATE TABLE approval_chains (
    id TEXT PRIMARY KEY,
    subject_kind TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    subject_type TEXT NOT NULL DEFAULT '',
    amount_yen BIGINT,
    title_ja TEXT NOT NULL,
    title_en TEXT NOT NULL DEFAULT '',
    link TEXT NOT NULL DEFAULT '',
    prepared_by TEXT,
    rule_id TEXT,
    status TEXT NOT NULL,
    started_by TEXT,
    started_at BIGINT NOT NULL,
    ended_at BIGINT
);
CREATE INDEX approval_chains_subject ON approval_chains(subject_kind, subject_id);
CREATE INDEX approval_chains_status ON approval_chains(status);

-- status: waiting | current | approved | returned | cancelled. approver: person | role | committee.
CREATE TABLE approval_steps (
    id TEXT PRIMARY KEY,
    chain_id TEXT NOT NULL REFERENCES approval_chains(id),
    position INTEGER NOT NULL,
    label_ja TEXT NOT NULL,
    label_en TEXT NOT NULL DEFAULT '',
    approver TEXT NOT NULL,
    person_id TEXT,
    role TEXT,
    status TEXT NOT NULL,
    started_at BIGINT,
    decided_at BIGINT,
    decided_by TEXT,
    comment TEXT NOT NULL DEFAULT ''
);
CREATE INDEX approval_steps_chain ON approval_steps(chain_id, position);
