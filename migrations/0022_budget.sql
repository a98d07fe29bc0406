-- The centre's budget (issue 18, docs/budget.md): the planned amount per fiscal year and strategic
-- area, spending lines per project (entered by the office or imported from CSV), the crossings of
-- a project's allocation that raised a warning, and requests to change a project's allocation
-- that await the steering committee. A project's allocation itself is its budget in the projects
-- module (project_budgets), read and changed through its service only. Amounts are whole yen;
-- fiscal years run April–March and are named by the year they start in; dates are YYYY-MM-DD;
-- instants are UTC seconds.

-- area_code: a strategic area's code, or 'other' (open-call and other joint research).
CREATE TABLE budget_plans (
    fiscal_year INTEGER NOT NULL,
    area_code TEXT NOT NULL,
    amount_yen BIGINT NOT NULL,
    updated_by TEXT NOT NULL REFERENCES people(id),
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (fiscal_year, area_code)
);

-- category: personnel (人件費) | equipment (物品費) | travel (旅費) | honoraria (謝金) | other (その他).
-- import_key: for a line imported from CSV, a hash of the row's fields and its occurrence in the
-- file (docs/budget.md), so importing the same file again adds nothing; NULL for lines entered by hand.
CREATE TABLE budget_spending (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects(id),
    fiscal_year INTEGER NOT NULL,
    spent_on TEXT NOT NULL,
    amount_yen BIGINT NOT NULL,
    category TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    reference TEXT NOT NULL DEFAULT '',
    import_key TEXT UNIQUE,
    created_by TEXT NOT NULL REFERENCES people(id),
    created_at BIGINT NOT NULL,
    updated_by TEXT NOT NULL REFERENCES people(id),
    updated_at BIGINT NOT NULL
);
CREATE INDEX budget_spending_year ON budget_spending(fiscal_year, project_id);
CREATE INDEX budget_spending_project ON budget_spending(project_id, spent_on);

-- Whether a project is over its allocation for a year now, and how many times it crossed it (one
-- warning per crossing, keyed by the count).
CREATE TABLE budget_overspend (
    project_id TEXT NOT NULL REFERENCES projects(id),
    fiscal_year INTEGER NOT NULL,
    over_now INTEGER NOT NULL,
    crossings INTEGER NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (project_id, fiscal_year)
);

-- status: pending (awaits the committee) | approved | rejected | withdrawn.
-- current_yen: the allocation when asked (NULL: none recorded).
CREATE TABLE budget_changes (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects(id),
    fiscal_year INTEGER NOT NULL,
    current_yen BIGINT,
    new_yen BIGINT NOT NULL,
    reason TEXT NOT NULL,
    status TEXT NOT NULL,
    requested_by TEXT NOT NULL REFERENCES people(id),
    requested_at BIGINT NOT NULL,
    decided_by TEXT REFERENCES people(id),
    decided_at BIGINT,
    decision_note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX budget_changes_status ON budget_changes(status, requested_at);
CREATE INDEX budget_changes_project ON budget_changes(project_id, fiscal_year);
