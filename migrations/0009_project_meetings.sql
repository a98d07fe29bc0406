-- Progress review meetings of projects (issue 6): who meets, when and where (a booking of the
-- building module), the minutes, and decisions that become tasks (milestones with an owner and
-- a due date). Also the link from an introduction (exchange) to the meeting booked for it and
-- to the project it led to.
CREATE TABLE project_meetings (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects(id),
    title TEXT NOT NULL,
    starts_at BIGINT NOT NULL,
    ends_at BIGINT NOT NULL,
    space_id TEXT,
    booking_id TEXT,
    status TEXT NOT NULL,
    minutes TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL REFERENCES people(id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX project_meetings_project ON project_meetings(project_id, starts_at);

CREATE TABLE project_meeting_attendees (
    meeting_id TEXT NOT NULL REFERENCES project_meetings(id),
    person_id TEXT NOT NULL REFERENCES people(id),
    PRIMARY KEY (meeting_id, person_id)
);

CREATE TABLE project_meeting_decisions (
    id TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES project_meetings(id),
    project_id TEXT NOT NULL REFERENCES projects(id),
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    milestone_id TEXT REFERENCES project_milestones(id),
    created_by TEXT NOT NULL REFERENCES people(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX project_meeting_decisions_meeting ON project_meeting_decisions(meeting_id, position);

CREATE INDEX project_links_target ON project_links(kind, target_id);

ALTER TABLE exchange_introductions ADD COLUMN project_id TEXT;
ALTER TABLE exchange_introductions ADD COLUMN booking_id TEXT;
