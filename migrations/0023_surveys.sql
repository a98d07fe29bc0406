-- Surveys (アンケート, issue 18, docs/surveys.md): the office builds a survey (questions kept as
-- JSON beside it), sends it to a group, people answer from their inbox, results are counted.
-- Instants are UTC seconds; dates are YYYY-MM-DD in Asia/Tokyo.

-- status: draft | open | closed. source: live (answered in Renkei) | imported (aggregate results of
-- a survey run elsewhere, e.g. on paper, with its stated sample size; no responses rows).
-- questions: JSON array (kind, texts, options with an optional forward jump, scale, required).
-- audience: JSON {"roles": [...], "people": [...]} as chosen; the people it resolved to at sending
-- are survey_recipients. imported: JSON {sample_size, conducted, citation_ja, citation_en,
-- results: [{options: [{count, percent}]}]} (published figures only; null where not published).
CREATE TABLE surveys (
    id TEXT PRIMARY KEY,
    title_ja TEXT NOT NULL,
    title_en TEXT NOT NULL DEFAULT '',
    description_ja TEXT NOT NULL DEFAULT '',
    description_en TEXT NOT NULL DEFAULT '',
    questions TEXT NOT NULL DEFAULT '[]',
    status TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT 'live',
    anonymous INTEGER NOT NULL DEFAULT 0,
    results_to_respondents INTEGER NOT NULL DEFAULT 0,
    audience TEXT NOT NULL DEFAULT '{}',
    closes_on TEXT,
    imported TEXT NOT NULL DEFAULT '{}',
    sent_at BIGINT,
    closed_at BIGINT,
    created_by TEXT NOT NULL REFERENCES people(id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX surveys_created ON surveys(created_at);

-- Who was asked, and whether they have answered. answered_at is kept for named surveys only; an
-- anonymous survey records answered = 1 without a time, so nothing joins a person to a response.
CREATE TABLE survey_recipients (
    survey_id TEXT NOT NULL REFERENCES surveys(id),
    person_id TEXT NOT NULL REFERENCES people(id),
    answered INTEGER NOT NULL DEFAULT 0,
    answered_at BIGINT,
    PRIMARY KEY (survey_id, person_id)
);
CREATE INDEX survey_recipients_person ON survey_recipients(person_id);

-- One response per person. person_id and the times are NULL for an anonymous survey.
-- answers: JSON array aligned with the questions (null: not answered).
CREATE TABLE survey_responses (
    id TEXT PRIMARY KEY,
    survey_id TEXT NOT NULL REFERENCES surveys(id),
    person_id TEXT REFERENCES people(id),
    answers TEXT NOT NULL,
    submitted_at BIGINT,
    updated_at BIGINT
);
CREATE INDEX survey_responses_survey ON survey_responses(survey_id);
CREATE UNIQUE INDEX survey_responses_person ON survey_responses(survey_id, person_id);
