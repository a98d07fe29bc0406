-- The steering committee as a body (運営委員会, issue 18, docs/committee.md): its members with
-- their side and term, the rules of quorum and majority, meetings with attendance, agenda items
-- (gathered from what awaits a decision, or added by the office, or voted in writing between
-- meetings: 書面決議), recusals, votes and decisions. Instants are UTC seconds; dates are
-- YYYY-MM-DD in Asia/Tokyo.

-- side: university | company. term_to NULL: open-ended.
CREATE TABLE committee_members (
    person_id TEXT PRIMARY KEY REFERENCES people(id),
    side TEXT NOT NULL,
    term_from TEXT NOT NULL,
    term_to TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- One row. quorum: majority | two_thirds (of the members in term, present);
-- each_side: at least one member of each side present; pass: majority_of_votes |
-- majority_of_eligible | two_thirds_of_eligible.
CREATE TABLE committee_rules (
    id INTEGER PRIMARY KEY,
    quorum TEXT NOT NULL,
    each_side INTEGER NOT NULL,
    pass TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
INSERT INTO committee_rules (id, quorum, each_side, pass, updated_at) VALUES (1, 'majority', 1, 'majority_of_votes', 0);

-- kind: regular (定例) | extraordinary (臨時). status: planned | sent (agenda sent) | closed
-- (minutes approved). booking_id: the room booked through the building module, if any.
CREATE TABLE committee_meetings (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    title_ja TEXT NOT NULL,
    title_en TEXT NOT NULL DEFAULT '',
    starts_at BIGINT NOT NULL,
    ends_at BIGINT NOT NULL,
    space_id TEXT,
    booking_id TEXT,
    status TEXT NOT NULL,
    sent_at BIGINT,
    closed_by TEXT REFERENCES people(id),
    closed_at BIGINT,
    created_by TEXT NOT NULL REFERENCES people(id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX committee_meetings_starts ON committee_meetings(starts_at);

CREATE TABLE committee_attendance (
    meeting_id TEXT NOT NULL REFERENCES committee_meetings(id),
    person_id TEXT NOT NULL REFERENCES people(id),
    present INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, person_id)
);

-- kind: project_proposal | opencall_selection | other. subject_id: the project or the call.
-- meeting_id NULL: a written resolution (書面決議) with its vote_deadline.
-- decision: NULL (open) | approved | rejected. tally: the count at the decision (JSON).
CREATE TABLE committee_items (
    id TEXT PRIMARY KEY,
    meeting_id TEXT REFERENCES committee_meetings(id),
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    subject_id TEXT,
    title_ja TEXT NOT NULL,
    title_en TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    vote_deadline BIGINT,
    decision TEXT,
    decision_note TEXT NOT NULL DEFAULT '',
    decided_by TEXT REFERENCES people(id),
    decided_at BIGINT,
    tally TEXT NOT NULL DEFAULT '{}',
    created_by TEXT NOT NULL REFERENCES people(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX committee_items_meeting ON committee_items(meeting_id, position);
CREATE INDEX committee_items_subject ON committee_items(subject_id);

-- reason: project_member | partner_employee | coi_declared | declared. A member's own
-- declaration is kept from when it is made; the automatic ones are written when the item is
-- decided (until then they are worked out afresh at every read).
CREATE TABLE committee_recusals (
    item_id TEXT NOT NULL REFERENCES committee_items(id),
    person_id TEXT NOT NULL REFERENCES people(id),
    reason TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    detail_en TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (item_id, person_id, reason)
);

-- vote: for | against | abstain. recorded_by: the member, or the office recording a vote cast
-- in the meeting.
CREATE TABLE committee_votes (
    item_id TEXT NOT NULL REFERENCES committee_items(id),
    person_id TEXT NOT NULL REFERENCES people(id),
    vote TEXT NOT NULL,
    cast_at BIGINT NOT NULL,
    recorded_by TEXT NOT NULL REFERENCES people(id),
    PRIMARY KEY (item_id, person_id)
);
