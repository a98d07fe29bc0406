-- Joint research projects (§5-4): the hub that contracts, ethics, COI, IP and rooms attach to.
-- Dates chosen by people (due dates, launch dates) are YYYY-MM-DD text in Asia/Tokyo; moments
-- are UTC seconds (BIGINT).
CREATE TABLE projects (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    area_code TEXT,
    title_ja TEXT NOT NULL,
    title_en TEXT NOT NULL DEFAULT '',
    aims TEXT NOT NULL DEFAULT '',
    public_summary TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    stage TEXT NOT NULL,
    stage_since BIGINT NOT NULL,
    report_period TEXT NOT NULL DEFAULT 'monthly',
    active_since BIGINT,
    proposed_by TEXT NOT NULL REFERENCES people(id),
    decided_by TEXT REFERENCES people(id),
    decided_at BIGINT,
    decision_reason TEXT NOT NULL DEFAULT '',
    search_key TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX projects_status_stage ON projects(status, stage);
CREATE INDEX projects_area ON projects(area_code, stage);

CREATE TABLE project_members (
    project_id TEXT NOT NULL REFERENCES projects(id),
    person_id TEXT NOT NULL REFERENCES people(id),
    role TEXT NOT NULL,
    organisation_id TEXT,
    added_at BIGINT NOT NULL,
    PRIMARY KEY (project_id, person_id)
);
CREATE INDEX project_members_person ON project_members(person_id, project_id);

-- Sponsor and partner companies (and other organisations).
CREATE TABLE project_organisations (
    project_id TEXT NOT NULL REFERENCES projects(id),
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    role TEXT NOT NULL,
    PRIMARY KEY (project_id, organisation_id, role)
);

CREATE TABLE project_budgets (
    project_id TEXT NOT NULL REFERENCES projects(id),
    fiscal_year INTEGER NOT NULL,
    amount_yen BIGINT NOT NULL,
    PRIMARY KEY (project_id, fiscal_year)
);

-- Links to other modules' objects (needs, seeds; later bookings, contracts, protocols).
CREATE TABLE project_links (
    project_id TEXT NOT NULL REFERENCES projects(id),
    kind TEXT NOT NULL,
    target_id TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (project_id, kind, target_id)
);

-- The gates, configured by the office: who approves entering a stage and what must exist.
CREATE TABLE project_gates (
    stage TEXT PRIMARY KEY,
    approver TEXT NOT NULL,
    requirements TEXT NOT NULL DEFAULT '',
    updated_at BIGINT NOT NULL DEFAULT 0,
    updated_by TEXT REFERENCES people(id)
);
INSERT INTO project_gates (stage, approver, requirements) VALUES ('feasibility', 'pi', 'pi_and_lead,aims');
INSERT INTO project_gates (stage, approver, requirements) VALUES ('joint_research', 'committee', 'milestone_plan,budget_current_fy,nda_signed,joint_research_agreement');
INSERT INTO project_gates (stage, approver, requirements) VALUES ('pre_clinical', 'committee', 'acknowledged_report,no_overdue_milestones,ip_reviewed');
INSERT INTO project_gates (stage, approver, requirements) VALUES ('clinical_study', 'committee', 'ethics_protocol_approved,coi_cleared');
INSERT INTO project_gates (stage, approver, requirements) VALUES ('regulatory', 'committee', 'acknowledged_report,regulatory_consultation');
INSERT INTO project_gates (stage, approver, requirements) VALUES ('launched', 'committee', 'product_record,product_launched');
INSERT INTO project_gates (stage, approver, requirements) VALUES ('sales', 'office', 'sales_record');

CREATE TABLE project_stage_requests (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects(id),
    from_stage TEXT NOT NULL,
    to_stage TEXT NOT NULL,
    approver TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL,
    requested_by TEXT NOT NULL REFERENCES people(id),
    requested_at BIGINT NOT NULL,
    decided_by TEXT REFERENCES people(id),
    decided_at BIGINT,
    reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX project_stage_requests_project ON project_stage_requests(project_id, state);

-- The timeline of stages: one row per stage entered (the first is the approval of the project).
CREATE TABLE project_stage_history (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects(id),
    from_stage TEXT,
    to_stage TEXT NOT NULL,
    at BIGINT NOT NULL,
    requested_by TEXT REFERENCES people(id),
    approved_by TEXT REFERENCES people(id),
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX project_stage_history_project ON project_stage_history(project_id, at);

-- Requirements of other modules confirmed by the office by hand until that module exists.
CREATE TABLE project_confirmations (
    project_id TEXT NOT NULL REFERENCES projects(id),
    code TEXT NOT NULL,
    note TEXT NOT NULL,
    confirmed_by TEXT NOT NULL REFERENCES people(id),
    confirmed_at BIGINT NOT NULL,
    PRIMARY KEY (project_id, code)
);

CREATE TABLE project_milestones (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects(id),
    title TEXT NOT NULL,
    owner_id TEXT NOT NULL REFERENCES people(id),
    due_on TEXT NOT NULL,
    done_at BIGINT,
    done_by TEXT REFERENCES people(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX project_milestones_project ON project_milestones(project_id, due_on);
CREATE INDEX project_milestones_open ON project_milestones(done_at, due_on);

CREATE TABLE project_reports (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects(id),
    author_id TEXT NOT NULL REFERENCES people(id),
    report_on TEXT NOT NULL,
    done_text TEXT NOT NULL,
    next_text TEXT NOT NULL DEFAULT '',
    risks_text TEXT NOT NULL DEFAULT '',
    help_text TEXT NOT NULL DEFAULT '',
    submitted_at BIGINT NOT NULL
);
CREATE INDEX project_reports_project ON project_reports(project_id, report_on);

CREATE TABLE project_report_acks (
    report_id TEXT NOT NULL REFERENCES project_reports(id),
    person_id TEXT NOT NULL REFERENCES people(id),
    role TEXT NOT NULL,
    at BIGINT NOT NULL,
    PRIMARY KEY (report_id, person_id)
);

CREATE TABLE project_documents (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects(id),
    title TEXT NOT NULL,
    visibility TEXT NOT NULL,
    current_version INTEGER NOT NULL,
    created_by TEXT NOT NULL REFERENCES people(id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX project_documents_project ON project_documents(project_id);

-- File content as base64 text: one portable column type on both engines.
CREATE TABLE project_document_versions (
    document_id TEXT NOT NULL REFERENCES project_documents(id),
    version INTEGER NOT NULL,
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    content_base64 TEXT NOT NULL,
    uploaded_by TEXT NOT NULL REFERENCES people(id),
    uploaded_at BIGINT NOT NULL,
    PRIMARY KEY (document_id, version)
);

CREATE TABLE project_products (
    project_id TEXT PRIMARY KEY REFERENCES projects(id),
    id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    name_ja TEXT NOT NULL,
    name_en TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    launched_on TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE project_sales (
    project_id TEXT NOT NULL REFERENCES projects(id),
    period TEXT NOT NULL,
    amount_yen BIGINT NOT NULL,
    recorded_by TEXT NOT NULL REFERENCES people(id),
    recorded_at BIGINT NOT NULL,
    PRIMARY KEY (project_id, period)
);

-- Settings the office changes (e.g. the committee's goal date).
CREATE TABLE project_settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO project_settings (name, value) VALUES ('goal_date', '2022-03-31');
