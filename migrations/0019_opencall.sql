-- The internal open call (学内公募, issue 19, docs/opencall.md): calls, their reviewer pools,
-- proposals with their teams and attachments, the office's pinned and forbidden pairs, the solved
-- assignment and the reviews. Instants are UTC seconds; dates are YYYY-MM-DD in Asia/Tokyo.
-- Small ordered lists that are only ever read whole with their parent (a call's areas and
-- criteria, a proposal's budget lines and links) are JSON text.

-- status: draft | open | review | committee | decided.
CREATE TABLE opencall_calls (
    id TEXT PRIMARY KEY,
    title_ja TEXT NOT NULL,
    title_en TEXT NOT NULL DEFAULT '',
    theme TEXT NOT NULL DEFAULT '',
    areas TEXT NOT NULL DEFAULT '[]',
    total_budget_yen BIGINT NOT NULL,
    per_project_cap_yen BIGINT NOT NULL,
    opens_on TEXT NOT NULL,
    closes_on TEXT NOT NULL,
    reviews_per_proposal INTEGER NOT NULL,
    disagreement_milli INTEGER NOT NULL,
    normalise INTEGER NOT NULL DEFAULT 0,
    criteria TEXT NOT NULL DEFAULT '[]',
    status TEXT NOT NULL DEFAULT 'draft',
    solved_at BIGINT,
    assignment_stale INTEGER NOT NULL DEFAULT 0,
    selection_note TEXT NOT NULL DEFAULT '',
    decided_by TEXT REFERENCES people(id),
    decided_at BIGINT,
    decision_note TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL REFERENCES people(id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX opencall_calls_status ON opencall_calls(status);

CREATE TABLE opencall_reviewers (
    call_id TEXT NOT NULL REFERENCES opencall_calls(id),
    person_id TEXT NOT NULL REFERENCES people(id),
    load_cap INTEGER NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (call_id, person_id)
);

-- status: draft | submitted | withdrawn | selected | not_selected. sent: in the selection the
-- office sent to the committee.
CREATE TABLE opencall_proposals (
    id TEXT PRIMARY KEY,
    call_id TEXT NOT NULL REFERENCES opencall_calls(id),
    applicant_id TEXT NOT NULL REFERENCES people(id),
    company_lead_id TEXT REFERENCES people(id),
    title_ja TEXT NOT NULL,
    title_en TEXT NOT NULL DEFAULT '',
    aims TEXT NOT NULL DEFAULT '',
    budgets TEXT NOT NULL DEFAULT '[]',
    links TEXT NOT NULL DEFAULT '[]',
    status TEXT NOT NULL DEFAULT 'draft',
    sent INTEGER NOT NULL DEFAULT 0,
    submitted_at BIGINT,
    project_id TEXT REFERENCES projects(id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX opencall_proposals_call ON opencall_proposals(call_id, status);
CREATE INDEX opencall_proposals_applicant ON opencall_proposals(applicant_id);

CREATE TABLE opencall_team (
    proposal_id TEXT NOT NULL REFERENCES opencall_proposals(id),
    person_id TEXT NOT NULL REFERENCES people(id),
    role TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (proposal_id, person_id)
);
CREATE INDEX opencall_team_person ON opencall_team(person_id);

-- File content as base64 text, like project documents.
CREATE TABLE opencall_attachments (
    id TEXT PRIMARY KEY,
    proposal_id TEXT NOT NULL REFERENCES opencall_proposals(id),
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    content_base64 TEXT NOT NULL,
    uploaded_by TEXT NOT NULL REFERENCES people(id),
    uploaded_at BIGINT NOT NULL
);
CREATE INDEX opencall_attachments_proposal ON opencall_attachments(proposal_id);

-- rule: pin | forbid.
CREATE TABLE opencall_pairs (
    call_id TEXT NOT NULL REFERENCES opencall_calls(id),
    proposal_id TEXT NOT NULL REFERENCES opencall_proposals(id),
    person_id TEXT NOT NULL REFERENCES people(id),
    rule TEXT NOT NULL,
    PRIMARY KEY (call_id, proposal_id, person_id)
);

-- The assignment last solved; expertise in thousandths.
CREATE TABLE opencall_assignments (
    call_id TEXT NOT NULL REFERENCES opencall_calls(id),
    proposal_id TEXT NOT NULL REFERENCES opencall_proposals(id),
    reviewer_id TEXT NOT NULL REFERENCES people(id),
    expertise INTEGER NOT NULL,
    pinned INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (proposal_id, reviewer_id)
);
CREATE INDEX opencall_assignments_call ON opencall_assignments(call_id);
CREATE INDEX opencall_assignments_reviewer ON opencall_assignments(reviewer_id);

-- scores: JSON object criterion code → 1–5.
CREATE TABLE opencall_reviews (
    proposal_id TEXT NOT NULL REFERENCES opencall_proposals(id),
    reviewer_id TEXT NOT NULL REFERENCES people(id),
    scores TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    submitted_at BIGINT,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (proposal_id, reviewer_id)
);
