-- One inbox per person: everything asked of them across modules (approve a stage, acknowledge a
-- report, a milestone due; later: sign a contract, declare COI). Modules create and resolve items
-- through inbox/service.hpp, keyed by (source, source_key).
CREATE TABLE inbox_items (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people(id),
    kind TEXT NOT NULL,
    source TEXT NOT NULL,
    source_key TEXT NOT NULL,
    title_ja TEXT NOT NULL,
    title_en TEXT NOT NULL,
    context_ja TEXT NOT NULL DEFAULT '',
    context_en TEXT NOT NULL DEFAULT '',
    link TEXT NOT NULL DEFAULT '',
    due_on TEXT,
    action_json TEXT,
    state TEXT NOT NULL DEFAULT 'open',
    created_at BIGINT NOT NULL,
    resolved_at BIGINT,
    resolved_by TEXT REFERENCES people(id)
);
CREATE INDEX inbox_items_person_state ON inbox_items(person_id, state, due_on);
CREATE INDEX inbox_items_source ON inbox_items(source, source_key, state);
